import type { ModelContext } from "../core/context.js";
import type { Health } from "../core/health.js";
import type { RandomStream } from "../../engine/rng.js";
import { emptyBatch, ServerCluster, SERVER_DAMAGED, SERVER_FAILED, SERVER_OFF, SERVER_UP, type ThermalBatch } from "../compute/server-cluster.js";
import { PowerOnJob } from "../compute/power-on-batches.js";
import type { FacilityAction, FacilityConfig, FacilityFault } from "./config.js";
import {
  CHILLER_RUNNING, CHILLER_STANDBY, CHILLER_STARTING, CHILLER_TRIPPED, CHILLER_UNPOWERED, CoolingPlant,
} from "./cooling-plant.js";
import {
  DEFAULT_SAG_RUNNING_TRIP_PROBABILITY, DEFAULT_SAG_STANDBY_TRIP_PROBABILITY, HALL_LABEL_CELSIUS, TRIP_BATCH_WINDOW_MS, WEATHER_RAMP_STEP_MS,
} from "./defaults.js";
import { COOLING_RANK, Hall, hallBandCelsius, hallLabel, type CoolingLabel } from "./hall.js";
import { healthChange } from "../core/health.js";
import type { Drive } from "../core/trace.js";
import { PowerSystem } from "./power.js";
import { isFalling, isRising, type ZoneParams } from "./thermal-zone.js";
import { formatCount } from "./format.js";

export { checkFacility, checkFacilityAction, checkFacilityFault } from "./facility-checks.js";
export { normalizeFacility } from "./config.js";
export type { FacilityAction, FacilityConfig, FacilityFault, FacilityInput } from "./config.js";

/** The facility and compute layers of a region, running inside a simulation. */
export interface FacilityModel {
  /** Schedule whatever initial events are needed; called once before the run, at time 0. */
  start(): void;
  /** Applies an injected fault; `cause` is the trace id of the fault's injection. */
  applyFault(fault: FacilityFault, cause: number): void;
  /** Clears a fault applied earlier (the same object), when its `duration` ends; `cause` is the trace id of the clearing. */
  clearFault(fault: FacilityFault, cause: number): void;
  /** Applies an operator action; `cause` is the trace id of the action. */
  applyAction(action: FacilityAction, cause: number): void;
  /** Value of a metric at the current simulated time, or undefined for an unknown name. */
  readMetric(name: string): number | undefined;
  /** A function reading metric `name` now, resolved once (for readers that read it again and again); undefined for an unknown name. */
  metricReader(name: string): (() => number) | undefined;
  /** Every metric name readMetric answers. */
  metricNames(): string[];
  /** Ids of the server clusters. */
  clusterIds(): string[];
  /** Capacity fraction 0..1 of a cluster (throttled servers count partially). */
  clusterCapacity(id: string): number;
  /** Health of a cluster. */
  clusterHealth(id: string): Health;
  /** Broken invariants right now (e.g. a server up in an unpowered hall); empty when fine. */
  invariantViolations(): string[];
}

/** Builds the facility and compute layers from a normalized configuration. */
export function buildFacility(config: FacilityConfig, ctx: ModelContext): FacilityModel {
  return new FacilityWorld(config, ctx);
}

const SETPOINT_REACHED_K = 1e-3;

/** The running facility: power, plants, halls and clusters, and the events that tie them. */
class FacilityWorld implements FacilityModel {
  private readonly power: PowerSystem;
  private readonly plants: CoolingPlant[] = [];
  private readonly halls: Hall[] = [];
  private readonly clusters: ServerCluster[] = [];
  private readonly hallIndex = new Map<string, number>();
  private readonly plantIndex = new Map<string, number>();
  private readonly clusterIndex = new Map<string, number>();
  private readonly hallFeed: number[] = [];
  private readonly crahFeed: number[] = [];
  private readonly plantFeed: number[] = [];
  private readonly pumpFeed: number[] = [];
  private readonly hallChangeIds: number[][] = [];
  private readonly clusterDamageRng: RandomStream[] = [];
  private readonly chillerOwner: number[] = [];
  private readonly deferred: (() => void)[] = [];
  private readonly jobs: PowerOnJob[] = [];
  private readonly metrics = new Map<string, () => number>();
  /** What each applied fault did, so clearFault can undo exactly that. */
  private readonly applied = new WeakMap<object, () => void>();
  private readonly kindHall: number;
  private readonly kindChiller: number;
  private readonly kindStorage: number;
  private readonly kindDeferred: number;
  private readonly kindJob: number;
  private outsideCelsius: number;
  private outsideLabelId = -1;
  private started = false;

