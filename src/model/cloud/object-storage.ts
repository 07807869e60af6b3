import type { BehaviorControl, BehaviorInputs, ServiceBehavior } from "../core/propagation.js";
import { LossRecorder, Waker, clamp01, formatOffset, resolveZones, zoneUpNodes, type CloudBuildContext, type Zone } from "./common.js";
import type { ObjectStorageInput } from "./config.js";
import { evenSplits, survivingFraction, type ZonePool } from "./placement.js";

/** Defaults of the object storage kind (docs/model/cloud.md §COS). */
export const COS_DEFAULTS = {
  replicas: 3,
  objects: 100_000_000,
  readShare: 0.8,
  integrityCheckMs: 2 * 3_600_000,
  rebuildMs: 4 * 3_600_000,
  rebuildCapacity: 0.7,
} as const;

/** Nodes back from an outage but still in integrity checks, usable from `readyAtMs`. */
interface Returning {
  readyAtMs: number;
  count: number;
}

/**
 * Object storage (COS/S3/OSS): objects as `replicas` copies or `data`+`parity` shards on distinct nodes, split
 * evenly over the zones. Readable and writable fractions follow exactly from the nodes usable in each zone;
 * nodes coming back serve only after an integrity check, and the objects that were unreadable until then are
 * served at `rebuildCapacity` for the rebuild window.
 */
export class ObjectStorageBehavior implements ServiceBehavior {
  readonly inputs: readonly string[];
  private readonly zones: Zone[];
  private readonly nodes: number[];
  private readonly patterns: number[][];
  private readonly copies: number;
  private readonly readNeed: number;
  private readonly writeNeed: number;
  private readonly objects: number;
  private readonly readShare: number;
  private readonly integrityCheckMs: number;
  private readonly rebuildMs: number;
  private readonly rebuildCapacity: number;
  private readonly waker = new Waker();
  private readonly losses: LossRecorder;
  /** Nodes serving per zone (up and past their integrity check). */
  private usable: number[] | undefined;
  private returning: Returning[][];
  private rebuildUntilMs = -1;
  /** Share of objects being rebuilt (unreadable before their nodes returned); they are served at rebuildCapacity. */
  private rebuildShare = 0;
  private readable = 1;
  private writable = 1;
  private lostFraction = 0;
  private capacity = 1;
  private lastNowMs = 0;

  constructor(readonly id: string, input: ObjectStorageInput, private readonly ctx: CloudBuildContext) {
    this.zones = resolveZones(input);
    this.inputs = this.zones.flatMap((z) => [...z.clusters]);
    this.nodes = this.zones.map((z) => z.clusters.reduce((s, c) => s + ctx.clusterServers(c), 0));
    if (input.erasure !== undefined) {
      this.copies = input.erasure.data + input.erasure.parity;
      this.readNeed = input.erasure.data;
      this.writeNeed = input.writeQuorum ?? Math.min(this.copies, input.erasure.data + 1);
    } else {
      this.copies = input.replicas ?? COS_DEFAULTS.replicas;
      this.readNeed = 1;
      this.writeNeed = input.writeQuorum ?? Math.floor(this.copies / 2) + 1;
    }
    this.patterns = evenSplits(this.copies, this.zones.length);
    this.objects = input.objects ?? COS_DEFAULTS.objects;
    this.readShare = input.readShare ?? COS_DEFAULTS.readShare;
    this.integrityCheckMs = input.integrityCheck ?? COS_DEFAULTS.integrityCheckMs;
    this.rebuildMs = input.rebuild ?? COS_DEFAULTS.rebuildMs;
    this.rebuildCapacity = input.rebuildCapacity ?? COS_DEFAULTS.rebuildCapacity;
    this.returning = this.zones.map(() => []);
    this.losses = new LossRecorder(id, "objects", () => this.objects);
  }

