import type { BehaviorControl, BehaviorInputs, ServiceBehavior } from "../core/propagation.js";
import { Waker, apportion, clamp01, formatOffset, resolveZones, type CloudBuildContext } from "./common.js";
import type { CvmInput } from "./config.js";
import { binomialPmf, evenSplits, survivingFractionWith } from "./placement.js";

/** Defaults of the CVM kind (docs/model/cloud.md §CVM). */
export const CVM_DEFAULTS = {
  vmsPerServer: 20,
  placement: "spread",
  restartRatePerMinute: 100,
  restartDelayMs: 5 * 60_000,
  restartEveryMs: 60_000,
} as const;

const EPS = 1e-9;

/** Allocates `total` units over `weights`, never above `caps`, spilling what does not fit to the others. */
function fillCapped(total: number, weights: readonly number[], caps: readonly number[]): number[] {
  const out = weights.map(() => 0);
  let left = total;
  for (let round = 0; round < weights.length + 1 && left > 0; round++) {
    const open = weights.map((w, i) => ((out[i] as number) < (caps[i] as number) ? w : 0));
    if (open.every((w) => w <= 0)) break;
    const share = apportion(left, open);
    share.forEach((n, i) => {
      const put = Math.min(n, (caps[i] as number) - (out[i] as number));
      out[i] = (out[i] as number) + put;
      left -= put;
    });
  }
  return out;
}

/**
 * Compute VMs (CVM/EC2/ECS) on host clusters. VMs are placed by policy (spread over zones, or packed); a
 * fraction of a cluster's hosts going down takes the same fraction of its running VMs down. Lost VMs wait;
 * after a detection delay the control plane restarts them on spare slots anywhere, in batches at a bounded
 * rate scaled by its own capacity, and not at all while it is down.
 */
export class CvmBehavior implements ServiceBehavior {
  readonly inputs: readonly string[];
  private readonly clusters: string[];
  private readonly zoneOf: number[];
  private readonly zoneCount: number;
  private readonly slots: number[];
  private readonly placed: number[];
  private readonly running: number[];
  private readonly waiting: number[];
  private readonly lastUp: number[];
  private readonly free: number[];
  private readonly vms: number;
  private readonly pack: boolean;
  private readonly rate: number;
  private readonly delayMs: number;
  private readonly everyMs: number;
  private readonly controlPlane: string | undefined;
  private readonly group: { size: number; needed: number } | undefined;
  private readonly waker = new Waker();
  private lostTotal = 0;
  private restartedTotal = 0;
  private nextBatchMs: number | undefined;
  private blocked = false;
  private blockedReason = "";
  private groupsAvailable = 1;

  constructor(readonly id: string, input: CvmInput, ctx: CloudBuildContext) {
    const zones = resolveZones(input);
    this.clusters = zones.flatMap((z) => [...z.clusters]);
    this.zoneOf = zones.flatMap((z, i) => z.clusters.map(() => i));
    this.zoneCount = zones.length;
    const perServer = input.vmsPerServer ?? CVM_DEFAULTS.vmsPerServer;
    this.slots = this.clusters.map((c) => ctx.clusterServers(c) * perServer);
    this.vms = input.vms;
    this.pack = (input.placement ?? CVM_DEFAULTS.placement) === "pack";
    this.rate = input.restartRatePerMinute ?? CVM_DEFAULTS.restartRatePerMinute;
    this.delayMs = input.restartDelay ?? CVM_DEFAULTS.restartDelayMs;
    this.everyMs = input.restartEvery ?? CVM_DEFAULTS.restartEveryMs;
    this.controlPlane = input.controlPlane;
    this.inputs = input.controlPlane === undefined ? [...this.clusters] : [...this.clusters, input.controlPlane];
    if (input.antiAffinity !== undefined) {
      this.group = { size: input.antiAffinity.groupSize, needed: input.antiAffinity.needed ?? input.antiAffinity.groupSize };
    }
    const totalSlots = this.slots.reduce((a, b) => a + b, 0);
    if (this.vms > totalSlots) throw new Error(`cvm ${id}: ${this.vms} VMs do not fit in ${totalSlots} slots of its clusters`);
    this.placed = this.initialPlacement();
    this.running = [...this.placed];
    this.waiting = this.clusters.map(() => 0);
    this.lastUp = this.clusters.map(() => 1);
    this.free = this.clusters.map(() => 0);
  }

  private initialPlacement(): number[] {
    if (this.pack) return this.packed();
    // Spread: an equal share per zone (spilling what a zone cannot hold), then by slots within each zone.
    const zoneCaps = new Array<number>(this.zoneCount).fill(0);
    this.slots.forEach((s, i) => {
      const z = this.zoneOf[i] as number;
      zoneCaps[z] = (zoneCaps[z] as number) + s;
    });
    const zoneShare = fillCapped(this.vms, zoneCaps.map(() => 1), zoneCaps);
    const out = this.clusters.map(() => 0);
    for (let z = 0; z < this.zoneCount; z++) {
      const idx = this.clusters.map((_, i) => i).filter((i) => this.zoneOf[i] === z);
      const share = fillCapped(zoneShare[z] as number, idx.map((i) => this.slots[i] as number), idx.map((i) => this.slots[i] as number));
      idx.forEach((i, k) => (out[i] = share[k] as number));
    }
    return out;
  }

  private packed(): number[] {
    let left = this.vms;
    return this.slots.map((s) => {
      const put = Math.min(s, left);
      left -= put;
      return put;
    });
  }

