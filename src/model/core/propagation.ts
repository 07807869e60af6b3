import { healthChange, healthFromCapacity, type Health } from "./health.js";
import type { ModelContext } from "./context.js";
import type { DataLedger } from "./data-ledger.js";
import { DependencyGraph } from "./dependency-graph.js";

/** What a behavior may read when it evaluates: the time and the state of its inputs. */
export interface BehaviorInputs {
  readonly nowMs: number;
  /** Capacity of any component: a cluster, a service or an app. */
  capacity(id: string): number;
  health(id: string): Health;
}

/** What a behavior may do when it evaluates. */
export interface BehaviorControl {
  /** Asks to be evaluated again at `atMs` (a failover completing, a cache expiring); earlier requests still fire. */
  wakeAt(atMs: number): void;
  /** Where acknowledged data lost, delayed or corrupted is counted. */
  readonly ledger: DataLedger;
  /** Trace ids of the transitions behind this evaluation, for ledger entries. */
  readonly causes: readonly number[];
}

/**
 * The semantics of one kind of service (CVM, COS, CDN, database...): its placement capacity from its inputs,
 * with state and timers of its own. Hard and fallback dependencies and forced faults still apply on top.
 */
export interface ServiceBehavior {
  /** Ids it reads beyond the node's runsOn and dependsOn (so the network re-evaluates it when they change). */
  readonly inputs: readonly string[];
  /** Capacity (0..1) now; called whenever an input changed or a wake-up fired. */
  evaluate(inputs: BehaviorInputs, control: BehaviorControl): number;
  /** Named numbers for series and conditions (e.g. vmsLost, readableFraction), read as service.<id>.<name>. */
  metrics(): Readonly<Record<string, number>>;
  /** A few words on the state, appended to the detail of its transitions. */
  describe?(): string;
}

/** How a node relies on one of its inputs. */
export interface DependencyEdge {
  readonly on: string;
  readonly mode: "hard" | "soft" | "fallback";
  /** With mode fallback: the capacity the fallback path keeps when the input is down. */
  readonly fallbackCapacity: number;
}

/**
 * Load on top of availability: how offered load, retries and overload turn the services' availability into
 * what callers get. The network asks it once per instant and applies its answers; the solving is the flow's.
 */
export interface LoadFlow {
  /** Re-solves the load at `nowMs` from each service's availability; returns whether any answer changed and when to look again. */
  solve(nowMs: number, availability: (id: string) => number): { readonly changed: readonly string[]; readonly nextAtMs: number | undefined };
  /**
   * A load-modelled service's capacity: the share of calls it serves given the load offered and its availability
   * (servers up); undefined when the service has no load model.
   */
  serviceCapacity(id: string, availability: number): number | undefined;
  /** An app's success ratio given the success of one attempt; undefined when the app has no load model. */
  appSuccess(id: string, attemptSuccess: number): number | undefined;
  /** Trace ids of the load events (surges, limits, breaker changes) behind the latest answers. */
  causes(): readonly number[];
  /**
   * The trace id of the apps' own demand at `nowMs` (recorded once per instant): the root of a change the load alone
   * brings, with no fault or step behind it (a daily peak past a service's capacity).
   */
  demandCause?(nowMs: number): number;
  /** Load metrics of a node (offeredRps, utilization, latencyMs...), by name. */
  metrics(id: string): Readonly<Record<string, number>> | undefined;
  /** One load metric of a node, without building the others (series read them every sample). */
  metric(id: string, name: string): number | undefined;
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
  /** The kind's own semantics; without one, placement capacity is the mean of `runsOn`. */
  readonly behavior?: ServiceBehavior;
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
  /** Holds on the node's capacity by who placed them (a fault, an operator switch); the lowest wins. */
  readonly holds: Map<string, number>;
  dirty: boolean;
  causes: Set<number>;
  /** Causes of the latest change, passed on to dependents when this node changes without a transition of its own. */
  lastCauses: readonly number[];
  /** Causes of the latest evaluation triggered by an input, reused when a wake-up re-evaluates. */
  evalCauses: readonly number[];
  readonly index: number;
  readonly history: CapacityPoint[];
  /** The causes of each history point after the first, in step with `history`. */
  readonly historyCauses: (readonly number[])[];
  /** Capacity before load: what the node could serve if nobody overloaded it. */
  availability: number;
}

