// The written form of the data-integrity faults and actions, as plain types (structurally the zod schemas'
// output in scenario/schema/data.ts). Durations are integer milliseconds. The model is in data-model.ts;
// the reasons behind it are in docs/model/data.md.

/** Where corrupted writes come from: a partner's data format (ends when the partner fixes it) or a bad server node (ends when it is removed). */
export type CorruptionSource = "partner" | "node";

/** A share of an app's or a service's stored writes is stored corrupted, from when the fault strikes. */
export interface CorruptWritesFault {
  type: "data:corrupt-writes";
  /** App whose writes are corrupted (its served requests per second are its writes). */
  app?: string | undefined;
  /** Service whose writes are corrupted (needs writesPerSecond). */
  service?: string | undefined;
  /** Corrupted writes per thousand stored. */
  perMille: number;
  source: CorruptionSource;
  /** Writes per second at full capacity, for a service or an app without a load model. */
  writesPerSecond?: number | undefined;
}

/** Objects copied from one store to another over a while, some copies failing; sources deleted before or after verification. */
export interface MigrationFault {
  type: "data:migration";
  from: string;
  to: string;
  objects: number;
  /** Copies that fail, per thousand. */
  copyFailurePerMille: number;
  /** Verify every copy (and re-copy the failed ones) before deleting the sources. */
  verifyBeforeDelete: boolean;
  /** How long one copy pass over every object takes. */
  over: number;
}

/** A data-integrity fault. */
export type DataFault = CorruptWritesFault | MigrationFault;

/** The partner deploys a fix of its data format: the named partner-caused corruption stops. */
export interface FixPartnerFormatAction {
  action: "fix-partner-format";
  fault: string;
}

/** The bad node behind the named node-caused corruption is taken out of service: it stops. */
export interface RemoveNodeAction {
  action: "remove-node";
  fault: string;
}

/** Corrupted records of an app or a service are repaired by hand: a fraction of those not yet repaired, at once or spread over a while. */
export interface RepairRecordsAction {
  action: "repair-records";
  app?: string | undefined;
  service?: string | undefined;
  /** Share of the records corrupted and not yet repaired at this moment that get repaired (default 1). */
  fraction?: number | undefined;
  /** How long the repair takes; the records count as repaired when it ends (default: at once). */
  over?: number | undefined;
}

/** An operator action on data. */
export type DataAction = FixPartnerFormatAction | RemoveNodeAction | RepairRecordsAction;

/** Fault types of the data layer. */
export const DATA_FAULT_TYPES = ["data:corrupt-writes", "data:migration"] as const;

/** Operator actions of the data layer. */
export const DATA_ACTIONS = ["fix-partner-format", "remove-node", "repair-records"] as const;

/** Which part of a run an id names, for the trace layer of its data transitions. */
export type DataOwnerKind = "app" | "service";
