import type { BehaviorControl, BehaviorInputs, ServiceBehavior } from "../core/propagation.js";
import { LossRecorder, Waker, clamp01, formatDuration, formatOffset, meanCapacity } from "./common.js";
import type { DatabaseInput } from "./config.js";

/** Defaults of the database kind (docs/model/cloud.md §Database). */
export const DATABASE_DEFAULTS = {
  replication: "async",
  replicationLagMs: 1_000,
  writesPerSecond: 100,
  failoverDetectionMs: 30_000,
  failoverPromotionMs: 60_000,
  autoFailover: true,
  readsFromReplicas: true,
  readShare: 0.7,
  memberDownBelow: 0.5,
} as const;

type State = "serving" | "detecting" | "promoting" | "primary-down";

/**
 * A primary/replica database, each member on one cluster. When the primary's cluster falls below
 * `memberDownBelow`, failover takes detection then promotion; the first replica that is up becomes primary.
 * Asynchronous replication loses `writesPerSecond × replicationLag` acknowledged writes at each failover
 * (counted in the data ledger); synchronous loses none. Clients reach it through `proxy` components, whose
 * capacity multiplies its own: a proxy in the failed zone blocks clients even after the data failed over.
 */
export class DatabaseBehavior implements ServiceBehavior {
  readonly inputs: readonly string[];
  private readonly members: readonly string[];
  private readonly proxy: readonly string[];
  private readonly sync: boolean;
  private readonly lagMs: number;
  private readonly writesPerSecond: number;
  private readonly detectionMs: number;
  private readonly promotionMs: number;
  private readonly autoFailover: boolean;
  private readonly readsFromReplicas: boolean;
  private readonly readShare: number;
  private readonly downBelow: number;
  private readonly waker = new Waker();
  private readonly losses: LossRecorder;
  private primary = 0;
  private state: State = "serving";
  private stepEndsMs = 0;
  private target: number | undefined;
  private failovers = 0;
  private readAvailable = 1;
  private writeAvailable = 1;

  constructor(readonly id: string, input: DatabaseInput) {
    this.members = [input.primary, ...input.replicas];
    this.proxy = input.proxy ?? [];
    this.inputs = [...new Set([...this.members, ...this.proxy])];
    this.sync = (input.replication ?? DATABASE_DEFAULTS.replication) === "sync";
    this.lagMs = input.replicationLag ?? DATABASE_DEFAULTS.replicationLagMs;
    this.writesPerSecond = input.writesPerSecond ?? DATABASE_DEFAULTS.writesPerSecond;
    this.detectionMs = input.failoverDetection ?? DATABASE_DEFAULTS.failoverDetectionMs;
    this.promotionMs = input.failoverPromotion ?? DATABASE_DEFAULTS.failoverPromotionMs;
    this.autoFailover = input.autoFailover ?? DATABASE_DEFAULTS.autoFailover;
    this.readsFromReplicas = input.readsFromReplicas ?? DATABASE_DEFAULTS.readsFromReplicas;
    this.readShare = input.readShare ?? DATABASE_DEFAULTS.readShare;
    this.downBelow = input.memberDownBelow ?? DATABASE_DEFAULTS.memberDownBelow;
    // Writes arrive at writesPerSecond from the start: a loss is out of those written up to it.
    this.losses = new LossRecorder(id, "writes", (nowMs) => (this.writesPerSecond * nowMs) / 1000);
  }

  /** The cluster of the current primary. */
  get primaryCluster(): string {
    return this.members[this.primary] as string;
  }

  /** Starts a manual failover (an operator's action) to `to` or the first replica up; false when none is named or known. */
  requestFailover(nowMs: number, to?: string): boolean {
    const target = to === undefined ? undefined : this.members.indexOf(to);
    if (target !== undefined && (target < 0 || target === this.primary)) return false;
    this.state = "promoting";
    this.stepEndsMs = nowMs + this.promotionMs;
    this.target = target;
    return true;
  }

