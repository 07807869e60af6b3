import { PowerOnJob } from "../compute/power-on-batches.js";
import type { ServerCluster } from "../compute/server-cluster.js";
import type { FacilityAction } from "./config.js";
import { CHILLER_TRIPPED, CHILLER_UNPOWERED } from "./cooling-plant.js";
import { HALL_LABEL_CELSIUS } from "./defaults.js";
import { formatCount } from "./format.js";
import type { Hall } from "./hall.js";
import { hallPowered, selectClusters, type FacilityParts } from "./parts.js";
import { processHall } from "./thermal-schedule.js";

/** Applies one operator action type. */
export type ActionHandler<A extends FacilityAction> = (parts: FacilityParts, action: A, cause: number) => void;

type ActionOf<T extends FacilityAction["action"]> = Extract<FacilityAction, { action: T }>;

/** One handler per facility operator action. */
export const ACTION_HANDLERS: { readonly [T in FacilityAction["action"]]: ActionHandler<ActionOf<T>> } = {
  "shed-load": (parts, action, cause) => {
    for (const ci of selectClusters(parts, action.hall, action.cluster, action.role)) shed(parts, ci, action.fraction, cause, "load shed by operator");
    parts.settle(cause);
  },
  "power-off": (parts, action, cause) => {
    const fraction = action.fraction ?? 1;
    if (action.hall !== undefined && fraction >= 1) {
      const hall = parts.halls[parts.hallIndex(action.hall)];
      if (hall !== undefined) hall.itSwitchedOff = true;
    }
    for (const ci of selectClusters(parts, action.hall, action.cluster, undefined)) shed(parts, ci, fraction, cause, "powered off by operator");
    parts.settle(cause);
  },
  "restart-chillers": (parts, action, cause) => {
    const plant = parts.plants[parts.plantIndex(action.plant)];
    if (plant === undefined) return;
    const only = action.chillers === undefined ? undefined : new Set(action.chillers);
    if (plant.feedPoweredNow()) {
      plant.state.forEach((s, i) => {
        if (only !== undefined && !only.has(plant.config.chillerIds[i] as string)) return;
        if (s === CHILLER_TRIPPED) plant.start(i, false, cause, "operator restart");
        else if (s === CHILLER_UNPOWERED) plant.start(i, true, cause, "operator restart after a power transfer");
      });
    }
    plant.updateLabel(cause);
    parts.settle(cause);
  },
  "power-on": (parts, action, cause) => {
    const targets = selectClusters(parts, action.hall, action.cluster, action.role);
    if (action.hall !== undefined) {
      const hall = parts.halls[parts.hallIndex(action.hall)];
      if (hall !== undefined) hall.itSwitchedOff = false;
    }
    const job = new PowerOnJob(parts.jobs.length, targets, action.batchSize, action.every, action.whenBelowCelsius ?? (HALL_LABEL_CELSIUS[0] as number), cause);
    parts.jobs.push(job);
    powerOnTick(parts, job.index);
  },
  "add-cooling": (parts, action, cause) => {
    const hall = parts.halls[parts.hallIndex(action.hall)];
    if (hall === undefined) return;
    const from = hall.auxCoolingKw;
    hall.auxCoolingKw += action.capacityKw;
    const id = parts.ctx.trace.record({
      atMs: parts.ctx.sim.nowMs, component: `${hall.config.id}-aux-cooling`, layer: "facility", from: from > 0 ? "running" : "none", to: "running", causes: [cause], aspect: "state", atWork: true,
      detail: `auxiliary cooling ${formatCount(Math.round(hall.auxCoolingKw))} kW`,
    });
    hall.supply.mark(id);
    parts.settle(id);
  },
  repair: (parts, action, cause) => {
    const c = parts.clusters[parts.clusterIndex(action.cluster)];
    if (c === undefined) return;
    const before = c.health();
    const repaired = c.repair();
    parts.recordCluster(c, before, [cause], `${formatCount(repaired)} damaged or failed servers repaired; ready to power on`);
  },
};

/** Powers off a fraction of a cluster's running servers (closest to a trip first), recording it as a load change of its hall. */
export function shed(parts: FacilityParts, ci: number, fraction: number, cause: number, why: string): void {
  const c = parts.clusters[ci] as ServerCluster;
  if (c.up === 0) return;
  const before = c.health();
  const upBefore = c.up;
  const done = c.powerOff(Math.ceil(fraction * c.up - 1e-9));
  const hall = parts.halls[c.hallIndex] as Hall;
  hall.load.setLatest(parts.recordCluster(c, before, [cause], `${why}: ${formatCount(done)} of ${formatCount(upBefore)} running servers; ${formatCount(c.up)} of ${formatCount(c.n)} up`));
}

/** One tick of power-on job j: a batch in powered halls cool enough, then the next tick while servers remain off. */
export function powerOnTick(parts: FacilityParts, j: number): void {
  const job = parts.jobs[j] as PowerOnJob;
  const now = parts.ctx.sim.nowMs;
  let budget = job.batchSize;
  let remaining = 0;
  job.tick++;
  const touched = new Set<number>();
  for (const ci of job.clusters) {
    const c = parts.clusters[ci] as ServerCluster;
    const h = c.hallIndex;
    const hall = parts.halls[h] as Hall;
    if (budget > 0 && hallPowered(parts, h) && c.offCount() > 0 && hall.temperatureAt(now) < job.whenBelowCelsius) {
      if (!touched.has(h)) {
        processHall(parts, h);
        touched.add(h);
      }
      const before = c.health();
      const on = c.powerOn(budget);
      if (on > 0) {
        budget -= on;
        hall.load.setLatest(parts.recordCluster(c, before, [job.cause], `powered on ${formatCount(on)} servers (batch ${job.tick}); ${formatCount(c.up)} of ${formatCount(c.n)} up`, "power-on"));
      }
    }
    remaining += c.offCount();
  }
  parts.settle(job.cause);
  if (remaining > 0) parts.scheduleJob(j, Math.max(1, job.everyMs));
}