  constructor(readonly config: FacilityConfig, private readonly ctx: ModelContext) {
    const sim = ctx.sim;
    this.outsideCelsius = config.outsideCelsius;
    this.kindHall = sim.registerKind("facility.hall-thermal", (_s, arg) => this.onHallEvent(arg));
    this.kindChiller = sim.registerKind("facility.chiller-started", (_s, arg) => this.onChillerStarted(arg));
    this.kindStorage = sim.registerKind("facility.storage-due", (_s, arg) => this.onStorageDue(arg));
    this.kindDeferred = sim.registerKind("facility.deferred", (_s, arg) => (this.deferred[arg] as () => void)());
    this.kindJob = sim.registerKind("compute.power-on-batch", (_s, arg) => this.onJobTick(arg));
    this.power = new PowerSystem(ctx, config, (feed, powered, was, id) => this.onFeedChange(feed, powered, was, id));

    config.plants.forEach((p, i) => {
      this.plantIndex.set(p.id, i);
      const feed = this.power.feedIndex(p.feed);
      this.plantFeed.push(feed);
      this.pumpFeed.push(this.power.feedIndex(p.pumps.feed));
      const base = this.chillerOwner.length;
      for (let k = 0; k < p.chillerIds.length; k++) this.chillerOwner.push(i);
      this.plants.push(new CoolingPlant(ctx, p, i, base, { chillerStarted: this.kindChiller, storageDue: this.kindStorage }, () => this.power.isPowered(feed)));
    });
    config.halls.forEach((h, i) => {
      this.hallIndex.set(h.id, i);
      const rng = ctx.stream(h.id, "rack-offsets");
      const offsets = new Float32Array(h.racks);
      for (let r = 0; r < h.racks; r++) offsets[r] = rng.sample(h.rackInletOffsetCelsius);
      this.halls.push(new Hall(h, i, this.plantIndex.get(h.plant) ?? -1, offsets, this.outsideCelsius));
      this.hallFeed.push(this.power.feedIndex(h.feed));
      this.crahFeed.push(this.power.feedIndex(h.crah.feed));
      this.hallChangeIds.push([]);
    });
    config.clusters.forEach((c, i) => {
      this.clusterIndex.set(c.id, i);
      const hallIdx = this.hallIndex.get(c.hall);
      if (hallIdx === undefined) throw new Error(`facility: cluster ${c.id} names unknown hall ${c.hall}; run checkFacility first`);
      const hall = this.halls[hallIdx] as Hall;
      hall.clusters.push(i);
      this.clusters.push(new ServerCluster(c, i, hallIdx, hall.rackOffsets, ctx.stream(c.id, "thresholds")));
      this.clusterDamageRng.push(ctx.stream(c.id, "damage"));
    });
    this.defineMetrics();
  }

  // ---------------------------------------------------------------- lifecycle

  start(): void {
    if (this.started) return;
    this.started = true;
    this.settle(-1, true);
  }

  // ---------------------------------------------------------------- settling

  private hallPowered(h: number): boolean {
    return this.power.isPowered(this.hallFeed[h] as number) && !(this.halls[h] as Hall).itSwitchedOff;
  }

  private crahAvailableKw(h: number): number {
    const hall = this.halls[h] as Hall;
    if (!this.power.isPowered(this.crahFeed[h] as number)) return 0;
    return Math.max(0, hall.config.crah.count - hall.crahFailed) * hall.config.crah.capacityKw;
  }

  private hallHeatKw(h: number): number {
    let kw = 0;
    for (const c of (this.halls[h] as Hall).clusters) kw += (this.clusters[c] as ServerCluster).heatKw();
    return kw;
  }

  /**
   * Recomputes heat, cooling supply and allocation everywhere after a change, rebases the halls whose
   * parameters changed, records cooling changes and reschedules thermal events. `force` = hall to reschedule anyway.
   */
  private settle(cause: number, initial = false, force = -1): void {
    const now = this.ctx.sim.nowMs;
    const nH = this.halls.length;
    const heat = new Float64Array(nH);
    const crah = new Float64Array(nH);
    const demand = new Float64Array(nH);
    for (let h = 0; h < nH; h++) {
      const hall = this.halls[h] as Hall;
      heat[h] = this.hallHeatKw(h);
      crah[h] = this.crahAvailableKw(h);
      const t = hall.temperatureAt(now);
      const c = hall.config;
      const holding = (heat[h] as number) - c.lossConductanceKwPerK * (c.setpointCelsius - this.outsideCelsius);
      demand[h] = t > c.setpointCelsius + SETPOINT_REACHED_K ? (crah[h] as number) : Math.min(crah[h] as number, Math.max(0, holding));
    }
    const plantKw = new Float64Array(nH);
    this.plants.forEach((plant, p) => {
      let total = 0;
      let spare = 0;
      const mine: number[] = [];
      for (let h = 0; h < nH; h++) {
        if ((this.halls[h] as Hall).plantIndex !== p) continue;
        mine.push(h);
        total += demand[h] as number;
        spare += (crah[h] as number) - (demand[h] as number);
      }
      const supply = plant.settle(now, total, this.outsideCelsius, this.power.isPowered(this.pumpFeed[p] as number), cause);
      for (const h of mine) {
        let q: number;
        if (supply >= total) {
          const extra = supply - total;
          q = (demand[h] as number) + (spare > 0 ? (extra * ((crah[h] as number) - (demand[h] as number))) / spare : 0);
        } else {
          q = total > 0 ? (supply * (demand[h] as number)) / total : 0;
        }
        plantKw[h] = Math.min(crah[h] as number, q);
      }
    });
    for (let h = 0; h < nH; h++) {
      const hall = this.halls[h] as Hall;
      const params: ZoneParams = {
        heatKw: heat[h] as number,
        coolingMaxKw: (plantKw[h] as number) + hall.auxCoolingKw,
        setpointCelsius: hall.config.setpointCelsius,
        outsideCelsius: this.outsideCelsius,
        capacitanceKjPerK: hall.config.thermalCapacitanceKjPerK,
        conductanceKwPerK: hall.config.lossConductanceKwPerK,
      };
      const old = hall.params;
      const changed = initial || old.heatKw !== params.heatKw || old.coolingMaxKw !== params.coolingMaxKw || old.outsideCelsius !== params.outsideCelsius;
      if (changed) hall.rebase(now, params);
      this.noteCooling(h, cause, initial);
      if (changed || h === force || initial) this.reschedule(h);
    }
    for (const plant of this.plants) plant.changeIds.length = 0;
    for (const ids of this.hallChangeIds) ids.length = 0;
  }

