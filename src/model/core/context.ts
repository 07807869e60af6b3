import type { Simulation } from "../../engine/simulation.js";
import type { RandomStream } from "../../engine/rng.js";
import type { TraceRecorder } from "./trace.js";

/** What a model layer is given to run: the engine, the trace, random streams and a way to tell the layers above. */
export interface ModelContext {
  readonly sim: Simulation;
  readonly trace: TraceRecorder;
  /** The random stream of (run seed, component id, purpose): adding a component never shifts another's draws. */
  stream(componentId: string, purpose: string): RandomStream;
  /** Tells the layers above that a component's capacity or health changed, caused by trace transition `cause`. */
  capacityChanged(componentId: string, cause: number): void;
}
