import { healthFromCapacity, type Health } from "./health.js";
import type { ModelContext } from "./context.js";
import { DependencyGraph } from "./dependency-graph.js";

/** How a node relies on one of its inputs. */
export interface DependencyEdge {
  readonly on: string;
  readonly mode: "hard" | "soft" | "fallback";
  /** With mode fallback: the capacity the fallback path keeps when the input is down. */
  readonly fallbackCapacity: number;
}

/** A service or app whose capacity follows from its inputs. */
export interface DerivedNodeSpec {
  readonly id: string;
  readonly layer: "cloud" | "app";
  /** Source components (clusters) it runs on; their mean capacity is its placement capacity. */
  readonly runsOn: readonly string[];
  readonly dependsOn: readonly DependencyEdge[];
  readonly degradedBelow: number;
  readonly downBelow: number;
  /** Words for the detail of its transitions, e.g. "capacity" or "success". */
  readonly measure: string;
  /** Extra text for a transition into a health state (an app's symptom). */
  readonly noteFor?: (health: Health) => string | undefined;
}

/** Capacity of a node over time: (atMs, capacity) at each change. */
export interface CapacityPoint {
  readonly atMs: number;
  readonly capacity: number;
}

interface NodeState {
  readonly spec: DerivedNodeSpec;
  capacity: number;
  health: Health;
  forced: number | undefined;
  dirty: boolean;
  causes: Set<number>;
  /** Causes of the latest change, passed on to dependents when this node changes without a transition of its own. */
  lastCauses: readonly number[];
  readonly history: CapacityPoint[];
}

const EPSILON = 1e-9;
/** Propagation runs after the physical events of the same millisecond. */
const PROPAGATE_PRIORITY = 10;

/**
 * Derives services' and apps' capacity from the components they run on and depend on,
 * recomputing only what changed, in dependency order, once per simulated instant.
 */
export class PropagationNetwork {
  private readonly nodes = new Map<string, NodeState>();
  private readonly dependents = new Map<string, string[]>();
  private readonly order: string[];
  private readonly kind: number;
  private scheduled = false;

  /**
   * @param sourceCapacity capacity of a component the network does not own (a cluster)
   */
  constructor(
    specs: readonly DerivedNodeSpec[],
    private readonly ctx: ModelContext,
    private readonly sourceCapacity: (id: string) => number,
  ) {
    const graph = new DependencyGraph();
    for (const spec of specs) {
      graph.addNode(spec.id);
      this.nodes.set(spec.id, { spec, capacity: 1, health: "healthy", forced: undefined, dirty: true, causes: new Set(), lastCauses: [], history: [] });
    }
    for (const spec of specs) {
      for (const input of [...spec.runsOn, ...spec.dependsOn.map((d) => d.on)]) {
        graph.addEdge(spec.id, input);
        const list = this.dependents.get(input) ?? [];
        if (!list.includes(spec.id)) list.push(spec.id);
        this.dependents.set(input, list);
      }
    }
    const cycle = graph.findCycle();
    if (cycle) throw new Error(`dependency cycle: ${cycle.join(" → ")}`);
    this.order = graph.topologicalOrder().filter((id) => this.nodes.has(id));
    this.kind = ctx.sim.registerKind("propagate", () => this.propagate());
    for (const id of this.order) {
      const node = this.nodes.get(id) as NodeState;
      node.capacity = this.compute(node);
      node.health = this.healthOf(node);
      node.dirty = false;
      node.history.push({ atMs: 0, capacity: node.capacity });
    }
  }

  /** Whether this network owns `id`. */
  has(id: string): boolean {
    return this.nodes.has(id);
  }

  /** Current capacity (services) or success ratio (apps) of a node. */
  capacity(id: string): number {
    return this.state(id).capacity;
  }

  /** Current health of a node. */
  health(id: string): Health {
    return this.state(id).health;
  }

  /** Capacity changes of a node since time 0. */
  history(id: string): readonly CapacityPoint[] {
    return this.state(id).history;
  }

  /** Tells the network that an input it does not own (a cluster) changed, because of transition `cause`. */
  inputChanged(id: string, cause: number): void {
    for (const dependent of this.dependents.get(id) ?? []) this.markDirty(dependent, [cause]);
  }

