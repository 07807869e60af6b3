import type { FacilityInput } from "../model/facility/config.js";
import { checkFacility, normalizeFacility } from "../model/facility/facility-model.js";
import { facilityMetricNames as catalog } from "../model/facility/metric-catalog.js";

/** Ids of the server clusters a region declares. */
export function facilityClusterIds(input: FacilityInput): string[] {
  return (input.clusters ?? []).map((c) => c.id);
}

/** Metric names already worked out, per region object (a loaded scenario's facility part is never changed). */
const namesByRegion = new WeakMap<FacilityInput, string[] | undefined>();

/**
 * Every metric name the facility layer answers for this region (hall temperatures, cluster capacity...), for checking
 * conditions at load time, from the metric catalog (nothing is built or simulated); undefined when the facility itself
 * is invalid (its own problems are reported instead).
 */
export function facilityMetricNames(input: FacilityInput): string[] | undefined {
  if (namesByRegion.has(input)) return namesByRegion.get(input);
  const names = checkFacility(input, []).length === 0 ? catalog(normalizeFacility(input)) : undefined;
  namesByRegion.set(input, names);
  return names;
}