  /** Records a hall's cooling change (label change, or a change of at least 5 % of its design load). */
  private noteCooling(h: number, cause: number, initial: boolean): void {
    const hall = this.halls[h] as Hall;
    const qMax = hall.params.coolingMaxKw;
    const design = Math.max(1e-9, hall.config.designItKw);
    const label: CoolingLabel = qMax >= design - 1e-6 ? "full" : qMax > 1e-6 ? "reduced" : "none";
    if (initial) {
      hall.coolingLabel = label;
      hall.recordedCoolingMaxKw = qMax;
      return;
    }
    if (label === hall.coolingLabel && (label === "full" || Math.abs(qMax - hall.recordedCoolingMaxKw) < 0.05 * design)) return;
    const plant = this.plants[hall.plantIndex];
    const causes = new Set<number>([...(plant?.changeIds ?? []), ...(this.hallChangeIds[h] as number[])]);
    if (this.outsideLabelId >= 0 && causes.size === 0) causes.add(this.outsideLabelId);
    if (causes.size === 0 && plant !== undefined && plant.lastChangeId >= 0) causes.add(plant.lastChangeId);
    if (causes.size === 0 && cause >= 0) causes.add(cause);
    const id = this.ctx.trace.record({
      atMs: this.ctx.sim.nowMs, component: hall.config.id, layer: "facility", from: `cooling ${hall.coolingLabel}`, to: `cooling ${label}`,
      aspect: "cooling", atWork: label === "full", level: { from: COOLING_RANK[hall.coolingLabel], to: COOLING_RANK[label] },
      causes: [...causes].sort((a, b) => a - b),
      detail: `cooling available ${formatCount(Math.round(qMax))} kW for ${formatCount(Math.round(hall.params.heatKw))} kW of IT load`,
    });
    hall.coolingLabel = label;
    hall.recordedCoolingMaxKw = qMax;
    hall.lastCoolingId = id;
  }

  /** Schedules a hall's next thermal event: the earliest band, setpoint, threshold or dwell time. */
  private reschedule(h: number): void {
    const hall = this.halls[h] as Hall;
    const now = this.ctx.sim.nowMs;
    const tr = hall.trajectory;
    const rising = isRising(tr);
    const falling = isFalling(tr);
    let next = Number.POSITIVE_INFINITY;
    if (rising) next = Math.min(next, hall.crossingMs(hall.nextBandUpCelsius()));
    if (falling) {
      next = Math.min(next, hall.crossingMs(hall.nextBandDownCelsius()));
      if (hall.temperatureAt(now) > hall.config.setpointCelsius + SETPOINT_REACHED_K) next = Math.min(next, hall.crossingMs(hall.config.setpointCelsius + SETPOINT_REACHED_K));
    }
    for (const ci of hall.clusters) {
      const c = this.clusters[ci] as ServerCluster;
      let t = Number.POSITIVE_INFINITY;
      if (rising) t = Math.min(t, hall.crossingMs(Math.min(c.nextWarnUpCelsius(), c.nextShutdownUpCelsius())));
      if (falling) t = Math.min(t, hall.crossingMs(c.nextWarnDownCelsius()));
      t = Math.min(t, c.nextDwellMs());
      if (Number.isFinite(t)) next = Math.min(next, Math.max(t, c.lastBatchMs + TRIP_BATCH_WINDOW_MS));
    }
    if (Number.isFinite(next)) next = Math.max(next, now + 1);
    if (next === hall.handleAtMs && hall.handle >= 0) return;
    if (hall.handle >= 0) this.ctx.sim.cancel(hall.handle);
    hall.handle = -1;
    hall.handleAtMs = next;
    if (Number.isFinite(next)) hall.handle = this.ctx.sim.scheduleAt(this.kindHall, next, h);
  }

  // ---------------------------------------------------------------- thermal events

  private onHallEvent(h: number): void {
    const hall = this.halls[h] as Hall;
    hall.handle = -1;
    hall.handleAtMs = Number.POSITIVE_INFINITY;
    // Re-anchor at now (same curve): crossings are then solved from the present, never from a passed point.
    hall.rebase(this.ctx.sim.nowMs, hall.params);
    this.processHall(h);
    this.settle(hall.lastBandId, false, h);
  }