  /** Capacity = readShare × readable + (1 − readShare) × writable, capped at 1 − rebuilding share × (1 − rebuildCapacity). */
  evaluate(inputs: BehaviorInputs, control: BehaviorControl): number {
    const now = inputs.nowMs;
    this.lastNowMs = now;
    const up = zoneUpNodes(this.zones, (c) => this.ctx.clusterServers(c), inputs);
    if (this.usable === undefined) this.usable = [...up];
    const usable = this.usable;
    for (let z = 0; z < up.length; z++) {
      const upNow = up[z] as number;
      const queue = this.returning[z] as Returning[];
      // Failures take effect at once; checks of nodes that failed again are abandoned, newest first.
      if (upNow < (usable[z] as number)) usable[z] = upNow;
      let pending = queue.reduce((s, r) => s + r.count, 0);
      while (pending > upNow - (usable[z] as number) && queue.length > 0) {
        const last = queue[queue.length - 1] as Returning;
        const cut = Math.min(last.count, pending - (upNow - (usable[z] as number)));
        last.count -= cut;
        pending -= cut;
        if (last.count <= 0) queue.pop();
      }
      const back = upNow - (usable[z] as number) - pending;
      if (back > 0) queue.push({ readyAtMs: now + this.integrityCheckMs, count: back });
      while (queue.length > 0 && (queue[0] as Returning).readyAtMs <= now) {
        // Objects unreadable until these nodes came back must be verified and re-replicated: they are the rebuild's share.
        const unreadable = 1 - survivingFraction(this.pools(usable), this.patterns, this.readNeed);
        this.rebuildShare = this.rebuildUntilMs > now ? Math.max(this.rebuildShare, unreadable) : unreadable;
        usable[z] = (usable[z] as number) + (queue.shift() as Returning).count;
        if (unreadable > 0) this.rebuildUntilMs = now + this.rebuildMs;
      }
      if (queue.length > 0) this.waker.at((queue[0] as Returning).readyAtMs, now, control);
    }
    if (this.rebuildUntilMs > now) this.waker.at(this.rebuildUntilMs, now, control);
    const pools = this.pools(usable);
    this.readable = survivingFraction(pools, this.patterns, this.readNeed);
    this.writable = survivingFraction(pools, this.patterns, this.writeNeed);
    this.trackDurability(now, control);
    let capacity = this.readShare * this.readable + (1 - this.readShare) * this.writable;
    if (this.rebuildUntilMs > now) capacity = Math.min(capacity, 1 - this.rebuildShare * (1 - this.rebuildCapacity));
    this.capacity = clamp01(capacity);
    return this.capacity;
  }

  private pools(good: readonly number[]): ZonePool[] {
    return this.nodes.map((n, z) => ({ nodes: n, good: good[z] as number }));
  }

  /** Objects whose every copy (or more than `parity` shards) sat on damaged nodes are lost, once. */
  private trackDurability(nowMs: number, control: BehaviorControl): void {
    const pools: ZonePool[] = this.zones.map((z, i) => {
      const damaged = Math.round(z.clusters.reduce((s, c) => s + this.ctx.damagedFraction(c) * this.ctx.clusterServers(c), 0));
      return { nodes: this.nodes[i] as number, good: (this.nodes[i] as number) - damaged };
    });
    const lostFraction = 1 - survivingFraction(pools, this.patterns, this.readNeed);
    // Repaired hardware does not bring data back: the ledger counts the worst damage seen.
    if (lostFraction > this.lostFraction + 1e-15) {
      const before = Math.round(this.objects * this.lostFraction);
      this.lostFraction = lostFraction;
      const added = Math.round(this.objects * lostFraction) - before;
      this.losses.record(added, `objects with too few copies left on undamaged nodes (${this.scheme()})`, nowMs, control);
    } else {
      this.losses.record(0, "", nowMs, control);
    }
  }

  private scheme(): string {
    return this.readNeed === 1 ? `${this.copies} replicas` : `EC ${this.readNeed}+${this.copies - this.readNeed}`;
  }

  /** readableFraction, writeAvailable, objectsLost, nodesUsable, nodesChecking, rebuilding. */
  metrics(): Readonly<Record<string, number>> {
    const usable = this.usable ?? this.nodes;
    return {
      readableFraction: this.readable,
      writeAvailable: this.writable,
      objectsLost: this.losses.lost,
      nodesUsable: usable.reduce((a, b) => a + b, 0),
      nodesChecking: this.returning.reduce((s, q) => s + q.reduce((t, r) => t + r.count, 0), 0),
      rebuilding: this.rebuildUntilMs > this.lastNowMs ? 1 : 0,
    };
  }

  /** e.g. "readable 40%, writes 0%" or "rebuilding until t+9h30m". */
  describe(): string {
    const checking = this.returning.reduce((s, q) => s + q.reduce((t, r) => t + r.count, 0), 0);
    const parts = [`readable ${Math.round(this.readable * 100)}%`, `writes ${Math.round(this.writable * 100)}%`];
    if (checking > 0) parts.push(`${checking} nodes in integrity checks`);
    if (this.rebuildUntilMs > this.lastNowMs) parts.push(`rebuilding until ${formatOffset(this.rebuildUntilMs)}`);
    if (this.losses.lost > 0) parts.push(`${this.losses.lost} objects lost`);
    return parts.join(", ");
  }
}
