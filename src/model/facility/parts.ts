import type { CauseChannel, CauseLog } from "../core/cause-log.js";
import type { ModelContext } from "../core/context.js";
import type { RandomStream } from "../../engine/rng.js";
import type { Drive } from "../core/trace.js";
import type { Health } from "../core/health.js";
import type { ServerCluster } from "../compute/server-cluster.js";
import type { PowerOnJob } from "../compute/power-on-batches.js";
import type { FacilityConfig } from "./config.js";
import type { CoolingPlant } from "./cooling-plant.js";
import type { Hall } from "./hall.js";
import type { PowerSystem } from "./power.js";

/** The outside air: its temperature now and the transitions that set it. */
export interface OutsideAir {
  celsius: number;
  readonly causes: CauseChannel;
}

/**
 * The parts of a running facility, as the fault and action tables, the settling and the thermal
 * scheduling see them. Each part owns its state; these functions tie them together.
 */
export interface FacilityParts {
  readonly ctx: ModelContext;
  readonly config: FacilityConfig;
  readonly power: PowerSystem;
  readonly plants: readonly CoolingPlant[];
  readonly halls: readonly Hall[];
  readonly clusters: readonly ServerCluster[];
  readonly jobs: PowerOnJob[];
  readonly log: CauseLog;
  readonly outside: OutsideAir;
  /** Hall indexes served by each plant, ascending. */
  readonly plantHalls: readonly (readonly number[])[];
  /** Damage random stream of each cluster, by index. */
  readonly damageRng: readonly RandomStream[];
  /** Index of a plant, hall or cluster by id (−1 when unknown). */
  plantIndex(id: string): number;
  hallIndex(id: string): number;
  clusterIndex(id: string): number;
  /** Recomputes supply and allocation after a change and reschedules the halls (see settle.ts). */
  settle(cause: number): void;
  /** Calls `fn` after `delayMs`. */
  defer(delayMs: number, fn: () => void): void;
  /** Schedules the next tick of power-on job `j` after `delayMs`. */
  scheduleJob(j: number, delayMs: number): void;
  /** Records a cluster's change and tells the layers above; returns the transition id. */
  recordCluster(c: ServerCluster, before: Health, causes: number[], detail: string, drive?: Drive): number;
}

/** Whether a hall's IT load has power now (its feed is up and no operator switched it off). */
export function hallPowered(parts: FacilityParts, h: number): boolean {
  const hall = parts.halls[h] as Hall;
  return parts.power.isPowered(hall.feed) && !hall.itSwitchedOff && !hall.suppressed;
}

/** Heat of the running servers of a hall, kW. */
export function hallHeatKw(parts: FacilityParts, h: number): number {
  let kw = 0;
  for (const c of (parts.halls[h] as Hall).clusters) kw += (parts.clusters[c] as ServerCluster).heatKw();
  return kw;
}

/** Cluster indexes matching a hall, a cluster id and a role (undefined: any). */
export function selectClusters(parts: FacilityParts, hall: string | undefined, cluster: string | undefined, role: string | undefined): number[] {
  const out: number[] = [];
  parts.clusters.forEach((c, i) => {
    if (cluster !== undefined && c.config.id !== cluster) return;
    if (hall !== undefined && c.config.hall !== hall) return;
    if (role !== undefined && c.config.role !== role) return;
    out.push(i);
  });
  return out;
}

/** Integers 0 … n−1. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