  /** Brings a hall's band and its clusters' servers in line with its temperature now, recording what changed. */
  private processHall(h: number): void {
    const hall = this.halls[h] as Hall;
    const now = this.ctx.sim.nowMs;
    const t = hall.temperatureAt(now);
    if (t > hall.peakCelsius) hall.peakCelsius = t;
    const band = hall.bandFor(t);
    if (band !== hall.band) {
      const causes = [...new Set([hall.lastCoolingId, hall.lastLoadId].filter((x) => x >= 0))].sort((a, b) => a - b);
      hall.lastBandId = this.ctx.trace.record({
        atMs: now, component: hall.config.id, layer: "facility", from: hallLabel(hall.band), to: hallLabel(band), causes,
        aspect: "temperature", atWork: band === 0, level: { from: hallBandCelsius(hall.band), to: hallBandCelsius(band) },
        detail: `hall air ${t.toFixed(1)} °C; hottest rack inlet ${(t + hall.maxOffsetCelsius).toFixed(1)} °C`,
      });
      hall.band = band;
    }
    for (const ci of hall.clusters) {
      const c = this.clusters[ci] as ServerCluster;
      const before = c.health();
      const batch = emptyBatch();
      const rng = this.clusterDamageRng[ci] as RandomStream;
      c.syncShutdown(t, rng, batch);
      c.syncWarning(t, now, batch);
      c.syncDwell(t, now, rng, batch);
      if (batch.throttled + batch.unthrottled + batch.protective + batch.graceful === 0) continue;
      c.lastBatchMs = now;
      const causes = hall.lastBandId >= 0 ? [hall.lastBandId] : hall.lastCoolingId >= 0 ? [hall.lastCoolingId] : [];
      this.recordCluster(c, before, causes, thermalDetail(c, t, batch), batch.protective + batch.graceful + batch.throttled > 0 ? "heat" : undefined);
    }
  }

  private recordCluster(c: ServerCluster, before: Health, causes: number[], detail: string, drive?: Drive): number {
    const id = this.ctx.trace.record({ atMs: this.ctx.sim.nowMs, component: c.config.id, layer: "compute", from: before, to: c.health(), causes, detail, ...healthChange(before, c.health()), ...(drive === undefined ? {} : { drive }) });
    this.ctx.capacityChanged(c.config.id, id);
    return id;
  }

  // ---------------------------------------------------------------- plant and power events

  private onChillerStarted(global: number): void {
    const p = this.chillerOwner[global] as number;
    const plant = this.plants[p] as CoolingPlant;
    const i = global - plant.chillerBase;
    plant.finishStart(i);
    const cause = plant.lastIds[i] as number;
    plant.control(cause);
    plant.updateLabel(cause);
    this.settle(cause);
  }

  private onStorageDue(p: number): void {
    const plant = this.plants[p] as CoolingPlant;
    plant.storageDue(this.ctx.sim.nowMs);
    this.settle(plant.lastChangeId);
  }

  private onFeedChange(feed: number, powered: boolean, wasPowered: boolean, id: number): void {
    if (powered === wasPowered) return;
    this.halls.forEach((hall, h) => {
      if (this.crahFeed[h] === feed) (this.hallChangeIds[h] as number[]).push(id);
      if (this.hallFeed[h] !== feed || powered) return;
      for (const ci of hall.clusters) {
        const c = this.clusters[ci] as ServerCluster;
        if (c.up === 0) continue;
        const before = c.health();
        const lost = c.up;
        c.powerOff(lost);
        hall.lastLoadId = this.recordCluster(c, before, [id], `power lost: ${formatCount(lost)} of ${formatCount(c.n)} servers down`);
      }
    });
    this.plants.forEach((plant, p) => {
      if (this.pumpFeed[p] === feed) plant.changeIds.push(id);
      if (this.plantFeed[p] !== feed) return;
      if (!powered) {
        const lost: number[] = [];
        plant.state.forEach((s, i) => { if (s === CHILLER_RUNNING || s === CHILLER_STARTING) lost.push(i); });
        plant.trip(lost, CHILLER_UNPOWERED, id, "chiller lost its power");
      } else {
        plant.state.forEach((s, i) => { if (s === CHILLER_UNPOWERED && plant.config.autoRestart) plant.start(i, true, id, "power back: automatic restart after a power transfer"); });
        plant.control(id);
      }
      plant.updateLabel(id);
    });
    if (this.started) this.settle(id);
  }

  // ---------------------------------------------------------------- faults

