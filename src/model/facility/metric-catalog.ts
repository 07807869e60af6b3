import type { FacilityConfig } from "./config.js";

/** The metrics of each hall, cluster, plant and feed, by the suffix after `<kind>.<id>.`. */
export const FACILITY_METRICS = {
  hall: ["inletCelsius", "maxInletCelsius", "peakCelsius", "itKw", "coolingKw", "coolingMaxKw", "powered", "serversUp"],
  cluster: ["serversUp", "serversThrottled", "serversOff", "serversDamaged", "serversFailed", "capacity", "itKw"],
  plant: ["chillersRunning", "chillersTripped", "storageMinutes", "supplyKw", "pumpsRunning"],
  feed: ["powered", "upsMinutes"],
} as const;

/**
 * Every metric name the facility built from `config` answers, in the order it lists them, worked out from the
 * configuration alone: checking an operator's condition or a check never needs a facility built or simulated.
 */
export function facilityMetricNames(config: FacilityConfig): string[] {
  const out = ["weather.outsideCelsius"];
  for (const h of config.halls) for (const m of FACILITY_METRICS.hall) out.push(`hall.${h.id}.${m}`);
  for (const c of config.clusters) for (const m of FACILITY_METRICS.cluster) out.push(`cluster.${c.id}.${m}`);
  for (const p of config.plants) for (const m of FACILITY_METRICS.plant) out.push(`plant.${p.id}.${m}`);
  for (const f of config.feeds) for (const m of FACILITY_METRICS.feed) out.push(`feed.${f.id}.${m}`);
  return out;
}
