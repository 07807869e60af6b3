import type { CauseChannel } from "../core/cause-log.js";
import type { ModelContext } from "../core/context.js";
import type { PlantConfig } from "./config.js";
import { ChilledWaterLoop } from "./loop.js";
import type { Timer } from "../../engine/timer.js";

/** Chiller state: available, not running. */
export const CHILLER_STANDBY = 0;
/** Chiller state: running, delivering its capacity. */
export const CHILLER_RUNNING = 1;
/** Chiller state: starting (restart sequence under way). */
export const CHILLER_STARTING = 2;
/** Chiller state: tripped or failed; needs an operator restart. */
export const CHILLER_TRIPPED = 3;
/** Chiller state: lost its power; restarts by itself when power returns (if autoRestart). */
export const CHILLER_UNPOWERED = 4;

const CHILLER_LABELS = ["standby", "running", "starting", "tripped", "unpowered"] as const;

/** Label of a chiller state. */
export function chillerLabel(state: number): string {
  return CHILLER_LABELS[state] ?? "unknown";
}

/** Plant state as a trace label. */
export type PlantLabel = "normal" | "degraded" | "down";

/** Thermal storage state as a trace label. */
export type StorageLabel = "full" | "discharging" | "drained" | "recharging";

/** The event kinds a plant schedules (registered once by the facility model). */
export interface PlantKinds {
  readonly chillerStarted: number;
  readonly storageDue: number;
}

/** A chiller plant: chillers (N+k, groups), chilled-water pumps and thermal storage. */
export class CoolingPlant {
  /** Per-chiller state (CHILLER_…). */
  readonly state: Uint8Array;
  private readonly startHandles: number[];
  /** Latest transition of each chiller. */
  readonly lastIds: number[];
  /** The next restart attempts that will fail (injected), each with the fault's transition id. */
  readonly forcedRestartFailures: number[] = [];
  /** Pumps failed. */
  pumpsFailed = 0;
  /** The chilled-water loop. */
  readonly loop: ChilledWaterLoop;
  /** The loop's next step while it or a coil-cooled hall moves (set by the facility). */
  stepTimer: Timer | undefined;
  /** Share of design flow the loop still passes (a degrading loop: air ingress, a failing valve). */
  flowFactor = 1;
  /** The plant's control system is unresponsive: no standby start, no restart. */
  controlFailed = false;
  /** Armed re-trips: the next starts that complete run this long, then trip again (with the fault's transition id). */
  readonly retrips: { readonly afterMs: number; readonly cause: number }[] = [];
  /** Plant label last recorded. */
  label: PlantLabel = "normal";
  /** Storage energy at the anchor, kJ. */
  private storageKj: number;
  private storageAnchorMs = 0;
  /** Storage rate since the anchor: + charging, − discharging, kW. */
  private storageRateKw = 0;
  private storageHandle = -1;
  storageLabel: StorageLabel = "full";
  /** Cooling supplied at the last settle, kW. */
  supplyKw = 0;

  /** Creates the plant with `runningTarget` chillers running and the rest on standby. */
  constructor(
    private readonly ctx: ModelContext,
    readonly config: PlantConfig,
    readonly index: number,
    /** Global index of this plant's first chiller (event argument base). */
    readonly chillerBase: number,
    private readonly kinds: PlantKinds,
    private readonly feedPowered: () => boolean,
    /** Power feeds (indexes; −1: not modelled) of the chillers and of the pumps. */
    readonly feed: number,
    readonly pumpFeed: number,
    /** Transitions that changed what the plant can supply: pending ones while settling, and the latest. */
    readonly causes: CauseChannel,
  ) {
    const n = config.chillerIds.length;
    this.state = new Uint8Array(n);
    for (let i = 0; i < n; i++) this.state[i] = i < config.runningTarget ? CHILLER_RUNNING : CHILLER_STANDBY;
    this.startHandles = new Array<number>(n).fill(-1);
    this.lastIds = new Array<number>(n).fill(-1);
    this.storageKj = config.storage?.energyKj ?? 0;
    this.loop = new ChilledWaterLoop(config.loop);
  }

  /** Whether the chillers' feed has power now. */
  feedPoweredNow(): boolean {
    return this.feedPowered();
  }

  /** Chillers in a state. */
  count(state: number): number {
    let k = 0;
    for (const s of this.state) if (s === state) k++;
    return k;
  }