  applyFault(fault: FacilityFault, cause: number): void {
    switch (fault.type) {
      case "power:utility-loss": {
        const targets = fault.utility === undefined ? range(this.power.utilityCount) : [this.power.utilityIndex(fault.utility)];
        for (const u of targets) {
          if (u < 0) continue;
          this.power.loseUtility(u, cause);
        }
        this.applied.set(fault, () => { for (const u of targets) if (u >= 0) this.power.restoreUtility(u, this.clearCause); });
        break;
      }
      case "power:voltage-sag": this.voltageSag(fault, cause); break;
      case "power:generator-fail": {
        const f = this.power.feedIndex(fault.feed);
        if (f >= 0) this.power.failGenerators(f, cause);
        this.applied.set(fault, () => { if (f >= 0) this.power.clearGeneratorFailure(f); });
        break;
      }
      case "cooling:chiller-fail": this.chillerFail(fault, cause); break;
      case "cooling:pump-fail": {
        const p = this.plantIndex.get(fault.plant);
        if (p === undefined) break;
        const plant = this.plants[p] as CoolingPlant;
        const count = Math.min(fault.count ?? plant.config.pumps.count, plant.config.pumps.count - plant.pumpsFailed);
        this.setPumpsFailed(p, plant.pumpsFailed + count, cause, `${count} pumps failed`);
        this.applied.set(fault, () => this.setPumpsFailed(p, Math.max(0, plant.pumpsFailed - count), this.clearCause, `${count} pumps back`));
        break;
      }
      case "cooling:crah-fail": {
        const h = this.hallIndex.get(fault.hall);
        if (h === undefined) break;
        const hall = this.halls[h] as Hall;
        const count = Math.min(fault.count ?? hall.config.crah.count, hall.config.crah.count - hall.crahFailed);
        this.setCrahFailed(h, hall.crahFailed + count, cause, `${count} CRAH units failed`);
        this.applied.set(fault, () => this.setCrahFailed(h, Math.max(0, hall.crahFailed - count), this.clearCause, `${count} CRAH units back`));
        break;
      }
      case "cooling:restart-fail": {
        const plant = this.plants[this.plantIndex.get(fault.plant) ?? -1];
        if (plant === undefined) break;
        for (let k = 0; k < (fault.count ?? 1); k++) plant.forcedRestartFailures.push(cause);
        this.applied.set(fault, () => {
          const left = plant.forcedRestartFailures.filter((c) => c !== cause);
          plant.forcedRestartFailures.length = 0;
          plant.forcedRestartFailures.push(...left);
        });
        break;
      }
      case "weather:outside-temperature": {
        const before = this.outsideCelsius;
        this.weather(fault.celsius, fault.over, cause);
        this.applied.set(fault, () => this.weather(before, undefined, this.clearCause));
        break;
      }
      case "server:fail": {
        const ci = this.clusterIndex.get(fault.cluster);
        if (ci === undefined) break;
        const c = this.clusters[ci] as ServerCluster;
        const before = c.health();
        const failed = c.failFraction(fault.fraction, this.ctx.stream(c.config.id, "fail"));
        const hall = this.halls[c.hallIndex] as Hall;
        hall.lastLoadId = this.recordCluster(c, before, [cause], `${formatCount(failed)} of ${formatCount(c.n)} servers failed; ${formatCount(c.up)} up`);
        this.settle(cause);
        break;
      }
    }
  }

  private defer(delayMs: number, fn: () => void): void {
    this.deferred.push(fn);
    this.ctx.sim.schedule(this.kindDeferred, delayMs, this.deferred.length - 1);
  }

  private setPumpsFailed(p: number, failed: number, cause: number, detail: string): void {
    const plant = this.plants[p] as CoolingPlant;
    const label = (k: number): string => (k === 0 ? "running" : k >= plant.config.pumps.count ? "failed" : "degraded");
    const from = label(plant.pumpsFailed);
    plant.pumpsFailed = failed;
    const id = this.ctx.trace.record({ atMs: this.ctx.sim.nowMs, component: `${plant.config.id}-pumps`, layer: "facility", from, to: label(failed), aspect: "state", atWork: failed === 0, causes: cause >= 0 ? [cause] : [], detail: `${detail}; ${plant.config.pumps.count - failed} of ${plant.config.pumps.count} running` });
    plant.changeIds.push(id);
    plant.lastChangeId = id;
    this.settle(id);
  }

  private setCrahFailed(h: number, failed: number, cause: number, detail: string): void {
    const hall = this.halls[h] as Hall;
    const label = (k: number): string => (k === 0 ? "running" : k >= hall.config.crah.count ? "failed" : "degraded");
    const from = label(hall.crahFailed);
    hall.crahFailed = failed;
    const id = this.ctx.trace.record({ atMs: this.ctx.sim.nowMs, component: `${hall.config.id}-crah`, layer: "facility", from, to: label(failed), aspect: "state", atWork: failed === 0, causes: cause >= 0 ? [cause] : [], detail: `${detail}; ${hall.config.crah.count - failed} of ${hall.config.crah.count} running` });
    (this.hallChangeIds[h] as number[]).push(id);
    this.settle(id);
  }

