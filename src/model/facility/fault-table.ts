import type { FacilityFault } from "./config.js";
import {
  CHILLER_RUNNING, CHILLER_STANDBY, CHILLER_STARTING, CHILLER_TRIPPED, CHILLER_UNPOWERED, type CoolingPlant,
} from "./cooling-plant.js";
import { DEFAULT_SAG_RUNNING_TRIP_PROBABILITY, DEFAULT_SAG_STANDBY_TRIP_PROBABILITY } from "./defaults.js";
import { bufferValveClose, chillerRetrip, controlFail, loopDegrade } from "./plant-faults.js";
import { lockOut, returnAirCelsius, suppressionDischarge } from "./room-events.js";
import { setWeather, startDailyCycle } from "./weather.js";
import { formatCount } from "./format.js";
import type { Hall } from "./hall.js";
import { range, type FacilityParts } from "./parts.js";
import type { ServerCluster } from "../compute/server-cluster.js";

/** Undoes what one applied fault did; `cause` is the trace id of the clearing. */
export type Undo = (cause: number) => void;

/** Applies one fault type; returns how to undo it, or undefined when clearing does nothing. */
export type FaultHandler<F extends FacilityFault> = (parts: FacilityParts, fault: F, cause: number) => Undo | undefined;

type FaultOf<T extends FacilityFault["type"]> = Extract<FacilityFault, { type: T }>;

/** One handler per facility fault type. */
export const FAULT_HANDLERS: { readonly [T in FacilityFault["type"]]: FaultHandler<FaultOf<T>> } = {
  "power:utility-loss": (parts, fault, cause) => {
    const targets = fault.utility === undefined ? range(parts.power.utilityCount) : [parts.power.utilityIndex(fault.utility)];
    for (const u of targets) if (u >= 0) parts.power.loseUtility(u, cause);
    return (clear) => { for (const u of targets) if (u >= 0) parts.power.restoreUtility(u, clear); };
  },
  "power:voltage-sag": (parts, fault, cause) => {
    voltageSag(parts, fault, cause);
    return undefined;
  },
  "power:generator-fail": (parts, fault, cause) => {
    const f = parts.power.feedIndex(fault.feed);
    if (f >= 0) parts.power.failGenerators(f, cause);
    return () => { if (f >= 0) parts.power.clearGeneratorFailure(f); };
  },
  "cooling:chiller-fail": (parts, fault, cause) => chillerFail(parts, fault, cause),
  "cooling:pump-fail": (parts, fault, cause) => {
    const p = parts.plantIndex(fault.plant);
    if (p < 0) return undefined;
    const plant = parts.plants[p] as CoolingPlant;
    const count = Math.min(fault.count ?? plant.config.pumps.count, plant.config.pumps.count - plant.pumpsFailed);
    setPumpsFailed(parts, plant, plant.pumpsFailed + count, cause, `${count} pumps failed`);
    return (clear) => setPumpsFailed(parts, plant, Math.max(0, plant.pumpsFailed - count), clear, `${count} pumps back`);
  },
  "cooling:crah-fail": (parts, fault, cause) => {
    const h = parts.hallIndex(fault.hall);
    if (h < 0) return undefined;
    const hall = parts.halls[h] as Hall;
    const count = Math.min(fault.count ?? hall.config.crah.count, hall.config.crah.count - hall.crahFailed);
    setCrahFailed(parts, hall, hall.crahFailed + count, cause, `${count} CRAH units failed`);
    return (clear) => {
      // Units that come back into return air above their lock-out refuse to restart.
      const locked = returnAirCelsius(parts, hall) > hall.config.crah.lockoutReturnCelsius;
      if (locked) lockOut(parts, hall, count, clear);
      setCrahFailed(parts, hall, Math.max(0, hall.crahFailed - count), clear, locked ? `${count} CRAH units repaired but locked out` : `${count} CRAH units back`);
    };
  },
  "cooling:restart-fail": (parts, fault, cause) => {
    const plant = parts.plants[parts.plantIndex(fault.plant)];
    if (plant === undefined) return undefined;
    for (let k = 0; k < (fault.count ?? 1); k++) plant.forcedRestartFailures.push(cause);
    return () => {
      const left = plant.forcedRestartFailures.filter((c) => c !== cause);
      plant.forcedRestartFailures.length = 0;
      plant.forcedRestartFailures.push(...left);
    };
  },
  "weather:outside-temperature": (parts, fault, cause) => {
    const before = parts.outside.celsius;
    setWeather(parts, fault.celsius, fault.over, cause);
    return (clear) => setWeather(parts, before, undefined, clear);
  },
  "server:fail": (parts, fault, cause) => {
    const ci = parts.clusterIndex(fault.cluster);
    if (ci < 0) return undefined;
    const c = parts.clusters[ci] as ServerCluster;
    const before = c.health();
    const failed = c.failFraction(fault.fraction, parts.ctx.stream(c.config.id, "fail"));
    const hall = parts.halls[c.hallIndex] as Hall;
    hall.load.setLatest(parts.recordCluster(c, before, [cause], `${formatCount(failed)} of ${formatCount(c.n)} servers failed; ${formatCount(c.up)} up`));
    parts.settle(cause);
    return undefined;
  },
  "cooling:loop-degrade": loopDegrade,
  "cooling:chiller-retrip": chillerRetrip,
  "cooling:control-fail": controlFail,
  "cooling:buffer-valve-close": bufferValveClose,
  "room:suppression-discharge": suppressionDischarge,
  "weather:daily-cycle": (parts, fault, cause) => {
    const before = parts.outside.celsius;
    const stop = startDailyCycle(parts, fault.minCelsius, fault.maxCelsius, fault.peakAfter ?? 0, cause);
    return (clear) => {
      stop();
      setWeather(parts, before, undefined, clear);
    };
  },
};

