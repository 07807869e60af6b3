import type { RandomStream } from "../../engine/rng.js";
import type { BehaviorControl, BehaviorInputs } from "../core/propagation.js";
import type { PlacementInput } from "./config.js";

/** What building a cloud behavior may read of the world: random streams and the compute layer's clusters. */
export interface CloudBuildContext {
  /** The service's own random stream for one purpose. */
  stream(purpose: string): RandomStream;
  /** Number of servers (nodes) of a cluster. */
  clusterServers(clusterId: string): number;
  /** Fraction (0..1) of a cluster's servers damaged now (their disks' data is gone until rebuilt elsewhere). */
  damagedFraction(clusterId: string): number;
}

/** A zone as resolved from a placement: its name and clusters. */
export interface Zone {
  readonly name: string;
  readonly clusters: readonly string[];
}

/** The zones of a placement: the written `zones`, or one zone named "default" holding `clusters`. */
export function resolveZones(input: PlacementInput): Zone[] {
  if (input.zones !== undefined) return Object.entries(input.zones).map(([name, clusters]) => ({ name, clusters }));
  return [{ name: "default", clusters: input.clusters ?? [] }];
}

/** Every cluster of a placement, zone by zone. */
export function placementClusters(input: PlacementInput): string[] {
  return resolveZones(input).flatMap((z) => [...z.clusters]);
}

/** Nodes of each zone that are usable now: round(Σ capacity × servers) over its clusters. */
export function zoneUpNodes(zones: readonly Zone[], servers: (id: string) => number, inputs: BehaviorInputs): number[] {
  return zones.map((z) => Math.round(z.clusters.reduce((sum, c) => sum + inputs.capacity(c) * servers(c), 0)));
}

/** Mean capacity of some components; 1 when the list is empty. */
export function meanCapacity(ids: readonly string[], inputs: BehaviorInputs): number {
  if (ids.length === 0) return 1;
  let sum = 0;
  for (const id of ids) sum += inputs.capacity(id);
  return sum / ids.length;
}

/** Asks for wake-ups without asking twice for the same instant (evaluate may run several times per instant). */
export class Waker {
  private readonly pending = new Set<number>();

  /** Requests an evaluation at `atMs` if it is in the future and not already requested. */
  at(atMs: number, nowMs: number, control: BehaviorControl): void {
    for (const t of this.pending) if (t <= nowMs) this.pending.delete(t);
    if (!(atMs > nowMs) || !Number.isFinite(atMs) || this.pending.has(atMs)) return;
    this.pending.add(atMs);
    control.wakeAt(atMs);
  }
}

/** Records data lost in the ledger; holds an entry back until an evaluation carries a cause to name. */
export class LossRecorder {
  private held = 0;
  private total = 0;
  private writtenRecorded = 0;

  /** @param writtenBy the units written to the component up to a time (what a loss is out of) */
  constructor(private readonly component: string, private readonly unit: string, private readonly writtenBy: (nowMs: number) => number) {}

  /** Acknowledged units lost so far. */
  get lost(): number {
    return this.total;
  }

  /** Counts `count` units lost now, with a detail for the ledger. */
  record(count: number, detail: string, nowMs: number, control: BehaviorControl): void {
    if (count > 0) this.total += count;
    this.held += Math.max(0, count);
    const cause = control.causes[0];
    if (this.held <= 0 || cause === undefined) return;
    const written = Math.round(this.writtenBy(nowMs));
    if (written > this.writtenRecorded) {
      control.ledger.record({ atMs: nowMs, component: this.component, kind: "written", count: written - this.writtenRecorded, unit: this.unit, cause, detail: `${written} ${this.unit} written up to now` });
      this.writtenRecorded = written;
    }
    control.ledger.record({ atMs: nowMs, component: this.component, kind: "lost", count: this.held, unit: this.unit, cause, detail });
    this.held = 0;
  }
}

/** A simulated time as an offset from the start, e.g. "t+1h05m", for state descriptions. */
export function formatOffset(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `t+${h}h${String(m).padStart(2, "0")}m` : `t+${m}m`;
}

/** A duration in words, e.g. "90 s", "15 min", "2 h". */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round((ms / 3_600_000) * 10) / 10} h`;
}

/** Clamps a number into 0..1. */
export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Splits `total` integer units over weights by largest remainder (ties to the earlier index). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (Math.max(0, w) / sum) * total);
  const out = exact.map((x) => Math.floor(x));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = (out[i] as number) + 1;
    left--;
  }
  return out;
}
