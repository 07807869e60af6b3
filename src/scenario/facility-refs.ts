import { Simulation } from "../engine/simulation.js";
import { deriveStream } from "../engine/rng.js";
import { TraceRecorder } from "../model/core/trace.js";
import type { FacilityInput } from "../model/facility/config.js";
import { buildFacility, checkFacility, normalizeFacility } from "../model/facility/facility-model.js";

/** Ids of the server clusters a region declares. */
export function facilityClusterIds(input: FacilityInput): string[] {
  return (input.clusters ?? []).map((c) => c.id);
}

/** Metric names already worked out, per region object (a loaded scenario's facility part is never changed). */
const namesByRegion = new WeakMap<FacilityInput, string[] | undefined>();

/**
 * Every metric name the facility layer answers for this region (hall temperatures, cluster capacity...), for checking
 * conditions at load time; undefined when the facility itself is invalid (its own problems are reported instead).
 */
export function facilityMetricNames(input: FacilityInput): string[] | undefined {
  // Building a facility to ask it is not free, and several rules ask about the same region: answer once per region.
  if (namesByRegion.has(input)) return namesByRegion.get(input);
  let names: string[] | undefined;
  if (checkFacility(input, []).length === 0) {
    const facility = buildFacility(normalizeFacility(input), {
      sim: new Simulation(),
      trace: new TraceRecorder(),
      stream: (componentId, purpose) => deriveStream(0, componentId, purpose),
      capacityChanged: () => undefined,
    });
    names = facility.metricNames();
  }
  namesByRegion.set(input, names);
  return names;
}