  /** Holds a node at no more than `capacity` (a fault or an operator's switch); undefined releases it. */
  force(id: string, capacity: number | undefined, cause: number): void {
    const node = this.state(id);
    node.forced = capacity;
    this.markDirty(id, [cause]);
  }

  private state(id: string): NodeState {
    const node = this.nodes.get(id);
    if (node === undefined) throw new Error(`propagation: unknown node ${id}`);
    return node;
  }

  private markDirty(id: string, causes: readonly number[]): void {
    const node = this.state(id);
    node.dirty = true;
    for (const cause of causes) node.causes.add(cause);
    if (!this.scheduled) {
      this.scheduled = true;
      this.ctx.sim.schedule(this.kind, 0, 0, PROPAGATE_PRIORITY);
    }
  }

  private inputCapacity(id: string): number {
    const node = this.nodes.get(id);
    return node === undefined ? this.sourceCapacity(id) : node.capacity;
  }

  private compute(node: NodeState): number {
    const { runsOn, dependsOn } = node.spec;
    let capacity = 1;
    if (runsOn.length > 0) {
      let sum = 0;
      for (const id of runsOn) sum += this.inputCapacity(id);
      capacity = sum / runsOn.length;
    }
    for (const edge of dependsOn) {
      const input = this.inputCapacity(edge.on);
      if (edge.mode === "hard") capacity *= input;
      else if (edge.mode === "fallback") capacity *= Math.max(input, edge.fallbackCapacity);
    }
    if (node.forced !== undefined) capacity = Math.min(capacity, node.forced);
    return Math.max(0, Math.min(1, capacity));
  }

  private healthOf(node: NodeState): Health {
    const health = healthFromCapacity(node.capacity, node.spec.degradedBelow, node.spec.downBelow);
    if (health !== "healthy") return health;
    for (const edge of node.spec.dependsOn) {
      if (edge.mode === "soft" && this.inputHealth(edge.on) === "down") return "degraded";
    }
    return health;
  }

  private inputHealth(id: string): Health {
    const node = this.nodes.get(id);
    return node === undefined ? (this.sourceCapacity(id) <= EPSILON ? "down" : "healthy") : node.health;
  }

  private propagate(): void {
    this.scheduled = false;
    const nowMs = this.ctx.sim.nowMs;
    for (const id of this.order) {
      const node = this.nodes.get(id) as NodeState;
      if (!node.dirty) continue;
      node.dirty = false;
      const causes = [...node.causes].sort((a, b) => a - b);
      node.causes.clear();
      const capacity = this.compute(node);
      const capacityChanged = Math.abs(capacity - node.capacity) > EPSILON;
      node.capacity = capacity;
      const health = this.healthOf(node);
      if (capacityChanged) node.history.push({ atMs: nowMs, capacity });
      let passOn: readonly number[] = causes;
      if (health !== node.health) {
        const note = node.spec.noteFor?.(health);
        const detail = `${node.spec.measure} ${formatPercent(capacity)}${note === undefined ? "" : `: ${note}`}`;
        const transition = this.ctx.trace.record({ atMs: nowMs, component: id, layer: node.spec.layer, from: node.health, to: health, causes, detail });
        node.health = health;
        passOn = [transition];
      }
      if (capacityChanged || passOn !== causes) {
        node.lastCauses = passOn;
        for (const dependent of this.dependents.get(id) ?? []) this.markDirtyInPass(dependent, passOn);
      }
    }
  }

  /** Marks a dependent during a pass: it comes later in the order, so no new event is needed. */
  private markDirtyInPass(id: string, causes: readonly number[]): void {
    const node = this.state(id);
    node.dirty = true;
    for (const cause of causes) node.causes.add(cause);
  }
}

/** A fraction as a whole percentage, or with one decimal below 1% and above 99%. */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  if (percent > 0 && percent < 1) return `${percent.toFixed(1)}%`;
  if (percent > 99 && percent < 100) return `${percent.toFixed(1)}%`;
  return `${Math.round(percent)}%`;
}