  /** Capacity = VMs running / VMs placed. */
  evaluate(inputs: BehaviorInputs, control: BehaviorControl): number {
    const now = inputs.nowMs;
    for (let i = 0; i < this.clusters.length; i++) {
      const u = inputs.capacity(this.clusters[i] as string);
      const before = this.lastUp[i] as number;
      let lost = 0;
      if (u < before - EPS) lost = before > 0 ? Math.round(((this.running[i] as number) * (before - u)) / before) : 0;
      this.lastUp[i] = u;
      const upSlots = Math.floor(u * (this.slots[i] as number) + EPS);
      lost = Math.max(lost, (this.running[i] as number) - upSlots);
      if (lost > 0) {
        this.running[i] = (this.running[i] as number) - lost;
        this.waiting[i] = (this.waiting[i] as number) + lost;
        this.lostTotal += lost;
      }
      this.free[i] = Math.max(0, upSlots - (this.running[i] as number));
    }
    this.restart(now, inputs, control);
    this.groupsAvailable = this.computeGroups();
    return clamp01(this.runningTotal() / this.vms);
  }

  private restart(now: number, inputs: BehaviorInputs, control: BehaviorControl): void {
    if (this.waitingTotal() === 0) {
      this.nextBatchMs = undefined;
      this.blocked = false;
      return;
    }
    this.nextBatchMs ??= now + this.delayMs;
    const cpFactor = this.controlPlane === undefined ? 1 : inputs.health(this.controlPlane) === "down" ? 0 : inputs.capacity(this.controlPlane);
    const batch = Math.floor((this.rate * this.everyMs * cpFactor) / 60_000);
    const blockedNow = cpFactor <= 0 || this.freeTotal() === 0;
    this.blockedReason = cpFactor <= 0 ? "control plane down" : this.freeTotal() === 0 ? "no spare capacity" : "";
    if (this.blocked && !blockedNow) this.nextBatchMs = Math.max(this.nextBatchMs, now);
    this.blocked = blockedNow;
    while (!this.blocked && this.nextBatchMs <= now && this.waitingTotal() > 0) {
      this.restartBatch(Math.max(1, batch));
      this.nextBatchMs += this.everyMs;
      if (this.freeTotal() === 0) {
        this.blocked = true;
        this.blockedReason = "no spare capacity";
      }
    }
    if (this.waitingTotal() === 0) this.nextBatchMs = undefined;
    else if (!this.blocked) this.waker.at(this.nextBatchMs, now, control);
  }

  private restartBatch(size: number): void {
    const n = Math.min(size, this.waitingTotal(), this.freeTotal());
    const into = this.pack ? this.packInto(n) : apportion(n, this.free);
    const from = apportion(n, this.waiting);
    into.forEach((k, i) => {
      this.running[i] = (this.running[i] as number) + k;
      this.free[i] = (this.free[i] as number) - k;
    });
    from.forEach((k, i) => (this.waiting[i] = (this.waiting[i] as number) - k));
    this.restartedTotal += n;
  }

  private packInto(n: number): number[] {
    let left = n;
    return this.free.map((f) => {
      const put = Math.min(f, left);
      left -= put;
      return put;
    });
  }

  /** Fraction of anti-affinity groups with at least `needed` members running (members lost and not restarted are down). */
  private computeGroups(): number {
    if (this.group === undefined) return 1;
    const placedZ = new Array<number>(this.zoneCount).fill(0);
    const waitingZ = new Array<number>(this.zoneCount).fill(0);
    this.clusters.forEach((_, i) => {
      const z = this.zoneOf[i] as number;
      placedZ[z] = (placedZ[z] as number) + (this.placed[i] as number);
      waitingZ[z] = (waitingZ[z] as number) + (this.waiting[i] as number);
    });
    const pUp = placedZ.map((p, z) => (p > 0 ? clamp01(1 - (waitingZ[z] as number) / p) : 1));
    const pmf = (z: number, copies: number) => binomialPmf(pUp[z] as number, copies);
    if (this.pack) {
      const patterns = placedZ.map((_, z) => placedZ.map((__, k) => (k === z ? (this.group as { size: number }).size : 0)));
      return survivingFractionWith(pmf, patterns, this.group.needed, placedZ);
    }
    return survivingFractionWith(pmf, evenSplits(this.group.size, this.zoneCount), this.group.needed);
  }

  private runningTotal(): number {
    return this.running.reduce((a, b) => a + b, 0);
  }

  private waitingTotal(): number {
    return this.waiting.reduce((a, b) => a + b, 0);
  }

  private freeTotal(): number {
    return this.free.reduce((a, b) => a + b, 0);
  }

  /** vms, vmsRunning, vmsLost, vmsRestarted, vmsWaiting, spareSlots, groupsAvailable. */
  metrics(): Readonly<Record<string, number>> {
    return {
      vms: this.vms,
      vmsRunning: this.runningTotal(),
      vmsLost: this.lostTotal,
      vmsRestarted: this.restartedTotal,
      vmsWaiting: this.waitingTotal(),
      spareSlots: this.freeTotal(),
      groupsAvailable: this.groupsAvailable,
    };
  }

  /** e.g. "1200 VMs waiting for restart (control plane down)". */
  describe(): string {
    const waiting = this.waitingTotal();
    if (waiting === 0) return `${this.runningTotal()} of ${this.vms} VMs running`;
    const why = this.blocked ? ` (${this.blockedReason})` : this.nextBatchMs === undefined ? "" : `, next restarts at ${formatOffset(this.nextBatchMs)}`;
    return `${waiting} VMs waiting for restart${why}`;
  }
}