  /** Chiller capacity available now, kW, derated above the design outside temperature. */
  chillerCapacityKw(outsideCelsius: number): number {
    const c = this.config;
    const derate = Math.max(0, 1 - c.deratePerKelvin * Math.max(0, outsideCelsius - c.designOutsideCelsius));
    return this.count(CHILLER_RUNNING) * c.chillerCapacityKw * derate;
  }

  /** Fraction of design chilled-water flow: the pumps running (0 when their feed is down), times what a degraded loop still passes. */
  pumpFraction(pumpsPowered: boolean): number {
    if (!pumpsPowered) return 0;
    const { count, needed } = this.config.pumps;
    return Math.min(1, Math.max(0, count - this.pumpsFailed) / Math.max(1, needed)) * this.flowFactor;
  }

  private note(id: number): void {
    this.causes.note(id);
  }

  private setChiller(i: number, next: number, causes: number[], detail?: string): number {
    const prev = this.state[i] as number;
    if (this.startHandles[i] !== -1) {
      this.ctx.sim.cancel(this.startHandles[i] as number);
      this.startHandles[i] = -1;
    }
    this.state[i] = next;
    const base = { atMs: this.ctx.sim.nowMs, component: this.config.chillerIds[i] as string, layer: "facility" as const, from: chillerLabel(prev), to: chillerLabel(next), causes, aspect: "state" as const, atWork: next === CHILLER_RUNNING || next === CHILLER_STANDBY };
    const id = this.ctx.trace.record(detail === undefined ? base : { ...base, detail });
    this.lastIds[i] = id;
    this.note(id);
    return id;
  }

  /** Trips chillers (by index) into `to` (tripped or unpowered); returns the transition ids. */
  trip(indices: readonly number[], to: number, cause: number, detail: string): number[] {
    const ids: number[] = [];
    for (const i of indices) {
      const s = this.state[i] as number;
      if (s === to || s === CHILLER_TRIPPED) continue;
      ids.push(this.setChiller(i, to, [cause], detail));
    }
    return ids;
  }

  /** Begins a restart of chiller i; the delay follows the conventional or the after-power-transfer distribution. */
  start(i: number, afterTransfer: boolean, cause: number, reason: string): void {
    if (this.controlFailed) return;
    const spec = afterTransfer ? this.config.restartAfterTransferMinutes : this.config.restartMinutes;
    const minutes = Math.max(0, this.ctx.stream(this.config.id, "restart").sample(spec));
    const delayMs = Math.max(1, Math.round(minutes * 60_000));
    this.setChiller(i, CHILLER_STARTING, [cause], `${reason}; restart takes ${minutes.toFixed(1)} min`);
    this.startHandles[i] = this.ctx.sim.schedule(this.kinds.chillerStarted, delayMs, this.chillerBase + i);
  }

  /** Ends a restart: the chiller runs (or goes to standby if enough run) unless the attempt fails. */
  finishStart(i: number): void {
    this.startHandles[i] = -1;
    if (this.state[i] !== CHILLER_STARTING) return;
    const cause = this.lastIds[i] as number;
    const forced = this.forcedRestartFailures.shift();
    const failed = forced !== undefined || this.ctx.stream(this.config.id, "restart-failure").next() < this.config.restartFailureProbability;
    if (failed) {
      this.setChiller(i, CHILLER_TRIPPED, forced !== undefined && forced >= 0 ? [cause, forced] : [cause], forced !== undefined ? "restart failed (injected)" : "restart failed");
    } else if (this.count(CHILLER_RUNNING) < this.config.runningTarget) {
      this.setChiller(i, CHILLER_RUNNING, [cause], "restart complete");
    } else {
      this.setChiller(i, CHILLER_STANDBY, [cause], "restart complete; enough chillers running");
    }
  }

  /** The plant controller: starts standby chillers while fewer than N run or start (needs power). */
  control(cause: number): void {
    if (!this.feedPowered() || this.controlFailed) return;
    let active = this.count(CHILLER_RUNNING) + this.count(CHILLER_STARTING);
    for (let i = 0; i < this.state.length && active < this.config.runningTarget; i++) {
      if (this.state[i] === CHILLER_STANDBY) {
        this.start(i, false, cause, "standby chiller started");
        active++;
      }
    }
  }