  private voltageSag(fault: Extract<FacilityFault, { type: "power:voltage-sag" }>, cause: number): void {
    const u = fault.utility === undefined ? undefined : this.power.utilityIndex(fault.utility);
    const feeds = new Set(this.power.feedsSeeingSag(u));
    const pRun = fault.runningTripProbability ?? DEFAULT_SAG_RUNNING_TRIP_PROBABILITY;
    const pStandby = fault.standbyTripProbability ?? DEFAULT_SAG_STANDBY_TRIP_PROBABILITY;
    this.plants.forEach((plant, p) => {
      if (!feeds.has(this.plantFeed[p] as number)) return;
      const rng = this.ctx.stream(plant.config.id, "sag");
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
    });
    this.settle(cause);
  }

  private chillerFail(fault: Extract<FacilityFault, { type: "cooling:chiller-fail" }>, cause: number): void {
    const targets: { plant: CoolingPlant; chillers: number[]; why: string }[] = [];
    if (fault.plant !== undefined) {
      const plant = this.plants[this.plantIndex.get(fault.plant) ?? -1];
      if (plant !== undefined) {
        // Running chillers first, then starting, then standby: a count hits the ones carrying load.
        const rank = [CHILLER_RUNNING, CHILLER_STARTING, CHILLER_STANDBY, CHILLER_UNPOWERED, CHILLER_TRIPPED];
        const all = range(plant.state.length).sort((a, b) => rank.indexOf(plant.state[a] as number) - rank.indexOf(plant.state[b] as number) || a - b);
        targets.push({ plant, chillers: all.slice(0, fault.count ?? all.length), why: "chiller failed" });
      }
    } else if (fault.group !== undefined) {
      for (const plant of this.plants) {
        const g = plant.config.groups.find((x) => x.id === fault.group);
        if (g === undefined) continue;
        const idx = g.chillers.map((id) => plant.config.chillerIds.indexOf(id)).filter((i) => i >= 0);
        targets.push({ plant, chillers: idx.slice(0, fault.count ?? idx.length), why: `common-mode failure of ${g.kind} ${g.id}` });
      }
    } else if (fault.chillers !== undefined) {
      for (const plant of this.plants) {
        const idx = fault.chillers.map((id) => plant.config.chillerIds.indexOf(id)).filter((i) => i >= 0);
        if (idx.length > 0) targets.push({ plant, chillers: idx.slice(0, fault.count ?? idx.length), why: "chiller failed" });
      }
    }
    for (const { plant, chillers, why } of targets) {
      plant.trip(chillers, CHILLER_TRIPPED, cause, why);
      plant.control(cause);
      plant.updateLabel(cause);
    }
    this.applied.set(fault, () => {
      for (const { plant, chillers } of targets) {
        for (const i of chillers) if (plant.state[i] === CHILLER_TRIPPED && plant.feedPoweredNow()) plant.start(i, false, this.clearCause, "fault cleared: restart");
        plant.updateLabel(this.clearCause);
      }
      this.settle(this.clearCause);
    });
    this.settle(cause);
  }

  private weather(celsius: number, overMs: number | undefined, cause: number): void {
    const from = this.outsideCelsius;
    const id = this.ctx.trace.record({
      atMs: this.ctx.sim.nowMs, component: "outside-air", layer: "facility", from: `${from.toFixed(1)} °C`, to: `${celsius.toFixed(1)} °C`, causes: [cause],
      aspect: "temperature", atWork: celsius === this.config.outsideCelsius,
      detail: overMs === undefined || overMs <= 0 ? "outside temperature changed" : `outside temperature ramping over ${Math.round(overMs / 60_000)} min`,
    });
    this.outsideLabelId = id;
    const setTo = (value: number): void => {
      this.outsideCelsius = value;
      this.outsideLabelId = id;
      for (const plant of this.plants) plant.changeIds.push(id);
      this.settle(id);
    };
    if (overMs === undefined || overMs <= 0) {
      setTo(celsius);
    } else {
      const steps = Math.max(1, Math.ceil(overMs / WEATHER_RAMP_STEP_MS));
      for (let k = 1; k <= steps; k++) {
        const value = from + ((celsius - from) * k) / steps;
        this.defer(Math.round((overMs * k) / steps), () => setTo(value));
      }
    }
  }

  /** Transition id of the clearing being applied (read by the undo closures). */
  private clearCause = -1;

  clearFault(fault: FacilityFault, cause: number): void {
    const undo = this.applied.get(fault);
    if (undo === undefined) return;
    this.applied.delete(fault);
    this.clearCause = cause;
    undo();
  }

  // ---------------------------------------------------------------- operator actions

