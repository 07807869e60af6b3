import type { Applied, LayerPort } from "../core/port.js";
import type { ModelContext } from "../core/context.js";
import type { DataLedger } from "../core/data-ledger.js";
import type { Layer } from "../core/layer.js";
import type { CorruptionSource, CorruptWritesFault, DataAction, DataFault, DataOwnerKind, MigrationFault, RepairRecordsAction } from "./config.js";
import { planMigration, type MigrationPlan } from "./migration-plan.js";
import { corruptedOf, writesBetween, type ServedSharePoint, type WriteRatePoint } from "./written.js";

/** Where a component's stored writes come from: its write rate and the share of it served, both as step functions so far. */
export interface WriteSource {
  rates(): readonly WriteRatePoint[];
  shares(): readonly ServedSharePoint[];
}

/** What the data model needs from the run around it. */
export interface DataModelInputs {
  /** The stored writes of the component a corruption fault names. */
  writeSource(fault: CorruptWritesFault): WriteSource;
  /** Local clock text of a simulated time, for the trace's sentences. */
  formatTime(atMs: number): string;
}

/** Event priority of migration steps and timed repairs: after faults (1) and operators (2), before propagation (10). */
const DATA_PRIORITY = 3;

/** The state line of a component's records in the trace. */
type RecordsLabel = "clean" | "corrupting" | "dirty" | "repairing";

/** The records of one app or service: what was corrupted and repaired, and the label of their line in the trace. */
interface RecordStore {
  readonly component: string;
  readonly layer: Layer;
  label: RecordsLabel;
  corrupted: number;
  repaired: number;
  /** Records being repaired by a repair that has not ended yet. */
  pending: number;
}

/** One stream of corrupted writes: a data:corrupt-writes fault from its strike until it is fixed, removed or cleared. */
interface CorruptionStream {
  readonly name: string;
  readonly store: RecordStore;
  readonly fault: CorruptWritesFault;
  readonly source: WriteSource;
  readonly startMs: number;
  /** The fault's injection: the cause of every record it corrupts. */
  readonly cause: number;
  open: boolean;
  /** Writes stored since the start, up to flushedMs (exact, not rounded). */
  writes: number;
  flushedMs: number;
  /** Corrupted records already in the ledger (the rounded running total). */
  recorded: number;
  /** Writes already counted as written in the ledger. */
  writtenRecorded: number;
}

/** A repair by hand spread over a while. */
interface TimedRepair {
  readonly store: RecordStore;
  readonly operator: string;
  readonly count: number;
  readonly startMs: number;
  readonly endMs: number;
  /** The operator's "repairing" transition. */
  readonly cause: number;
  done: boolean;
}

/** A migration in progress. */
interface Migration {
  readonly name: string;
  readonly fault: MigrationFault;
  readonly plan: MigrationPlan;
  /** The latest phase transition, cause of the next. */
  last: number;
  phase: "copying" | "re-copying" | "done";
}

const LAYER_OF: Readonly<Record<DataOwnerKind, Layer>> = { app: "app", service: "cloud" };

