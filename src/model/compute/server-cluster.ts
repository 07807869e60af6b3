import type { RandomStream } from "../../engine/rng.js";
import { healthFromCapacity, type Health } from "../core/health.js";
import type { ClusterConfig } from "../facility/config.js";
import { drawThresholds, sortByEffective, type SortedThresholds } from "./thresholds.js";

/** Server state: running (possibly throttled). */
export const SERVER_UP = 0;
/** Server state: powered off (by an operator, a thermal shutdown or a power loss); can be powered on. */
export const SERVER_OFF = 1;
/** Server state: damaged by heat; needs a repair before it can be powered on. */
export const SERVER_DAMAGED = 2;
/** Server state: failed (injected); needs a repair before it can be powered on. */
export const SERVER_FAILED = 3;

/** Counts of what one synchronisation with the hall temperature did. */
export interface ThermalBatch {
  throttled: number;
  unthrottled: number;
  protective: number;
  graceful: number;
  damaged: number;
  /** Highest inlet among servers shut down in this batch, °C (NaN when none). */
  inletCelsius: number;
}

/** A fresh, empty batch summary. */
export function emptyBatch(): ThermalBatch {
  return { throttled: 0, unthrottled: 0, protective: 0, graceful: 0, damaged: 0, inletCelsius: Number.NaN };
}

const TOLERANCE_K = 1e-6;

/**
 * A cluster of identical servers, with per-server state in typed arrays. Servers are kept sorted by
 * effective trip temperature per threshold kind, so a pointer says which ones the hall has passed.
 */
export class ServerCluster {
  /** Number of servers. */
  readonly n: number;
  /** Per-server state (SERVER_UP …). */
  readonly state: Uint8Array;
  /** Per-server inlet offset above the hall air (its rack's hot spot), °C. */
  readonly offsets: Float32Array;
  /** Servers sorted by warning (throttle, caution) trip temperature. */
  readonly warn: SortedThresholds;
  /** Servers sorted by protective-shutdown trip temperature. */
  readonly crit: SortedThresholds;
  /** Time each warning position entered the "above" set, by sorted position, ms. */
  private readonly aboveSinceMs: Float64Array;
  /** Positions [0, warnPtr) of the warning order are above their warning threshold. */
  warnPtr = 0;
  /** Positions [0, critPtr) of the shutdown order are above their shutdown threshold. */
  critPtr = 0;
  /** Warning positions below dwellPtr have had their graceful-shutdown dwell handled. */
  private dwellPtr = 0;
  /** Servers up (throttled or not). */
  up: number;
  /** Servers per state, indexed by SERVER_UP … SERVER_FAILED. */
  readonly counts = new Int32Array(4);
  /** Servers up and throttled. */
  throttledUp = 0;
  /** Time of the last batch that changed something, ms (for the batch window). */
  lastBatchMs = Number.NEGATIVE_INFINITY;
  private powerOnCursor = 0;

  /** Builds the cluster: draws thresholds from the cluster's streams and sorts servers by effective trip temperature. */
  constructor(
    readonly config: ClusterConfig,
    readonly index: number,
    readonly hallIndex: number,
    rackOffsets: Float32Array,
    thresholdRng: RandomStream,
  ) {
    const n = config.servers;
    this.n = n;
    this.state = new Uint8Array(n);
    this.up = n;
    this.counts[SERVER_UP] = n;
    this.offsets = new Float32Array(n);
    const racks = rackOffsets.length;
    for (let i = 0; i < n; i++) {
      this.offsets[i] = rackOffsets[(config.firstRack + Math.floor(i / config.serversPerRack)) % racks] as number;
    }
    const warnC = drawThresholds(thresholdRng, config.warningCelsius, n);
    const critC = drawThresholds(thresholdRng, config.shutdownCelsius, n);
    this.warn = sortByEffective(warnC, this.offsets);
    this.crit = sortByEffective(critC, this.offsets);
    this.aboveSinceMs = new Float64Array(n);
  }

  /** Capacity fraction 0..1: throttled servers count `throttledCapacity`, others 1 or 0. */
  capacity(): number {
    if (this.n === 0) return 0;
    const c = this.config;
    return (this.up - this.throttledUp + this.throttledUp * c.throttledCapacity) / this.n;
  }