const EPSILON = 1e-9;
/** Load re-solves per simulated instant: a limit on a feedback loop between load and availability. */
const MAX_SOLVES_PER_INSTANT = 64;
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
  private readonly byIndex: NodeState[] = [];
  private readonly kind: number;
  private readonly wakeKind: number;
  private readonly loadKind: number;
  private scheduled = false;
  private flow: LoadFlow | undefined;
  /** Re-solves at the current instant, to stop a load/availability feedback from looping forever. */
  private solvesAtInstant = 0;
  private instantMs = -1;
  private loadWake: number | undefined;

  /**
   * @param sourceCapacity capacity of a component the network does not own (a cluster)
   */
  constructor(
    specs: readonly DerivedNodeSpec[],
    private readonly ctx: ModelContext,
    private readonly sourceCapacity: (id: string) => number,
    private readonly ledger: DataLedger,
  ) {
    const graph = new DependencyGraph();
    for (const spec of specs) {
      graph.addNode(spec.id);
      const state: NodeState = { spec, capacity: 1, health: "healthy", holds: new Map(), dirty: true, causes: new Set(), lastCauses: [], evalCauses: [], history: [], historyCauses: [], index: this.byIndex.length, availability: 1 };
      this.nodes.set(spec.id, state);
      this.byIndex.push(state);
    }
    for (const spec of specs) {
      for (const input of new Set([...spec.runsOn, ...spec.dependsOn.map((d) => d.on), ...(spec.behavior?.inputs ?? [])])) {
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
    this.wakeKind = ctx.sim.registerKind("service-wake", (_sim, arg) => {
      const node = this.byIndex[arg] as NodeState;
      this.markDirty(node.spec.id, node.evalCauses);
    });
    this.loadKind = ctx.sim.registerKind("load-step", () => {
      this.loadWake = undefined;
      this.requestPropagate();
    });
    for (const id of this.order) {
      const node = this.nodes.get(id) as NodeState;
      node.availability = this.compute(node, []);
      node.capacity = node.availability;
      node.health = this.healthOf(node);
      node.dirty = false;
      node.history.push({ atMs: 0, capacity: node.capacity });
      node.historyCauses.push([]);
    }
  }

  /** Puts load on the network: from now on every instant re-solves it and applies it to services and apps. */
  attachLoad(flow: LoadFlow): void {
    this.flow = flow;
    this.requestPropagate();
  }

  /** Asks for a propagation pass at the current instant. */
  private requestPropagate(): void {
    if (!this.scheduled) {
      this.scheduled = true;
      this.ctx.sim.schedule(this.kind, 0, 0, PROPAGATE_PRIORITY);
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

  /** A function reading a node's current capacity (services) or success ratio (apps), the node resolved once. */
  capacityReader(id: string): () => number {
    const node = this.state(id);
    return () => node.capacity;
  }

  /** The metrics of a node's behavior now (e.g. vmsLost), undefined when it has no behavior. */
  behaviorMetrics(id: string): Readonly<Record<string, number>> | undefined {
    return this.state(id).spec.behavior?.metrics();
  }

  /** Current health of a node. */
  health(id: string): Health {
    return this.state(id).health;
  }

  /** A named metric of a node's behavior or load (e.g. vmsLost, offeredRps), undefined when it has none by that name. */
  metric(id: string, name: string): number | undefined {
    const node = this.nodes.get(id);
    if (node === undefined) return undefined;
    return node.spec.behavior?.metrics()[name] ?? this.flow?.metric(id, name);
  }

  /** Names of every behavior and load metric, as service.<id>.<name> or app.<id>.<name>. */
  metricNames(): string[] {
    const out: string[] = [];
    for (const node of this.byIndex) {
      const prefix = node.spec.layer === "app" ? "app" : "service";
      const names = new Set([...Object.keys(node.spec.behavior?.metrics() ?? {}), ...Object.keys(this.flow?.metrics(node.spec.id) ?? {})]);
      for (const name of names) out.push(`${prefix}.${node.spec.id}.${name}`);
    }
    return out;
  }

  /** The trace ids behind the first capacity change of a node at `atMs`; undefined when it did not change then. */
  causesOfChangeAt(id: string, atMs: number): readonly number[] | undefined {
    const node = this.state(id);
    const i = node.history.findIndex((p) => p.atMs === atMs);
    return i < 0 ? undefined : node.historyCauses[i];
  }

  /** Capacity changes of a node since time 0. */
  history(id: string): readonly CapacityPoint[] {
    return this.state(id).history;
  }

  /** Tells the network that an input it does not own (a cluster) changed, because of transition `cause`. */
  inputChanged(id: string, cause: number): void {
    for (const dependent of this.dependents.get(id) ?? []) this.markDirty(dependent, [cause]);
  }

  /**
   * Holds a node at no more than `capacity` on behalf of `holder` (a fault, an operator switch); undefined releases
   * that holder's hold. Holds of different holders stack: the lowest wins.
   */
  hold(id: string, holder: string, capacity: number | undefined, cause: number): void {
    const node = this.state(id);
    if (capacity === undefined) node.holds.delete(holder);
    else node.holds.set(holder, capacity);
    this.markDirty(id, [cause]);
  }

  /** Tells the network a node's behavior changed by itself (a cloud fault or action), because of transition `cause`. */
  touch(id: string, cause: number): void {
    this.markDirty(id, [cause]);
  }

  /** Releases every hold on a node. */
  releaseAll(id: string, cause: number): void {
    this.state(id).holds.clear();
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
    this.requestPropagate();
  }

  private inputCapacity(id: string): number {
    const node = this.nodes.get(id);
    return node === undefined ? this.sourceCapacity(id) : node.capacity;
  }

  private compute(node: NodeState, causes: readonly number[]): number {
    const { runsOn, dependsOn, behavior } = node.spec;
    let capacity = 1;
    if (behavior !== undefined) {
      const nowMs = this.ctx.sim.nowMs;
      capacity = behavior.evaluate(
        { nowMs, capacity: (id) => this.inputCapacity(id), health: (id) => this.inputHealth(id) },
        {
          wakeAt: (atMs) => {
            this.ctx.sim.scheduleAt(this.wakeKind, Math.max(atMs, nowMs), node.index, PROPAGATE_PRIORITY - 1);
          },
          ledger: this.ledger,
          causes,
        },
      );
      if (!(capacity >= 0 && capacity <= 1)) throw new Error(`propagation: behavior of ${node.spec.id} gave capacity ${capacity}`);
    } else if (runsOn.length > 0) {
      let sum = 0;
      for (const id of runsOn) sum += this.inputCapacity(id);
      capacity = sum / runsOn.length;
    }
    for (const edge of dependsOn) {
      const input = this.inputCapacity(edge.on);
      if (edge.mode === "hard") capacity *= input;
      else if (edge.mode === "fallback") capacity *= Math.max(input, edge.fallbackCapacity);
    }
    for (const held of node.holds.values()) capacity = Math.min(capacity, held);
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

  /** Solves the load from the current availabilities and marks what its answers changed. */
  private solveLoad(flow: LoadFlow, nowMs: number): void {
    if (nowMs !== this.instantMs) {
      this.instantMs = nowMs;
      this.solvesAtInstant = 0;
    }
    this.solvesAtInstant++;
    const { changed, nextAtMs } = flow.solve(nowMs, (id) => this.nodes.get(id)?.availability ?? this.sourceCapacity(id));
    const causes = flow.causes();
    for (const id of changed) if (this.nodes.has(id)) this.markDirtyInPass(id, causes);
    if (nextAtMs !== undefined && nextAtMs > nowMs) {
      if (this.loadWake !== undefined) this.ctx.sim.cancel(this.loadWake);
      this.loadWake = this.ctx.sim.scheduleAt(this.loadKind, nextAtMs, 0, PROPAGATE_PRIORITY - 1);
    }
  }

  /** Capacity once load is applied: the share of calls a service serves; an app's success with retries and limits. */
  private withLoad(node: NodeState, availability: number): number {
    if (this.flow === undefined) return availability;
    const id = node.spec.id;
    const loaded = node.spec.layer === "app" ? this.flow.appSuccess(id, availability) : this.flow.serviceCapacity(id, availability);
    return loaded === undefined ? availability : Math.max(0, Math.min(1, loaded));
  }

  private propagate(): void {
    this.scheduled = false;
    const nowMs = this.ctx.sim.nowMs;
    const flow = this.flow;
    if (flow !== undefined) this.solveLoad(flow, nowMs);
    let availabilityMoved = false;
    for (const id of this.order) {
      const node = this.nodes.get(id) as NodeState;
      if (!node.dirty) continue;
      node.dirty = false;
      const fresh = [...node.causes].sort((a, b) => a - b);
      node.causes.clear();
      if (fresh.length > 0) node.evalCauses = fresh;
      // A change the load brings without a cause of its own is still caused by what last moved this node.
      let causes = fresh.length > 0 ? fresh : node.evalCauses;
      const availability = this.compute(node, node.evalCauses);
      // Availability unmoved, a change of capacity is the load's doing.
      const byLoad = Math.abs(availability - node.availability) <= EPSILON;
      if (!byLoad) availabilityMoved = true;
      node.availability = availability;
      const capacity = this.withLoad(node, availability);
      const capacityChanged = Math.abs(capacity - node.capacity) > EPSILON;
      node.capacity = capacity;
      const health = this.healthOf(node);
      if (capacityChanged) {
        node.history.push({ atMs: nowMs, capacity });
        node.historyCauses.push(causes);
      }
      let passOn: readonly number[] = causes;
      if (health !== node.health) {
        // Nothing caused it but the load itself: its root is the apps' demand, recorded as such.
        if (causes.length === 0 && byLoad && flow?.demandCause !== undefined) causes = [flow.demandCause(nowMs)];
        const note = node.spec.noteFor?.(health) ?? node.spec.behavior?.describe?.();
        const detail = `${node.spec.measure} ${formatPercent(capacity)}${note === undefined ? "" : `: ${note}`}`;
        const transition = this.ctx.trace.record({ atMs: nowMs, component: id, layer: node.spec.layer, from: node.health, to: health, causes, detail, ...healthChange(node.health, health) });
        node.health = health;
        passOn = [transition];
      }
      if (capacityChanged || passOn !== causes) {
        node.lastCauses = passOn;
        for (const dependent of this.dependents.get(id) ?? []) this.markDirtyInPass(dependent, passOn);
      }
    }
    // Availability moved under the load: solve again at this instant, a bounded number of times.
    if (flow !== undefined && availabilityMoved && this.solvesAtInstant < MAX_SOLVES_PER_INSTANT) this.requestPropagate();
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
