import type { Layer } from "./layer.js";

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
    const entry: Transition = input.detail === undefined
      ? { id, atMs: input.atMs, component: input.component, layer: input.layer, from: input.from, to: input.to, causes: [...input.causes] }
      : { id, atMs: input.atMs, component: input.component, layer: input.layer, from: input.from, to: input.to, causes: [...input.causes], detail: input.detail };
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