  /** Records the plant label if it changed, caused by this event's chiller transitions (or `cause`). */
  updateLabel(cause: number): void {
    const running = this.count(CHILLER_RUNNING);
    const next: PlantLabel = running >= this.config.runningTarget ? "normal" : running > 0 ? "degraded" : "down";
    if (next === this.label) return;
    const causes = this.causes.pending.length > 0 ? [...this.causes.pending] : cause >= 0 ? [cause] : [];
    const id = this.ctx.trace.record({
      atMs: this.ctx.sim.nowMs, component: this.config.id, layer: "facility", from: this.label, to: next, causes, aspect: "state", atWork: next === "normal",
      detail: `${running} of ${this.state.length} chillers running (${this.config.runningTarget} needed)`,
    });
    this.label = next;
    this.note(id);
  }

  /** Storage energy left at `nowMs`, kJ. */
  storageKjAt(nowMs: number): number {
    const s = this.config.storage;
    if (s === undefined) return 0;
    const level = this.storageKj + (this.storageRateKw * (nowMs - this.storageAnchorMs)) / 1000;
    return Math.min(s.energyKj, Math.max(0, level));
  }

  /** Storage left at `nowMs`, in minutes at the plant's full design load. */
  storageMinutesAt(nowMs: number): number {
    const load = this.config.designLoadKw;
    return load > 0 ? this.storageKjAt(nowMs) / load / 60 : 0;
  }

  /**
   * Settles supply for a demand: chillers (through the pumps) first, then storage covers the gap
   * while it lasts; spare chiller capacity recharges storage. Returns the cooling supplied, kW.
   */
  settle(nowMs: number, demandKw: number, outsideCelsius: number, pumpsPowered: boolean, cause: number): number {
    const pumps = this.pumpFraction(pumpsPowered);
    const chilled = this.chillerCapacityKw(outsideCelsius) * pumps;
    const s = this.config.storage;
    const level = this.storageKjAt(nowMs);
    let rate = 0;
    let supply = chilled;
    if (s !== undefined && this.loop.bufferOpen) {
      if (demandKw > chilled && level > 1e-6 && pumps > 0) {
        rate = -Math.min(demandKw - chilled, s.maxDischargeKw * pumps);
        supply = chilled - rate;
      } else if (chilled > demandKw && level < s.energyKj - 1e-6) {
        rate = Math.min(chilled - demandKw, s.rechargeKw);
      }
    }
    this.storageKj = level;
    this.storageAnchorMs = nowMs;
    this.storageRateKw = rate;
    if (this.storageHandle >= 0) this.ctx.sim.cancel(this.storageHandle);
    this.storageHandle = -1;
    if (s !== undefined) {
      if (rate < 0) this.storageHandle = this.ctx.sim.scheduleAt(this.kinds.storageDue, nowMs + Math.max(1, Math.ceil((level / -rate) * 1000)), this.index);
      else if (rate > 0) this.storageHandle = this.ctx.sim.scheduleAt(this.kinds.storageDue, nowMs + Math.max(1, Math.ceil(((s.energyKj - level) / rate) * 1000)), this.index);
      const next: StorageLabel = rate < 0 ? "discharging" : rate > 0 ? "recharging" : level <= 1e-6 ? "drained" : level >= s.energyKj - 1e-6 ? "full" : this.storageLabel === "drained" ? "drained" : "full";
      if (next !== this.storageLabel) {
        const causes = this.causes.pending.length > 0 ? [...this.causes.pending] : this.causes.latest >= 0 ? [this.causes.latest] : cause >= 0 ? [cause] : [];
        const id = this.ctx.trace.record({
          atMs: nowMs, component: `${this.config.id}-storage`, layer: "facility", from: this.storageLabel, to: next, causes, aspect: "state", atWork: next === "full",
          detail: `${(level / Math.max(1e-9, this.config.designLoadKw) / 60).toFixed(1)} min at full load left; ${rate < 0 ? `discharging ${Math.round(-rate)} kW` : rate > 0 ? `recharging ${Math.round(rate)} kW` : "idle"}`,
        });
        this.storageLabel = next;
        this.note(id);
      }
    }
    this.supplyKw = supply;
    return supply;
  }

  /** Snaps the storage to its due level (empty or full) when its event fires. */
  storageDue(nowMs: number): void {
    this.storageHandle = -1;
    this.storageKj = this.storageKjAt(nowMs);
    this.storageAnchorMs = nowMs;
    const s = this.config.storage;
    if (s === undefined) return;
    if (this.storageRateKw < 0 && this.storageKj < 1e-3 * s.energyKj + 1e-6) this.storageKj = 0;
    if (this.storageRateKw > 0 && this.storageKj > s.energyKj * (1 - 1e-6)) this.storageKj = s.energyKj;
    this.storageRateKw = 0;
  }
}