  /** Heat (electric power) of the running servers, kW. */
  heatKw(): number {
    const c = this.config;
    return c.kwPerServer * (this.up - this.throttledUp + this.throttledUp * c.throttledPower);
  }

  /** Health from the capacity and the cluster's thresholds. */
  health(): Health {
    return healthFromCapacity(this.capacity(), this.config.degradedBelow, this.config.downBelow);
  }

  /** Counts of servers per state recounted from the array: [up, off, damaged, failed] (for invariant checks). */
  recount(): [number, number, number, number] {
    const counts: [number, number, number, number] = [0, 0, 0, 0];
    for (let i = 0; i < this.n; i++) counts[this.state[i] as 0 | 1 | 2 | 3]++;
    return counts;
  }

  private inWarn(i: number): boolean {
    return (this.warn.pos[i] as number) < this.warnPtr;
  }

  private inCrit(i: number): boolean {
    return (this.crit.pos[i] as number) < this.critPtr;
  }

  /** Sets one server's state, keeping the counters right. */
  setState(i: number, next: number): void {
    const prev = this.state[i] as number;
    if (prev === next) return;
    this.counts[prev] = (this.counts[prev] as number) - 1;
    this.counts[next] = (this.counts[next] as number) + 1;
    if (prev === SERVER_UP) {
      this.up--;
      if (this.inWarn(i)) this.throttledUp--;
    }
    if (next === SERVER_UP) {
      this.up++;
      if (this.inWarn(i)) this.throttledUp++;
    }
    this.state[i] = next;
  }

  private shutDown(i: number, inlet: number, rng: RandomStream, batch: ThermalBatch): void {
    const c = this.config;
    const p = c.damagePerKelvin * Math.max(0, inlet - c.damageOnsetCelsius);
    const damaged = p > 0 && rng.next() < Math.min(1, p);
    this.setState(i, damaged ? SERVER_DAMAGED : SERVER_OFF);
    if (damaged) batch.damaged++;
    if (!(inlet <= batch.inletCelsius)) batch.inletCelsius = inlet;
  }

  /** Protective shutdowns of running servers whose shutdown threshold the hall has passed; moves the pointer both ways. */
  syncShutdown(hallCelsius: number, damageRng: RandomStream, batch: ThermalBatch): void {
    const { order, effCelsius } = this.crit;
    while (this.critPtr < this.n && (effCelsius[this.critPtr] as number) <= hallCelsius + TOLERANCE_K) {
      const i = order[this.critPtr] as number;
      this.critPtr++;
      if (this.state[i] === SERVER_UP) {
        this.shutDown(i, hallCelsius + (this.offsets[i] as number), damageRng, batch);
        batch.protective++;
      }
    }
    const hyst = this.config.hysteresisCelsius;
    while (this.critPtr > 0 && (effCelsius[this.critPtr - 1] as number) - hyst > hallCelsius + TOLERANCE_K) this.critPtr--;
  }

  /** Throttles running servers whose warning threshold the hall has passed and un-throttles those it has left (with hysteresis). */
  syncWarning(hallCelsius: number, nowMs: number, batch: ThermalBatch): void {
    const { order, effCelsius } = this.warn;
    while (this.warnPtr < this.n && (effCelsius[this.warnPtr] as number) <= hallCelsius + TOLERANCE_K) {
      const i = order[this.warnPtr] as number;
      this.aboveSinceMs[this.warnPtr] = nowMs;
      this.warnPtr++;
      if (this.state[i] === SERVER_UP) {
        this.throttledUp++;
        batch.throttled++;
      }
    }
    const hyst = this.config.hysteresisCelsius;
    while (this.warnPtr > 0 && (effCelsius[this.warnPtr - 1] as number) - hyst > hallCelsius + TOLERANCE_K) {
      this.warnPtr--;
      const i = order[this.warnPtr] as number;
      if (this.state[i] === SERVER_UP) {
        this.throttledUp--;
        batch.unthrottled++;
      }
    }
    if (this.dwellPtr > this.warnPtr) this.dwellPtr = this.warnPtr;
  }