  applyAction(action: FacilityAction, cause: number): void {
    switch (action.action) {
      case "shed-load": {
        for (const ci of this.selectClusters(action.hall, action.cluster, action.role)) this.shed(ci, action.fraction, cause, "load shed by operator");
        this.settle(cause);
        break;
      }
      case "power-off": {
        const fraction = action.fraction ?? 1;
        if (action.hall !== undefined && fraction >= 1) {
          const h = this.hallIndex.get(action.hall);
          if (h !== undefined) (this.halls[h] as Hall).itSwitchedOff = true;
        }
        for (const ci of this.selectClusters(action.hall, action.cluster, undefined)) this.shed(ci, fraction, cause, "powered off by operator");
        this.settle(cause);
        break;
      }
      case "restart-chillers": {
        const plant = this.plants[this.plantIndex.get(action.plant) ?? -1];
        if (plant === undefined) break;
        const only = action.chillers === undefined ? undefined : new Set(action.chillers);
        if (plant.feedPoweredNow()) {
          plant.state.forEach((s, i) => {
            if (only !== undefined && !only.has(plant.config.chillerIds[i] as string)) return;
            if (s === CHILLER_TRIPPED) plant.start(i, false, cause, "operator restart");
            else if (s === CHILLER_UNPOWERED) plant.start(i, true, cause, "operator restart after a power transfer");
          });
        }
        plant.updateLabel(cause);
        this.settle(cause);
        break;
      }
      case "power-on": {
        const targets = this.selectClusters(action.hall, action.cluster, action.role);
        if (action.hall !== undefined) {
          const h = this.hallIndex.get(action.hall);
          if (h !== undefined) (this.halls[h] as Hall).itSwitchedOff = false;
        }
        const job = new PowerOnJob(this.jobs.length, targets, action.batchSize, action.every, action.whenBelowCelsius ?? (HALL_LABEL_CELSIUS[0] as number), cause);
        this.jobs.push(job);
        this.onJobTick(job.index);
        break;
      }
      case "add-cooling": {
        const h = this.hallIndex.get(action.hall);
        if (h === undefined) break;
        const hall = this.halls[h] as Hall;
        const from = hall.auxCoolingKw;
        hall.auxCoolingKw += action.capacityKw;
        const id = this.ctx.trace.record({
          atMs: this.ctx.sim.nowMs, component: `${hall.config.id}-aux-cooling`, layer: "facility", from: from > 0 ? "running" : "none", to: "running", causes: [cause], aspect: "state", atWork: true,
          detail: `auxiliary cooling ${formatCount(Math.round(hall.auxCoolingKw))} kW`,
        });
        (this.hallChangeIds[h] as number[]).push(id);
        this.settle(id);
        break;
      }
      case "repair": {
        const ci = this.clusterIndex.get(action.cluster);
        if (ci === undefined) break;
        const c = this.clusters[ci] as ServerCluster;
        const before = c.health();
        const repaired = c.repair();
        this.recordCluster(c, before, [cause], `${formatCount(repaired)} damaged or failed servers repaired; ready to power on`);
        break;
      }
    }
  }

  private selectClusters(hall: string | undefined, cluster: string | undefined, role: string | undefined): number[] {
    const out: number[] = [];
    this.clusters.forEach((c, i) => {
      if (cluster !== undefined && c.config.id !== cluster) return;
      if (hall !== undefined && c.config.hall !== hall) return;
      if (role !== undefined && c.config.role !== role) return;
      out.push(i);
    });
    return out;
  }

  private shed(ci: number, fraction: number, cause: number, why: string): void {
    const c = this.clusters[ci] as ServerCluster;
    if (c.up === 0) return;
    const before = c.health();
    const upBefore = c.up;
    const done = c.powerOff(Math.ceil(fraction * c.up - 1e-9));
    const hall = this.halls[c.hallIndex] as Hall;
    hall.lastLoadId = this.recordCluster(c, before, [cause], `${why}: ${formatCount(done)} of ${formatCount(upBefore)} running servers; ${formatCount(c.up)} of ${formatCount(c.n)} up`);
  }

  private onJobTick(j: number): void {
    const job = this.jobs[j] as PowerOnJob;
    const now = this.ctx.sim.nowMs;
    let budget = job.batchSize;
    let remaining = 0;
    job.tick++;
    const touched = new Set<number>();
    for (const ci of job.clusters) {
      const c = this.clusters[ci] as ServerCluster;
      const h = c.hallIndex;
      const hall = this.halls[h] as Hall;
      if (budget > 0 && this.hallPowered(h) && c.offCount() > 0 && hall.temperatureAt(now) < job.whenBelowCelsius) {
        if (!touched.has(h)) {
          this.processHall(h);
          touched.add(h);
        }
        const before = c.health();
        const on = c.powerOn(budget);
        if (on > 0) {
          budget -= on;
          hall.lastLoadId = this.recordCluster(c, before, [job.cause], `powered on ${formatCount(on)} servers (batch ${job.tick}); ${formatCount(c.up)} of ${formatCount(c.n)} up`, "power-on");
        }
      }
      remaining += c.offCount();
    }
    this.settle(job.cause);
    if (remaining > 0) this.ctx.sim.schedule(this.kindJob, Math.max(1, job.everyMs), j);
  }

  // ---------------------------------------------------------------- queries

