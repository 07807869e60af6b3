import type { BehaviorInputs, ServiceBehavior } from "../core/propagation.js";
import { resolveZones, zoneUpNodes, type CloudBuildContext, type Zone } from "./common.js";
import type { ReplicatedInput } from "./config.js";
import { evenSplits, survivingFraction } from "./placement.js";

/**
 * A replicated service (stateless pool, KV cache, session store, quorum store): its data or work is split into
 * shards of `replicas` members on distinct nodes, spread evenly over the zones; a shard works while at least
 * `needed` members are up. Capacity is the fraction of shards working, computed like object storage's readability.
 */
export class ReplicatedBehavior implements ServiceBehavior {
  readonly inputs: readonly string[];
  private readonly zones: Zone[];
  private readonly nodes: number[];
  private readonly patterns: number[][];
  private readonly needed: number;
  private working = 1;

  constructor(readonly id: string, input: ReplicatedInput, private readonly ctx: CloudBuildContext) {
    this.zones = resolveZones(input);
    this.inputs = this.zones.flatMap((z) => [...z.clusters]);
    this.nodes = this.zones.map((z) => z.clusters.reduce((s, c) => s + ctx.clusterServers(c), 0));
    this.patterns = evenSplits(input.replicas, this.zones.length);
    this.needed = input.needed ?? Math.floor(input.replicas / 2) + 1;
  }

  /** Capacity = fraction of shards with at least `needed` members up. */
  evaluate(inputs: BehaviorInputs): number {
    const up = zoneUpNodes(this.zones, (c) => this.ctx.clusterServers(c), inputs);
    this.working = survivingFraction(this.nodes.map((n, z) => ({ nodes: n, good: up[z] as number })), this.patterns, this.needed);
    return this.working;
  }

  /** shardsWorking. */
  metrics(): Readonly<Record<string, number>> {
    return { shardsWorking: this.working };
  }

  /** e.g. "quorum in 40% of shards". */
  describe(): string {
    return `quorum (${this.needed} of ${this.patterns[0]?.reduce((a, b) => a + b, 0) ?? 0}) in ${Math.round(this.working * 100)}% of shards`;
  }
}
