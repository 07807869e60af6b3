import { z } from "zod";
import type { CorruptWritesFault, FixPartnerFormatAction, MigrationFault, RemoveNodeAction, RepairRecordsAction } from "../../model/data/config.js";
import { componentId, durationMs, fraction } from "./units.js";

const corruptWritesSchema = z.strictObject({
  type: z.literal("data:corrupt-writes").describe("a share of an app's (or a service's) stored writes is stored corrupted from when the fault strikes: counted in the data ledger as corrupted records until repaired"),
  app: componentId.optional().describe("app whose writes are corrupted: its served requests per second are its writes (needs a load model, or writesPerSecond)"),
  service: componentId.optional().describe("service whose writes are corrupted (needs writesPerSecond)"),
  perMille: z.number().describe("corrupted writes per thousand stored, in (0, 1000] (e.g. 3)"),
  source: z.enum(["partner", "node"]).describe("partner: a partner's data format (stops when the fault's duration ends or at a fix-partner-format step); node: a faulty server node (stops only at a remove-node step)"),
  writesPerSecond: z.number().positive().max(1e12).optional().describe("writes per second at full capacity, for a service or an app without a load model"),
});

const migrationSchema = z.strictObject({
  type: z.literal("data:migration").describe("objects are copied from one store to another over `over`; some copies fail; without verifyBeforeDelete the sources are deleted before the copies are verified and every failed copy is lost"),
  from: componentId.describe("service the objects are copied from (their sources are deleted at the end)"),
  to: componentId.describe("service the objects are copied to"),
  objects: z.number().positive().max(1e15).describe("objects migrated"),
  copyFailurePerMille: z.number().describe("copies that fail, per thousand, in [0, 1000] (1000: every copy fails; with verifyBeforeDelete the migration then stops with its sources kept)"),
  verifyBeforeDelete: z.boolean().describe("true: failed copies are found and re-copied before any source is deleted (nothing lost, the migration takes longer); false: sources deleted first"),
  over: durationMs.describe("how long one copy pass over every object takes (e.g. 6h)"),
});

/** Faults on stored data. */
export const dataFaultSchemas = [corruptWritesSchema, migrationSchema] as const;

const fixPartnerFormatSchema = z.strictObject({
  action: z.literal("fix-partner-format").describe("the partner deploys a fix of its data format: the named data:corrupt-writes fault with source partner stops corrupting"),
  fault: componentId.describe("the data:corrupt-writes fault (source: partner) it stops"),
});

const removeNodeSchema = z.strictObject({
  action: z.literal("remove-node").describe("the faulty node behind a data:corrupt-writes fault (source: node) is taken out of service: it stops corrupting"),
  fault: componentId.describe("the data:corrupt-writes fault (source: node) it stops"),
});

const repairRecordsSchema = z.strictObject({
  action: z.literal("repair-records").describe("corrupted records are repaired by hand: a fraction of those corrupted and not yet repaired at this moment"),
  app: componentId.optional().describe("app whose records are repaired"),
  service: componentId.optional().describe("service whose records are repaired"),
  fraction: fraction.optional().describe("share of the records still corrupted now that get repaired (default 1)"),
  over: durationMs.optional().describe("how long the repair takes; the records count as repaired when it ends (default: at once)"),
});

/** Operator actions on stored data. */
export const dataActionSchemas = [fixPartnerFormatSchema, removeNodeSchema, repairRecordsSchema] as const;

export type DataFaultInput = z.infer<(typeof dataFaultSchemas)[number]>;
export type DataActionInput = z.infer<(typeof dataActionSchemas)[number]>;

// The model's plain types are the schemas' output: a change to one side that the other misses fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: [
  Same<z.infer<typeof corruptWritesSchema>, CorruptWritesFault>,
  Same<z.infer<typeof migrationSchema>, MigrationFault>,
  Same<z.infer<typeof fixPartnerFormatSchema>, FixPartnerFormatAction>,
  Same<z.infer<typeof removeNodeSchema>, RemoveNodeAction>,
  Same<z.infer<typeof repairRecordsSchema>, RepairRecordsAction>,
] = [true, true, true, true, true];
void sameShapes;