  private defineMetrics(): void {
    const m = this.metrics;
    const now = (): number => this.ctx.sim.nowMs;
    m.set("weather.outsideCelsius", () => this.outsideCelsius);
    this.halls.forEach((hall, h) => {
      const p = `hall.${hall.config.id}.`;
      m.set(`${p}inletCelsius`, () => hall.temperatureAt(now()));
      m.set(`${p}maxInletCelsius`, () => hall.temperatureAt(now()) + hall.maxOffsetCelsius);
      m.set(`${p}peakCelsius`, () => Math.max(hall.peakCelsius, hall.temperatureAt(now())));
      m.set(`${p}itKw`, () => this.hallHeatKw(h));
      m.set(`${p}coolingKw`, () => hall.coolingAtMs(now()));
      m.set(`${p}coolingMaxKw`, () => hall.params.coolingMaxKw);
      m.set(`${p}powered`, () => (this.hallPowered(h) ? 1 : 0));
      m.set(`${p}serversUp`, () => hall.clusters.reduce((s, ci) => s + (this.clusters[ci] as ServerCluster).up, 0));
    });
    this.clusters.forEach((c) => {
      const p = `cluster.${c.config.id}.`;
      m.set(`${p}serversUp`, () => c.up);
      m.set(`${p}serversThrottled`, () => c.throttledUp);
      m.set(`${p}serversOff`, () => c.counts[SERVER_OFF] as number);
      m.set(`${p}serversDamaged`, () => c.counts[SERVER_DAMAGED] as number);
      m.set(`${p}serversFailed`, () => c.counts[SERVER_FAILED] as number);
      m.set(`${p}capacity`, () => c.capacity());
      m.set(`${p}itKw`, () => c.heatKw());
    });
    this.plants.forEach((plant) => {
      const p = `plant.${plant.config.id}.`;
      m.set(`${p}chillersRunning`, () => plant.count(CHILLER_RUNNING));
      m.set(`${p}chillersTripped`, () => plant.count(CHILLER_TRIPPED) + plant.count(CHILLER_UNPOWERED));
      m.set(`${p}storageMinutes`, () => plant.storageMinutesAt(now()));
      m.set(`${p}supplyKw`, () => plant.supplyKw);
      m.set(`${p}pumpsRunning`, () => plant.config.pumps.count - plant.pumpsFailed);
    });
    this.power.feedIds().forEach((id, f) => {
      m.set(`feed.${id}.powered`, () => (this.power.isPowered(f) ? 1 : 0));
      m.set(`feed.${id}.upsMinutes`, () => this.power.upsMinutes(f, now()));
    });
  }

  readMetric(name: string): number | undefined {
    return this.metrics.get(name)?.();
  }

  metricReader(name: string): (() => number) | undefined {
    return this.metrics.get(name);
  }

  metricNames(): string[] {
    return [...this.metrics.keys()];
  }

  clusterIds(): string[] {
    return this.clusters.map((c) => c.config.id);
  }

  clusterCapacity(id: string): number {
    const c = this.clusters[this.clusterIndex.get(id) ?? -1];
    if (c === undefined) throw new Error(`facility: unknown cluster ${id}`);
    return c.capacity();
  }

  clusterHealth(id: string): Health {
    const c = this.clusters[this.clusterIndex.get(id) ?? -1];
    if (c === undefined) throw new Error(`facility: unknown cluster ${id}`);
    return c.health();
  }

  invariantViolations(): string[] {
    const out: string[] = [];
    const now = this.ctx.sim.nowMs;
    this.halls.forEach((hall, h) => {
      const t = hall.temperatureAt(now);
      if (!Number.isFinite(t)) out.push(`hall ${hall.config.id}: temperature is ${t}`);
      if (!this.hallPowered(h)) {
        for (const ci of hall.clusters) {
          const c = this.clusters[ci] as ServerCluster;
          if (c.up > 0) out.push(`cluster ${c.config.id}: ${c.up} servers up in hall ${hall.config.id}, which has no power`);
        }
      }
    });
    for (const c of this.clusters) {
      const sum = (c.counts[0] as number) + (c.counts[1] as number) + (c.counts[2] as number) + (c.counts[3] as number);
      if (sum !== c.n || c.up !== c.counts[SERVER_UP]) out.push(`cluster ${c.config.id}: state counters disagree (${sum} of ${c.n})`);
      if (c.throttledUp < 0 || c.throttledUp > c.up) out.push(`cluster ${c.config.id}: ${c.throttledUp} throttled of ${c.up} up`);
    }
    return out;
  }
}

function thermalDetail(c: ServerCluster, hallCelsius: number, b: ThermalBatch): string {
  const parts: string[] = [];
  const inlet = Number.isNaN(b.inletCelsius) ? hallCelsius : b.inletCelsius;
  parts.push(`inlet ${inlet.toFixed(1)} °C`);
  const down = b.protective + b.graceful;
  if (down > 0) {
    const kinds = [b.graceful > 0 ? `${formatCount(b.graceful)} graceful` : "", b.protective > 0 ? `${formatCount(b.protective)} protective` : ""].filter((x) => x !== "").join(", ");
    parts.push(`${formatCount(down)} of ${formatCount(c.n)} servers shut down (${kinds})`);
  }
  if (b.damaged > 0) parts.push(`${formatCount(b.damaged)} damaged`);
  if (b.throttled > 0) parts.push(`${formatCount(b.throttled)} throttled`);
  if (b.unthrottled > 0) parts.push(`${formatCount(b.unthrottled)} back to full speed`);
  parts.push(`${formatCount(c.up)} up`);
  return parts.join("; ");
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