  /** Graceful shutdowns of running servers that have stayed above their warning threshold for the dwell. */
  syncDwell(hallCelsius: number, nowMs: number, damageRng: RandomStream, batch: ThermalBatch): void {
    const dwell = this.config.gracefulShutdownAfterMs;
    if (dwell === undefined) return;
    while (this.dwellPtr < this.warnPtr && (this.aboveSinceMs[this.dwellPtr] as number) + dwell <= nowMs) {
      const i = this.warn.order[this.dwellPtr] as number;
      this.dwellPtr++;
      if (this.state[i] === SERVER_UP) {
        this.shutDown(i, hallCelsius + (this.offsets[i] as number), damageRng, batch);
        batch.graceful++;
      }
    }
  }

  /** Hall temperature of the next warning crossing upwards (Infinity when none). */
  nextWarnUpCelsius(): number {
    return this.warnPtr < this.n ? (this.warn.effCelsius[this.warnPtr] as number) : Number.POSITIVE_INFINITY;
  }

  /** Hall temperature below which the last warned server is released (−Infinity when none). */
  nextWarnDownCelsius(): number {
    if (this.warnPtr === 0 || this.throttledUp === 0) return Number.NEGATIVE_INFINITY;
    return (this.warn.effCelsius[this.warnPtr - 1] as number) - this.config.hysteresisCelsius;
  }

  /** Hall temperature of the next protective-shutdown crossing upwards (Infinity when none). */
  nextShutdownUpCelsius(): number {
    return this.critPtr < this.n && this.up > 0 ? (this.crit.effCelsius[this.critPtr] as number) : Number.POSITIVE_INFINITY;
  }

  /** Time of the next graceful shutdown due, ms (Infinity when none). */
  nextDwellMs(): number {
    const dwell = this.config.gracefulShutdownAfterMs;
    if (dwell === undefined || this.up === 0) return Number.POSITIVE_INFINITY;
    // Skip positions whose servers are not running; they need no event.
    while (this.dwellPtr < this.warnPtr && this.state[this.warn.order[this.dwellPtr] as number] !== SERVER_UP) this.dwellPtr++;
    return this.dwellPtr < this.warnPtr ? (this.aboveSinceMs[this.dwellPtr] as number) + dwell : Number.POSITIVE_INFINITY;
  }

  /** Powers off up to `count` running servers, those closest to a protective shutdown first; returns how many. */
  powerOff(count: number): number {
    let done = 0;
    const order = this.crit.order;
    for (let p = 0; p < this.n && done < count; p++) {
      const i = order[p] as number;
      if (this.state[i] === SERVER_UP) {
        this.setState(i, SERVER_OFF);
        done++;
      }
    }
    return done;
  }

  /** Powers on up to `count` powered-off servers that are below their warning and shutdown thresholds; returns how many. */
  powerOn(count: number): number {
    let done = 0;
    for (let k = 0; k < this.n && done < count; k++) {
      const i = (this.powerOnCursor + k) % this.n;
      if (this.state[i] === SERVER_OFF && !this.inWarn(i) && !this.inCrit(i)) {
        this.setState(i, SERVER_UP);
        done++;
      }
    }
    this.powerOnCursor = (this.powerOnCursor + done) % Math.max(1, this.n);
    return done;
  }

  /** Servers powered off that could be powered on once cool enough. */
  offCount(): number {
    return this.counts[SERVER_OFF] as number;
  }

  /** Fails a fraction of the running servers, chosen at random; returns how many. */
  failFraction(fraction: number, rng: RandomStream): number {
    let failed = 0;
    for (let i = 0; i < this.n; i++) {
      if (this.state[i] === SERVER_UP && rng.next() < fraction) {
        this.setState(i, SERVER_FAILED);
        failed++;
      }
    }
    return failed;
  }

  /** Damages a fraction of the servers that are running or powered off (water, a discharge), chosen at random; returns how many. */
  damageFraction(fraction: number, rng: RandomStream): number {
    let damaged = 0;
    for (let i = 0; i < this.n; i++) {
      const s = this.state[i];
      if ((s === SERVER_UP || s === SERVER_OFF) && rng.next() < fraction) {
        this.setState(i, SERVER_DAMAGED);
        damaged++;
      }
    }
    return damaged;
  }

  /** Repairs every damaged or failed server (they become powered off, ready to power on); returns how many. */
  repair(): number {
    let repaired = 0;
    for (let i = 0; i < this.n; i++) {
      if (this.state[i] === SERVER_DAMAGED || this.state[i] === SERVER_FAILED) {
        this.setState(i, SERVER_OFF);
        repaired++;
      }
    }
    return repaired;
  }
}