/** Whole number with thousands separators (no locale: reports are byte-identical everywhere). */
export function formatCount(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A duration in words for the trace: 45s, 22m, 6h, 1h30m. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  const minutes = Math.round(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}m`;
  return rest === 0 ? `${hours}h` : `${hours}h${rest}m`;
}

const SOURCE_WORDS: Readonly<Record<CorruptionSource, string>> = { partner: "a partner's data format", node: "a faulty server node" };

/**
 * Data integrity over a run: streams of corrupted writes (counted exactly from the write rate), repairs by hand,
 * and migrations that may delete sources before their copies are verified. Every count goes to the data ledger,
 * and every change to the trace, with its causes.
 */
export class DataModel implements LayerPort<DataFault, DataAction> {
  private readonly stores = new Map<string, RecordStore>();
  private readonly streams = new Map<string, CorruptionStream>();
  private readonly repairs: TimedRepair[] = [];
  private readonly migrations: Migration[] = [];
  private readonly repairKind: number;
  private readonly migrationKind: number;

  constructor(private readonly ctx: ModelContext, private readonly ledger: DataLedger, private readonly inputs: DataModelInputs) {
    this.repairKind = ctx.sim.registerKind("data-repair", (sim, arg) => this.finishRepair(this.repairs[arg] as TimedRepair, sim.nowMs));
    this.migrationKind = ctx.sim.registerKind("data-migration", (sim, arg) => this.migrationStep(this.migrations[arg] as Migration, sim.nowMs));
  }

  /** The data layer's port: a fault strikes now, and its clearing (recorded here, with what it did) is caused by its injection. */
  applyFault(fault: DataFault, cause: number, name: string): Applied {
    this.strike(name, fault, cause, this.ctx.sim.nowMs);
    return { undo: (injection) => this.clear(name, this.ctx.sim.nowMs, [injection]), recordsClearing: true };
  }

  /** The data layer's port: an operator step acts now. */
  applyAction(action: DataAction, cause: number, name: string): void {
    this.act(name, action, cause, this.ctx.sim.nowMs);
  }

  /** A data fault strikes at `nowMs`; `cause` is its injection transition. */
  strike(name: string, fault: DataFault, cause: number, nowMs: number): void {
    if (fault.type === "data:migration") this.startMigration(name, fault, cause, nowMs);
    else this.startCorruption(name, fault, cause, nowMs);
  }

  /** A data fault's `duration` ended at `nowMs`: records its clearing (caused by `causes`) and stops what it does. */
  clear(name: string, nowMs: number, causes: readonly number[]): void {
    const stream = this.streams.get(name);
    if (stream === undefined || !stream.open) {
      this.ctx.trace.record({ atMs: nowMs, component: name, layer: "fault", from: "injected", to: "cleared", aspect: "lifecycle", atWork: true, causes, detail: "cleared: nothing left to stop" });
      return;
    }
    this.stopStream(stream, nowMs, causes, `cleared after ${formatDuration(nowMs - stream.startMs)}`);
  }

  /** An operator step acts at `nowMs`; `cause` is its transition. */
  act(operator: string, action: DataAction, cause: number, nowMs: number): void {
    if (action.action === "repair-records") {
      this.repair(operator, action, cause, nowMs);
      return;
    }
    const stream = this.streams.get(action.fault);
    const stops: CorruptionSource = action.action === "fix-partner-format" ? "partner" : "node";
    // A partner's fix does not mend a node, and removing a node does not fix a format (the rules say so too).
    if (stream === undefined || !stream.open || stream.fault.source !== stops) return;
    const words = action.action === "fix-partner-format" ? "the partner's format fix is live" : "the bad node is out of service";
    this.stopStream(stream, nowMs, [cause], words);
  }

  /** Counts what is still going on when the run ends at `endMs`: open streams, and the done share of repairs under way. */
  finish(endMs: number): void {
    for (const stream of this.streams.values()) if (stream.open) this.flush(stream, endMs, " (still corrupting when the run ended)");
    for (const repair of this.repairs) {
      if (repair.done || repair.startMs >= endMs) continue;
      const count = Math.round((repair.count * Math.min(1, (endMs - repair.startMs) / (repair.endMs - repair.startMs))));
      repair.done = true;
      repair.store.pending -= repair.count;
      repair.store.repaired += count;
      if (count > 0) this.ledger.record({ atMs: endMs, component: repair.store.component, kind: "repaired", count, unit: "records", cause: repair.cause, detail: `${formatCount(count)} of ${formatCount(repair.count)} records repaired by ${repair.operator} when the run ended mid-repair` });
    }
  }

  /** Records corrupted so far (counted up to the latest event), repaired, and not yet repaired, of an app or a service. */
  records(component: string): { readonly corrupted: number; readonly repaired: number; readonly unrepaired: number } {
    const store = this.stores.get(component);
    if (store === undefined) return { corrupted: 0, repaired: 0, unrepaired: 0 };
    return { corrupted: store.corrupted, repaired: store.repaired, unrepaired: store.corrupted - store.repaired };
  }

  private storeOf(component: string, kind: DataOwnerKind): RecordStore {
    let store = this.stores.get(component);
    if (store === undefined) {
      store = { component, layer: LAYER_OF[kind], label: "clean", corrupted: 0, repaired: 0, pending: 0 };
      this.stores.set(component, store);
    }
    return store;
  }

  private startCorruption(name: string, fault: CorruptWritesFault, cause: number, nowMs: number): void {
    const component = fault.app ?? (fault.service as string);
    const store = this.storeOf(component, fault.app !== undefined ? "app" : "service");
    const stream: CorruptionStream = { name, store, fault, source: this.inputs.writeSource(fault), startMs: nowMs, cause, open: true, writes: 0, flushedMs: nowMs, recorded: 0, writtenRecorded: 0 };
    this.streams.set(name, stream);
    const ends = fault.source === "partner" ? "until the partner fixes its format" : "until the node is taken out of service";
    this.settle(store, nowMs, cause, `${fault.perMille}‰ of stored writes corrupted by ${name} (${SOURCE_WORDS[fault.source]}), ${ends}`);
  }

  /** Counts a stream's corrupted records up to `toMs` into the ledger. */
  private flush(stream: CorruptionStream, toMs: number, note = ""): void {
    if (toMs <= stream.flushedMs) return;
    const fromMs = stream.flushedMs;
    const writes = writesBetween(stream.source.rates(), stream.source.shares(), fromMs, toMs);
    stream.writes += writes;
    stream.flushedMs = toMs;
    const total = Math.round(corruptedOf(stream.writes, stream.fault.perMille));
    const count = total - stream.recorded;
    if (count <= 0) return;
    // The writes stored while the stream corrupted: what the corrupted records are out of.
    const written = Math.round(stream.writes) - stream.writtenRecorded;
    if (written > 0) {
      this.ledger.record({ atMs: toMs, component: stream.store.component, kind: "written", count: written, unit: "records", cause: stream.cause, detail: `${formatCount(written)} records written while ${stream.name} corrupted them` });
      stream.writtenRecorded += written;
    }
    stream.recorded = total;
    stream.store.corrupted += count;
    const span = `${this.inputs.formatTime(fromMs)}–${this.inputs.formatTime(toMs)}`;
    this.ledger.record({
      atMs: toMs, component: stream.store.component, kind: "corrupted", count, unit: "records", cause: stream.cause,
      detail: `${formatCount(count)} records stored corrupted by ${stream.name} (${stream.fault.perMille}‰ of ${formatCount(writes)} writes, ${SOURCE_WORDS[stream.fault.source]}) ${span}${note}`,
    });
  }

  private stopStream(stream: CorruptionStream, nowMs: number, causes: readonly number[], words: string): void {
    this.flush(stream, nowMs);
    stream.open = false;
    const span = `${this.inputs.formatTime(stream.startMs)}–${this.inputs.formatTime(nowMs)}`;
    const id = this.ctx.trace.record({
      atMs: nowMs, component: stream.name, layer: "fault", from: "injected", to: "cleared", aspect: "lifecycle", atWork: true, causes,
      detail: `${formatCount(stream.recorded)} records corrupted (${stream.fault.perMille}‰ of ${formatCount(stream.writes)} writes of ${stream.store.component}, ${span}); ${words}`,
    });
    this.settle(stream.store, nowMs, id, this.summary(stream.store));
  }

  private repair(operator: string, action: RepairRecordsAction, cause: number, nowMs: number): void {
    const component = action.app ?? (action.service as string);
    const store = this.storeOf(component, action.app !== undefined ? "app" : "service");
    for (const stream of this.streams.values()) if (stream.open && stream.store === store) this.flush(stream, nowMs);
    const waiting = store.corrupted - store.repaired - store.pending;
    const count = Math.round((action.fraction ?? 1) * waiting);
    const over = action.over ?? 0;
    if (over <= 0) {
      store.repaired += count;
      const id = this.ctx.trace.record({ atMs: nowMs, component: operator, layer: "operator", from: "acted", to: "repaired", aspect: "lifecycle", atWork: true, causes: [cause], detail: `${formatCount(count)} corrupted records of ${component} repaired by hand` });
      if (count > 0) this.ledger.record({ atMs: nowMs, component, kind: "repaired", count, unit: "records", cause: id, detail: `${formatCount(count)} records repaired by hand (${operator})` });
      this.settle(store, nowMs, id, this.summary(store));
      return;
    }
    store.pending += count;
    const id = this.ctx.trace.record({ atMs: nowMs, component: operator, layer: "operator", from: "acted", to: "repairing", aspect: "lifecycle", atWork: true, causes: [cause], detail: `repairing ${formatCount(count)} corrupted records of ${component} by hand until ${this.inputs.formatTime(nowMs + over)}` });
    this.repairs.push({ store, operator, count, startMs: nowMs, endMs: nowMs + over, cause: id, done: false });
    this.ctx.sim.schedule(this.repairKind, over, this.repairs.length - 1, DATA_PRIORITY);
    this.settle(store, nowMs, id, `repairing ${formatCount(count)} records by hand until ${this.inputs.formatTime(nowMs + over)}`);
  }

  private finishRepair(repair: TimedRepair, nowMs: number): void {
    if (repair.done) return;
    repair.done = true;
    const { store } = repair;
    store.pending -= repair.count;
    store.repaired += repair.count;
    const id = this.ctx.trace.record({ atMs: nowMs, component: repair.operator, layer: "operator", from: "repairing", to: "repaired", aspect: "lifecycle", atWork: true, causes: [repair.cause], detail: `${formatCount(repair.count)} corrupted records of ${store.component} repaired by hand` });
    if (repair.count > 0) this.ledger.record({ atMs: nowMs, component: store.component, kind: "repaired", count: repair.count, unit: "records", cause: id, detail: `${formatCount(repair.count)} records repaired by hand (${repair.operator})` });
    for (const stream of this.streams.values()) if (stream.open && stream.store === store) this.flush(stream, nowMs);
    this.settle(store, nowMs, id, this.summary(store));
  }

  private summary(store: RecordStore): string {
    const left = store.corrupted - store.repaired;
    return `${formatCount(store.corrupted)} records corrupted so far, ${formatCount(store.repaired)} repaired, ${formatCount(left)} still corrupted`;
  }

  /** Moves a store's line in the trace to the label its state calls for, if it changed. */
  private settle(store: RecordStore, nowMs: number, cause: number, detail: string): void {
    let label: RecordsLabel = "clean";
    if ([...this.streams.values()].some((s) => s.open && s.store === store)) label = "corrupting";
    else if (store.pending > 0) label = "repairing";
    else if (store.corrupted > store.repaired) label = "dirty";
    if (label === store.label) return;
    this.ctx.trace.record({ atMs: nowMs, component: store.component, layer: store.layer, from: store.label, to: label, aspect: "records", atWork: label === "clean", causes: [cause], detail });
    store.label = label;
  }

  private startMigration(name: string, fault: MigrationFault, cause: number, nowMs: number): void {
    const plan = planMigration(fault);
    const last = this.ctx.trace.record({
      atMs: nowMs, component: name, layer: "fault", from: "injected", to: "copying", aspect: "lifecycle", atWork: false, causes: [cause],
      detail: `copying ${formatCount(fault.objects)} objects from ${fault.from} to ${fault.to} over ${formatDuration(fault.over)}; ${fault.copyFailurePerMille}‰ of copies fail; ${fault.verifyBeforeDelete ? "sources kept until every copy is verified" : "sources deleted before verification"}`,
    });
    this.migrations.push({ name, fault, plan, last, phase: "copying" });
    this.ctx.sim.schedule(this.migrationKind, fault.over, this.migrations.length - 1, DATA_PRIORITY);
  }

  private phase(m: Migration, nowMs: number, from: string, to: string, detail: string): number {
    m.last = this.ctx.trace.record({ atMs: nowMs, component: m.name, layer: "fault", from, to, aspect: "lifecycle", atWork: false, causes: [m.last], detail });
    return m.last;
  }

  private migrationStep(m: Migration, nowMs: number): void {
    const { fault, plan } = m;
    const failed = formatCount(plan.failedCopies);
    if (m.phase === "copying" && !fault.verifyBeforeDelete) {
      m.phase = "done";
      this.phase(m, nowMs, "copying", "copied", `copy pass done: ${failed} of ${formatCount(fault.objects)} copies to ${fault.to} failed (${fault.copyFailurePerMille}‰), unnoticed`);
      this.phase(m, nowMs, "copied", "sources deleted", `sources deleted from ${fault.from} before the copies were verified`);
      this.phase(m, nowMs, "sources deleted", "verified", `verified after deletion: ${failed} objects missing from ${fault.to}, their sources gone`);
      if (plan.lostObjects === 0) return;
      const detail = `${formatCount(plan.lostObjects)} objects lost: their copies failed (${fault.copyFailurePerMille}‰ of ${formatCount(fault.objects)}) and the sources were deleted before verification; they would have been kept with verify-before-delete (${fault.copyFailurePerMille >= 1000 ? "the migration would have halted with every source kept" : `at the cost of +${formatDuration(plan.verifiedRecopyMs)} of re-copying`})`;
      const lost = this.ctx.trace.record({ atMs: nowMs, component: fault.from, layer: "cloud", from: "intact", to: "lost", aspect: "objects", atWork: false, causes: [m.last], detail });
      this.ledger.record({ atMs: nowMs, component: fault.from, kind: "written", count: fault.objects, unit: "objects", cause: lost, detail: `${formatCount(fault.objects)} objects migrated` });
      this.ledger.record({ atMs: nowMs, component: fault.from, kind: "lost", count: plan.lostObjects, unit: "objects", cause: lost, detail });
      return;
    }
    if (m.phase === "copying") {
      this.phase(m, nowMs, "copying", "copied", `copy pass done: verification finds ${failed} of ${formatCount(fault.objects)} copies to ${fault.to} failed (${fault.copyFailurePerMille}‰)`);
      if (plan.recopyMs > 0) {
        m.phase = "re-copying";
        this.phase(m, nowMs, "copied", "re-copying", `re-copying ${failed} failed copies before deleting anything: ${plan.recopyPasses} pass(es), +${formatDuration(plan.recopyMs)}`);
        this.ctx.sim.schedule(this.migrationKind, plan.recopyMs, this.migrations.indexOf(m), DATA_PRIORITY);
        return;
      }
    }
    const previous = m.phase === "re-copying" ? "re-copying" : "copied";
    m.phase = "done";
    const kept = plan.keptOnSource;
    if (kept >= fault.objects) {
      this.phase(m, nowMs, previous, "halted", `verification fails every copy: nothing deleted, all ${formatCount(fault.objects)} sources kept on ${fault.from}; nothing lost, the migration must be redone`);
      return;
    }
    const verified = formatCount(fault.objects - kept);
    this.phase(m, nowMs, previous, "verified", kept === 0 ? `every copy verified: all ${verified} objects on ${fault.to}` : `${verified} copies verified; ${formatCount(kept)} never verified after ${plan.recopyPasses} passes`);
    const keptWords = kept === 0 ? "" : `, except the ${formatCount(kept)} never verified, kept`;
    this.phase(m, nowMs, "verified", "sources deleted", `sources deleted from ${fault.from} after verification${keptWords}: nothing lost (verification took +${formatDuration(plan.recopyMs)})`);
  }
}