function setPumpsFailed(parts: FacilityParts, plant: CoolingPlant, failed: number, cause: number, detail: string): void {
  const label = (k: number): string => (k === 0 ? "running" : k >= plant.config.pumps.count ? "failed" : "degraded");
  const from = label(plant.pumpsFailed);
  plant.pumpsFailed = failed;
  const id = parts.ctx.trace.record({ atMs: parts.ctx.sim.nowMs, component: `${plant.config.id}-pumps`, layer: "facility", from, to: label(failed), aspect: "state", atWork: failed === 0, causes: cause >= 0 ? [cause] : [], detail: `${detail}; ${plant.config.pumps.count - failed} of ${plant.config.pumps.count} running` });
  plant.causes.note(id);
  parts.settle(id);
}

function setCrahFailed(parts: FacilityParts, hall: Hall, failed: number, cause: number, detail: string): void {
  const label = (k: number): string => (k === 0 ? "running" : k >= hall.config.crah.count ? "failed" : "degraded");
  const from = label(hall.crahFailed);
  hall.crahFailed = failed;
  const id = parts.ctx.trace.record({ atMs: parts.ctx.sim.nowMs, component: `${hall.config.id}-crah`, layer: "facility", from, to: label(failed), aspect: "state", atWork: failed === 0, causes: cause >= 0 ? [cause] : [], detail: `${detail}; ${hall.config.crah.count - failed} of ${hall.config.crah.count} running` });
  hall.supply.mark(id);
  parts.settle(id);
}

function voltageSag(parts: FacilityParts, fault: FaultOf<"power:voltage-sag">, cause: number): void {
  const u = fault.utility === undefined ? undefined : parts.power.utilityIndex(fault.utility);
  const feeds = new Set(parts.power.feedsSeeingSag(u));
  const pRun = fault.runningTripProbability ?? DEFAULT_SAG_RUNNING_TRIP_PROBABILITY;
  const pStandby = fault.standbyTripProbability ?? DEFAULT_SAG_STANDBY_TRIP_PROBABILITY;
  for (const plant of parts.plants) {
    if (!feeds.has(plant.feed)) continue;
    const rng = parts.ctx.stream(plant.config.id, "sag");
    const running: number[] = [];
    const standby: number[] = [];
    plant.state.forEach((s, i) => {
      if ((s === CHILLER_RUNNING || s === CHILLER_STARTING) && rng.next() < pRun) running.push(i);
      else if (s === CHILLER_STANDBY && rng.next() < pStandby) standby.push(i);
    });
    const ids = plant.trip(running, CHILLER_TRIPPED, cause, "tripped by a voltage sag");
    plant.trip(standby, CHILLER_TRIPPED, cause, "standby chiller locked out by a voltage sag");
    if (plant.config.autoRestart) running.forEach((i, k) => plant.start(i, true, ids[k] ?? cause, "automatic restart after the sag"));
    plant.control(cause);
    plant.updateLabel(cause);
  }
  parts.settle(cause);
}

/** The chillers a chiller-fail fault hits, per plant, with why. */
function chillerTargets(parts: FacilityParts, fault: FaultOf<"cooling:chiller-fail">): { plant: CoolingPlant; chillers: number[]; why: string }[] {
  const targets: { plant: CoolingPlant; chillers: number[]; why: string }[] = [];
  if (fault.plant !== undefined) {
    const plant = parts.plants[parts.plantIndex(fault.plant)];
    if (plant !== undefined) {
      // Running chillers first, then starting, then standby: a count hits the ones carrying load.
      const rank = [CHILLER_RUNNING, CHILLER_STARTING, CHILLER_STANDBY, CHILLER_UNPOWERED, CHILLER_TRIPPED];
      const all = range(plant.state.length).sort((a, b) => rank.indexOf(plant.state[a] as number) - rank.indexOf(plant.state[b] as number) || a - b);
      targets.push({ plant, chillers: all.slice(0, fault.count ?? all.length), why: "chiller failed" });
    }
  } else if (fault.group !== undefined) {
    for (const plant of parts.plants) {
      const g = plant.config.groups.find((x) => x.id === fault.group);
      if (g === undefined) continue;
      const idx = g.chillers.map((id) => plant.config.chillerIds.indexOf(id)).filter((i) => i >= 0);
      targets.push({ plant, chillers: idx.slice(0, fault.count ?? idx.length), why: `common-mode failure of ${g.kind} ${g.id}` });
    }
  } else if (fault.chillers !== undefined) {
    for (const plant of parts.plants) {
      const idx = fault.chillers.map((id) => plant.config.chillerIds.indexOf(id)).filter((i) => i >= 0);
      if (idx.length > 0) targets.push({ plant, chillers: idx.slice(0, fault.count ?? idx.length), why: "chiller failed" });
    }
  }
  return targets;
}

function chillerFail(parts: FacilityParts, fault: FaultOf<"cooling:chiller-fail">, cause: number): Undo {
  const targets = chillerTargets(parts, fault);
  for (const { plant, chillers, why } of targets) {
    plant.trip(chillers, CHILLER_TRIPPED, cause, why);
    plant.control(cause);
    plant.updateLabel(cause);
  }
  parts.settle(cause);
  return (clear) => {
    for (const { plant, chillers } of targets) {
      for (const i of chillers) if (plant.state[i] === CHILLER_TRIPPED && plant.feedPoweredNow()) plant.start(i, false, clear, "fault cleared: restart");
      plant.updateLabel(clear);
    }
    parts.settle(clear);
  };
}
