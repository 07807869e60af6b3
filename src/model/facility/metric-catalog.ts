import type { FacilityConfig } from "./config.js";

/** Metrics of every hall, after `hall.<id>.`. */
export const HALL_METRICS = ["inletCelsius", "maxInletCelsius", "peakCelsius", "itKw", "coolingKw", "coolingMaxKw", "powered", "serversUp"] as const;
/** Metrics of every cluster, after `cluster.<id>.`. */
export const CLUSTER_METRICS = ["serversUp", "serversThrottled", "serversOff", "serversDamaged", "serversFailed", "capacity", "itKw"] as const;
/** Metrics of every plant, after `plant.<id>.`. */
export const PLANT_METRICS = ["chillersRunning", "chillersTripped", "storageMinutes", "supplyKw", "pumpsRunning", "loopCelsius"] as const;
/** Metrics of every power feed, after `feed.<id>.`. */
export const FEED_METRICS = ["powered", "upsMinutes"] as const;

/**
 * Every metric name a facility built from `config` answers, in the order its metricNames() gives
 * them, worked out from the configuration alone (nothing is built or simulated).
 */
export function facilityMetricNames(config: FacilityConfig): string[] {
  const out = ["weather.outsideCelsius"];
  for (const h of config.halls) for (const m of HALL_METRICS) out.push(`hall.${h.id}.${m}`);
  for (const c of config.clusters) for (const m of CLUSTER_METRICS) out.push(`cluster.${c.id}.${m}`);
  for (const p of config.plants) for (const m of PLANT_METRICS) out.push(`plant.${p.id}.${m}`);
  for (const f of config.feeds) for (const m of FEED_METRICS) out.push(`feed.${f.id}.${m}`);
  return out;
}
