import { PowerOnJob } from "../compute/power-on-batches.js";
import type { ServerCluster } from "../compute/server-cluster.js";
import type { FacilityAction } from "./config.js";
import { CHILLER_TRIPPED, CHILLER_UNPOWERED } from "./cooling-plant.js";
import { AIR_KW_PER_K_PER_M3S, HALL_LABEL_CELSIUS } from "./defaults.js";
import { releaseHall, returnAirCelsius } from "./room-events.js";
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
  "remove-cooling": (parts, action, cause) => {
    const hall = parts.halls[parts.hallIndex(action.hall)];
    if (hall === undefined || hall.auxCoolingKw <= 0) return;
    hall.auxCoolingKw = Math.max(0, hall.auxCoolingKw - (action.capacityKw ?? hall.auxCoolingKw));
    const id = recordHallPart(parts, hall, "aux-cooling", "running", hall.auxCoolingKw > 0 ? "running" : "none", hall.auxCoolingKw > 0, cause, `auxiliary cooling ${formatCount(Math.round(hall.auxCoolingKw))} kW`);
    parts.settle(id);
  },
  "open-ventilation": (parts, action, cause) => {
    const hall = parts.halls[parts.hallIndex(action.hall)];
    if (hall === undefined) return;
    const from = hall.ventilationKwPerK > 0 ? "open" : "closed";
    hall.ventilationKwPerK += AIR_KW_PER_K_PER_M3S * action.airflowM3PerSecond;
    parts.settle(recordHallPart(parts, hall, "ventilation", from, "open", false, cause, `outside air ${action.airflowM3PerSecond} m³/s: ${hall.ventilationKwPerK.toFixed(1)} kW per K to outside`));
  },
  "close-ventilation": (parts, action, cause) => {
    const hall = parts.halls[parts.hallIndex(action.hall)];
    if (hall === undefined || hall.ventilationKwPerK === 0) return;
    hall.ventilationKwPerK = 0;
    parts.settle(recordHallPart(parts, hall, "ventilation", "open", "closed", true, cause, "emergency ventilation closed"));
  },
  "reset-air-handlers": (parts, action, cause) => {
    const hall = parts.halls[parts.hallIndex(action.hall)];
    if (hall === undefined || hall.crahLocked === 0) return;
    if (returnAirCelsius(parts, hall) > hall.config.crah.lockoutReturnCelsius) return;
    const n = hall.crahLocked;
    hall.crahLocked = 0;
    parts.settle(recordHallPart(parts, hall, "crah", "locked out", "running", true, cause, `${n} units reset by hand`));
  },
  "release-hall": (parts, action, cause) => {
    const hall = parts.halls[parts.hallIndex(action.hall)];
    if (hall !== undefined) releaseHall(parts, hall, cause);
  },
};

/** Records a change of a hall part (auxiliary cooling, ventilation, air handlers), noted as a change of what reaches the hall. */
function recordHallPart(parts: FacilityParts, hall: Hall, part: string, from: string, to: string, atWork: boolean, cause: number, detail: string): number {
  const id = parts.ctx.trace.record({ atMs: parts.ctx.sim.nowMs, component: `${hall.config.id}-${part}`, layer: "facility", from, to, causes: [cause], aspect: "state", atWork, detail });
  hall.supply.mark(id);
  return id;
}

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
