import { Simulation } from "../../../src/engine/simulation.js";
import { deriveStream } from "../../../src/engine/rng.js";
import type { ModelContext } from "../../../src/model/core/context.js";
import { TraceRecorder, type Transition } from "../../../src/model/core/trace.js";
import { buildFacility, normalizeFacility, type FacilityModel } from "../../../src/model/facility/facility-model.js";
import type { FacilityAction, FacilityFault, FacilityInput } from "../../../src/model/facility/config.js";

/** A facility running in its own simulation, with its trace and capacity notifications. */
export interface Harness {
  readonly sim: Simulation;
  readonly trace: TraceRecorder;
  readonly model: FacilityModel;
  readonly capacityCalls: { id: string; cause: number }[];
  /** Injects a fault at a time (ms) as the runner would: a trace entry, then applyFault. */
  faultAt(atMs: number, fault: FacilityFault): void;
  /** Clears a fault (the same object given to faultAt) at a time (ms), as the runner does when its duration ends. */
  clearAt(atMs: number, fault: FacilityFault): void;
  /** Takes an operator action at a time (ms). */
  actionAt(atMs: number, action: FacilityAction): void;
  /** Calls fn at a time (ms). */
  at(atMs: number, fn: () => void): void;
  /** Runs to the horizon; returns the number of events processed. */
  run(horizonMs: number): number;
  /** Transitions of one component. */
  of(component: string): Transition[];
}

/** Builds and starts a facility from written input. */
export function harness(input: FacilityInput, seed = 1): Harness {
  const sim = new Simulation();
  const trace = new TraceRecorder();
  const capacityCalls: { id: string; cause: number }[] = [];
  const ctx: ModelContext = {
    sim,
    trace,
    stream: (id, purpose) => deriveStream(seed, id, purpose),
    capacityChanged: (id, cause) => { capacityCalls.push({ id, cause }); },
  };
  const model = buildFacility(normalizeFacility(input), ctx);
  const calls: (() => void)[] = [];
  const kind = sim.registerKind("test.call", (_s, arg) => (calls[arg] as () => void)());
  const at = (atMs: number, fn: () => void): void => {
    calls.push(fn);
    sim.scheduleAt(kind, atMs, calls.length - 1);
  };
  model.start();
  return {
    sim, trace, model, capacityCalls, at,
    faultAt: (atMs, fault) => at(atMs, () => {
      const id = trace.record({ atMs: sim.nowMs, component: `fault-${fault.type}`, layer: "fault", from: "pending", to: "injected", causes: [], aspect: "lifecycle", atWork: false });
      model.applyFault(fault, id);
    }),
    clearAt: (atMs, fault) => at(atMs, () => {
      const id = trace.record({ atMs: sim.nowMs, component: `fault-${fault.type}`, layer: "fault", from: "injected", to: "cleared", causes: [], aspect: "lifecycle", atWork: false });
      model.clearFault(fault, id);
    }),
    actionAt: (atMs, action) => at(atMs, () => {
      const id = trace.record({ atMs: sim.nowMs, component: `op-${action.action}`, layer: "operator", from: "pending", to: "done", causes: [], aspect: "lifecycle", atWork: false });
      model.applyAction(action, id);
    }),
    run: (horizonMs) => sim.run({ horizonMs, maxEvents: 5_000_000 }).eventsProcessed,
    of: (component) => trace.all().filter((t) => t.component === component),
  };
}

/** A one-hall region: `racks` racks of `kwPerRack`, one compute cluster, one plant without storage. */
export function oneHall(opts: { racks: number; kwPerRack: number; floorM2PerRack?: number; storageMinutes?: number; role?: "compute" | "storage"; standby?: number }): FacilityInput {
  const serversPerRack = 10;
  return {
    plants: [{ id: "p1", chillers: { count: 3, standby: opts.standby ?? 1 }, ...(opts.storageMinutes !== undefined ? { storage: { rideThroughMinutes: opts.storageMinutes } } : {}) }],
    halls: [{ id: "h1", plant: "p1", ...(opts.floorM2PerRack !== undefined ? { floorAreaM2: opts.racks * opts.floorM2PerRack } : {}) }],
    clusters: [{ id: "c1", hall: "h1", role: opts.role ?? "compute", servers: opts.racks * serversPerRack, kwPerServer: opts.kwPerRack / serversPerRack, serversPerRack }],
  };
}

/** Minutes from ms. */
export function minutes(ms: number): number {
  return ms / 60_000;
}
