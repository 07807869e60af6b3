import type { ModelContext } from "../core/context.js";
import { CauseLog } from "../core/cause-log.js";
import { healthChange, type Health } from "../core/health.js";
import type { Drive } from "../core/trace.js";
import type { RandomStream } from "../../engine/rng.js";
import { Timer } from "../../engine/timer.js";
import { ServerCluster, SERVER_UP } from "../compute/server-cluster.js";
import type { PowerOnJob } from "../compute/power-on-batches.js";
import type { FacilityAction, FacilityConfig, FacilityFault } from "./config.js";
import { CHILLER_RUNNING, CHILLER_STARTING, CHILLER_UNPOWERED, CoolingPlant } from "./cooling-plant.js";
import { Hall } from "./hall.js";
import { PowerSystem } from "./power.js";
import { formatCount } from "./format.js";
import { FAULT_HANDLERS, type FaultHandler, type Undo } from "./fault-table.js";
import { ACTION_HANDLERS, powerOnTick, type ActionHandler } from "./action-table.js";
import { defineMetrics } from "./metrics.js";
import { hallPowered, type FacilityParts, type OutsideAir } from "./parts.js";
import { settleFacility } from "./settle.js";
import { onHallEvent } from "./thermal-schedule.js";
import { armRetrip } from "./plant-faults.js";

export { checkFacility, checkFacilityAction, checkFacilityFault } from "./facility-checks.js";
export { normalizeFacility } from "./config.js";
export { facilityMetricNames } from "./metric-catalog.js";
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

/** The running facility: its parts, the events that tie them, and the port the runner plays faults and actions through. */
class FacilityWorld implements FacilityModel, FacilityParts {
  readonly power: PowerSystem;
  readonly plants: CoolingPlant[] = [];
  readonly halls: Hall[] = [];
  readonly clusters: ServerCluster[] = [];
  readonly jobs: PowerOnJob[] = [];
  readonly log = new CauseLog();
  readonly outside: OutsideAir;
  readonly damageRng: RandomStream[] = [];
  readonly plantHalls: number[][] = [];
  private readonly hallById = new Map<string, number>();
  private readonly plantById = new Map<string, number>();
  private readonly clusterById = new Map<string, number>();
  private readonly chillerOwner: number[] = [];
  private readonly deferred: (() => void)[] = [];
  private readonly metrics: Map<string, () => number>;
  /** What each applied fault did, so clearFault can undo exactly that. */
  private readonly applied = new WeakMap<object, Undo>();
  private readonly kindDeferred: number;
  private readonly kindJob: number;
  private started = false;

  constructor(readonly config: FacilityConfig, readonly ctx: ModelContext) {
    const sim = ctx.sim;
    this.outside = { celsius: config.outsideCelsius, causes: this.log.channel() };
    const kindHall = sim.registerKind("facility.hall-thermal", (_s, arg) => onHallEvent(this, arg, (cause, force) => settleFacility(this, cause, false, force)));
    const kindChiller = sim.registerKind("facility.chiller-started", (_s, arg) => this.onChillerStarted(arg));
    const kindStorage = sim.registerKind("facility.storage-due", (_s, arg) => this.onStorageDue(arg));
    this.kindDeferred = sim.registerKind("facility.deferred", (_s, arg) => (this.deferred[arg] as () => void)());
    this.kindJob = sim.registerKind("compute.power-on-batch", (_s, arg) => powerOnTick(this, arg));
    const kindLoopStep = sim.registerKind("facility.loop-step", (_s, arg) => this.onLoopStep(arg));
    this.power = new PowerSystem(ctx, config, (feed, powered, was, id) => this.onFeedChange(feed, powered, was, id));

    config.plants.forEach((p, i) => {
      this.plantById.set(p.id, i);
      this.plantHalls.push([]);
      const feed = this.power.feedIndex(p.feed);
      const base = this.chillerOwner.length;
      for (let k = 0; k < p.chillerIds.length; k++) this.chillerOwner.push(i);
      const kinds = { chillerStarted: kindChiller, storageDue: kindStorage };
      const plant = new CoolingPlant(ctx, p, i, base, kinds, () => this.power.isPowered(feed), feed, this.power.feedIndex(p.pumps.feed), this.log.channel());
      plant.stepTimer = new Timer(sim, kindLoopStep, i);
      this.plants.push(plant);
    });
    config.halls.forEach((h, i) => {
      this.hallById.set(h.id, i);
      const rng = ctx.stream(h.id, "rack-offsets");
      const offsets = new Float32Array(h.racks);
      for (let r = 0; r < h.racks; r++) offsets[r] = rng.sample(h.rackInletOffsetCelsius);
      const plant = this.plantById.get(h.plant) ?? -1;
      this.plantHalls[plant]?.push(i);
      const feeds = [this.power.feedIndex(h.feed), this.power.feedIndex(h.crah.feed)] as const;
      this.halls.push(new Hall(h, i, plant, offsets, config.outsideCelsius, feeds[0], feeds[1], this.log, new Timer(sim, kindHall, i)));
    });
    config.clusters.forEach((c, i) => {
      this.clusterById.set(c.id, i);
      const hallIdx = this.hallById.get(c.hall);
      if (hallIdx === undefined) throw new Error(`facility: cluster ${c.id} names unknown hall ${c.hall}; run checkFacility first`);
      const hall = this.halls[hallIdx] as Hall;
      hall.clusters.push(i);
      this.clusters.push(new ServerCluster(c, i, hallIdx, hall.rackOffsets, ctx.stream(c.id, "thresholds")));
      this.damageRng.push(ctx.stream(c.id, "damage"));
    });
    this.metrics = defineMetrics(this);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    settleFacility(this, -1, true);
  }

