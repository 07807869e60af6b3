import type { Simulation } from "../../engine/simulation.js";

/** Undoes what an applied fault did, when its `duration` ends; `clearCause` is the trace id of the clearing. */
export type Undo = (clearCause: number) => void;

/** What applying a fault left behind: how to undo it, and whether the layer records the clearing itself. */
export interface Applied {
  readonly undo: Undo;
  /** True when the layer records the fault's clearing in the trace itself (with what the fault did); `undo` then gets the injection's id. */
  readonly recordsClearing?: boolean;
}

/**
 * A model layer's port: the one way faults and operator actions reach a layer. The runner plays a built world
 * through its ports only; each event type of the registry (src/scenario/events) names the port that carries it out.
 */
export interface LayerPort<F, A> {
  /** Applies fault `fault` (named `name` in the scenario), caused by the trace transition `cause`. */
  applyFault(fault: F, cause: number, name: string): Applied;
  /** Carries out an operator action (step `name`), caused by the trace transition `cause`. */
  applyAction(action: A, cause: number, name: string): void;
}

/** The simulated clock a port reads, when what it drives needs the time. */
export type PortClock = Pick<Simulation, "nowMs">;
