import type { Layer } from "./layer.js";

/**
 * Which of a component's lines of state a transition moves. Most components have one line; a hall has its
 * temperature band and its cooling, a store its health and its records: each line is followed on its own.
 */
export type Aspect = "health" | "state" | "temperature" | "cooling" | "records" | "objects" | "breaker" | "lifecycle";

/** What drove a change, where readers group changes by it: heat (thermal throttling and shutdowns) or power-on batches. */
export type Drive = "heat" | "power-on";

/** One recorded change of state: the unit of the cascade. */
export interface Transition {
  /** Dense id, 0-based, in recording order. */
  readonly id: number;
  /** Simulated time of the change in integer milliseconds since the scenario start. */
  readonly atMs: number;
  /** Id of the component (or fault, or operator action) that changed. */
  readonly component: string;
  readonly layer: Layer;
  /** State before, as a short label ("healthy", "normal", "pending"...). */
  readonly from: string;
  /** State after. */
  readonly to: string;
  /** Ids of the transitions that caused this one; empty only for injected faults and timed operator actions. */
  readonly causes: readonly number[];
  /** A human sentence about the change ("inlet 45.2 °C → protective shutdowns begin"). */
  readonly detail?: string;
  /** The line of state that changed, set by the model (readers never parse the labels). */
  readonly aspect: Aspect;
  /** Whether the component does its work in the state it moved to (running, standby, healthy, normal, cooling full...). */
  readonly atWork: boolean;
  /** Ranks of `from` and `to` on an ordered line (higher is better or hotter): health, cooling, a temperature band's °C. */
  readonly level?: { readonly from: number; readonly to: number };
  /** What drove the change, where it matters for grouping. */
  readonly drive?: Drive;
}

/** Input to {@link TraceRecorder.record}: a transition without its id. */
export type TransitionInput = Omit<Transition, "id">;

/** Records every transition of a run, in order, and hands out their ids. */
export class TraceRecorder {
  private readonly entries: Transition[] = [];

  /** @param onRecord called once per transition recorded (a run counts them against its work budget) */
  constructor(private readonly onRecord?: () => void) {}

  /** Appends a transition and returns its id; causes must name transitions already recorded. */
  record(input: TransitionInput): number {
    const id = this.entries.length;
    for (const cause of input.causes) {
      if (!(cause >= 0 && cause < id)) {
        throw new Error(`trace: transition for ${input.component} names unknown cause ${cause}`);
      }
    }
    const entry: { -readonly [K in keyof Transition]: Transition[K] } = { id, atMs: input.atMs, component: input.component, layer: input.layer, from: input.from, to: input.to, causes: [...input.causes], aspect: input.aspect, atWork: input.atWork };
    if (input.detail !== undefined) entry.detail = input.detail;
    if (input.level !== undefined) entry.level = input.level;
    if (input.drive !== undefined) entry.drive = input.drive;
    this.entries.push(entry);
    this.onRecord?.();
    return id;
  }

  /** The transition with this id. */
  get(id: number): Transition {
    const entry = this.entries[id];
    if (entry === undefined) throw new Error(`trace: no transition ${id}`);
    return entry;
  }

  /** Number of transitions recorded. */
  get size(): number {
    return this.entries.length;
  }

  /** All transitions, in recording order (which is also time order). */
  all(): readonly Transition[] {
    return this.entries;
  }
}