  // ---------------------------------------------------------------- parts

  plantIndex(id: string): number {
    return this.plantById.get(id) ?? -1;
  }

  hallIndex(id: string): number {
    return this.hallById.get(id) ?? -1;
  }

  clusterIndex(id: string): number {
    return this.clusterById.get(id) ?? -1;
  }

  settle(cause: number): void {
    settleFacility(this, cause);
  }

  defer(delayMs: number, fn: () => void): void {
    this.deferred.push(fn);
    this.ctx.sim.schedule(this.kindDeferred, delayMs, this.deferred.length - 1);
  }

  scheduleJob(j: number, delayMs: number): void {
    this.ctx.sim.schedule(this.kindJob, delayMs, j);
  }

  recordCluster(c: ServerCluster, before: Health, causes: number[], detail: string, drive?: Drive): number {
    const id = this.ctx.trace.record({ atMs: this.ctx.sim.nowMs, component: c.config.id, layer: "compute", from: before, to: c.health(), causes, detail, ...healthChange(before, c.health()), ...(drive === undefined ? {} : { drive }) });
    this.ctx.capacityChanged(c.config.id, id);
    return id;
  }

  // ---------------------------------------------------------------- plant and power events

  private onChillerStarted(global: number): void {
    const plant = this.plants[this.chillerOwner[global] as number] as CoolingPlant;
    const i = global - plant.chillerBase;
    plant.finishStart(i);
    armRetrip(this, plant, i);
    const cause = plant.lastIds[i] as number;
    plant.control(cause);
    plant.updateLabel(cause);
    this.settle(cause);
  }

  private onLoopStep(p: number): void {
    const plant = this.plants[p] as CoolingPlant;
    plant.stepTimer?.fired();
    this.settle(plant.causes.latest);
  }

  private onStorageDue(p: number): void {
    const plant = this.plants[p] as CoolingPlant;
    plant.storageDue(this.ctx.sim.nowMs);
    this.settle(plant.causes.latest);
  }

  private onFeedChange(feed: number, powered: boolean, wasPowered: boolean, id: number): void {
    if (powered === wasPowered) return;
    for (const hall of this.halls) {
      if (hall.crahFeed === feed) hall.supply.mark(id);
      if (hall.feed !== feed || powered) continue;
      for (const ci of hall.clusters) {
        const c = this.clusters[ci] as ServerCluster;
        if (c.up === 0) continue;
        const before = c.health();
        const lost = c.up;
        c.powerOff(lost);
        hall.load.setLatest(this.recordCluster(c, before, [id], `power lost: ${formatCount(lost)} of ${formatCount(c.n)} servers down`));
      }
    }
    for (const plant of this.plants) {
      if (plant.pumpFeed === feed) plant.causes.mark(id);
      if (plant.feed !== feed) continue;
      if (!powered) {
        const lost: number[] = [];
        plant.state.forEach((s, i) => { if (s === CHILLER_RUNNING || s === CHILLER_STARTING) lost.push(i); });
        plant.trip(lost, CHILLER_UNPOWERED, id, "chiller lost its power");
      } else {
        plant.state.forEach((s, i) => { if (s === CHILLER_UNPOWERED && plant.config.autoRestart) plant.start(i, true, id, "power back: automatic restart after a power transfer"); });
        plant.control(id);
      }
      plant.updateLabel(id);
    }
    if (this.started) this.settle(id);
  }

  // ---------------------------------------------------------------- the port

  applyFault(fault: FacilityFault, cause: number): void {
    const handler = FAULT_HANDLERS[fault.type] as FaultHandler<FacilityFault>;
    const undo = handler(this, fault, cause);
    if (undo !== undefined) this.applied.set(fault, undo);
  }

  clearFault(fault: FacilityFault, cause: number): void {
    const undo = this.applied.get(fault);
    if (undo === undefined) return;
    this.applied.delete(fault);
    undo(cause);
  }

  applyAction(action: FacilityAction, cause: number): void {
    const handler = ACTION_HANDLERS[action.action] as ActionHandler<FacilityAction>;
    handler(this, action, cause);
  }

  // ---------------------------------------------------------------- queries

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
    return this.cluster(id).capacity();
  }

  clusterHealth(id: string): Health {
    return this.cluster(id).health();
  }

  private cluster(id: string): ServerCluster {
    const c = this.clusters[this.clusterIndex(id)];
    if (c === undefined) throw new Error(`facility: unknown cluster ${id}`);
    return c;
  }

  invariantViolations(): string[] {
    const out: string[] = [];
    const now = this.ctx.sim.nowMs;
    this.halls.forEach((hall, h) => {
      const t = hall.temperatureAt(now);
      if (!Number.isFinite(t)) out.push(`hall ${hall.config.id}: temperature is ${t}`);
      if (!hallPowered(this, h)) {
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