  /** Capacity = (readShare × reads + (1 − readShare) × writes) × proxy capacity. */
  evaluate(inputs: BehaviorInputs, control: BehaviorControl): number {
    const now = inputs.nowMs;
    const up = (i: number) => inputs.capacity(this.members[i] as string) >= this.downBelow;
    // At most a few steps per instant (detected → promoted) and each moves forward; the bound is a guard.
    for (let step = 0; step < 4; step++) {
      if (!this.advance(now, up, control)) break;
    }
    if (this.state === "detecting" || this.state === "promoting") this.waker.at(this.stepEndsMs, now, control);
    const primaryCapacity = inputs.capacity(this.primaryCluster);
    this.writeAvailable = this.state === "serving" ? primaryCapacity : 0;
    let reads = this.writeAvailable;
    if (this.readsFromReplicas) {
      for (let i = 0; i < this.members.length; i++) if (up(i)) reads = Math.max(reads, inputs.capacity(this.members[i] as string));
    }
    this.readAvailable = reads;
    this.losses.record(0, "", now, control);
    return clamp01((this.readShare * reads + (1 - this.readShare) * this.writeAvailable) * meanCapacity(this.proxy, inputs));
  }

  /** One state step; true when the state changed. */
  private advance(now: number, up: (i: number) => boolean, control: BehaviorControl): boolean {
    switch (this.state) {
      case "serving":
        if (up(this.primary)) return false;
        if (!this.autoFailover) this.state = "primary-down";
        else {
          this.state = "detecting";
          this.stepEndsMs = now + this.detectionMs;
        }
        return true;
      case "detecting":
        if (up(this.primary)) {
          this.state = "serving";
          return true;
        }
        if (now < this.stepEndsMs) return false;
        this.state = "promoting";
        this.stepEndsMs = now + this.promotionMs;
        this.target = undefined;
        return true;
      case "promoting": {
        if (now < this.stepEndsMs) return false;
        const target = this.target !== undefined && up(this.target) ? this.target : this.firstReplicaUp(up);
        if (target === undefined) {
          this.state = "primary-down";
          return true;
        }
        this.promote(target, up(this.primary), now, control);
        return true;
      }
      case "primary-down":
        if (up(this.primary)) {
          this.state = "serving";
          return true;
        }
        if (this.autoFailover && this.firstReplicaUp(up) !== undefined) {
          this.state = "promoting";
          this.stepEndsMs = now + this.promotionMs;
          this.target = undefined;
          return true;
        }
        return false;
    }
  }

  private firstReplicaUp(up: (i: number) => boolean): number | undefined {
    for (let i = 0; i < this.members.length; i++) if (i !== this.primary && up(i)) return i;
    return undefined;
  }

  /** A replica lags the primary only when the primary died under it; a planned switchover waits for it to catch up. */
  private promote(target: number, primaryUp: boolean, now: number, control: BehaviorControl): void {
    // What the replica missed: the last replicationLag of writes, or every write when the run is younger than that.
    const lost = this.sync || primaryUp ? 0 : Math.round((this.writesPerSecond * Math.min(this.lagMs, now)) / 1000);
    const from = this.primaryCluster;
    this.primary = target;
    this.state = "serving";
    this.target = undefined;
    this.failovers++;
    if (lost > 0) this.losses.record(lost, `asynchronous replication: the last ${formatDuration(this.lagMs)} of writes on ${from} never reached ${this.primaryCluster}`, now, control);
  }

  /** writeAvailable, readAvailable, failovers, lostWritesTotal, failoverInProgress. */
  metrics(): Readonly<Record<string, number>> {
    return {
      writeAvailable: this.writeAvailable,
      readAvailable: this.readAvailable,
      failovers: this.failovers,
      lostWritesTotal: this.losses.lost,
      failoverInProgress: this.state === "detecting" || this.state === "promoting" ? 1 : 0,
    };
  }

  /** e.g. "failover in progress until t+1h02m". */
  describe(): string {
    switch (this.state) {
      case "serving":
        return this.failovers > 0 ? `primary on ${this.primaryCluster} after ${this.failovers} failover(s)${this.losses.lost > 0 ? `, ${this.losses.lost} acknowledged writes lost` : ""}` : `primary on ${this.primaryCluster}`;
      case "detecting":
        return `primary on ${this.primaryCluster} unreachable, detection until ${formatOffset(this.stepEndsMs)}`;
      case "promoting":
        return `failover in progress until ${formatOffset(this.stepEndsMs)}`;
      case "primary-down":
        return `primary on ${this.primaryCluster} down, no replica to promote${this.autoFailover ? "" : " (automatic failover off)"}`;
    }
  }
}
