import type { FacilityModel } from "../model/facility/facility-model.js";
import type { PropagationNetwork } from "../model/core/propagation.js";
import type { Scenario } from "../scenario/scenario.js";

/** A function reading a metric now, resolved once from its name (scrapes of operator conditions read it often). */
export function metricReader(name: string, facility: FacilityModel, network: PropagationNetwork): () => number | undefined {
  const [layer, id, field] = name.split(".") as [string, string, string | undefined];
  if ((layer === "app" && field === "successRatio") || (layer === "service" && field === "capacity")) {
    return network.has(id) ? network.capacityReader(id) : () => undefined;
  }
  if ((layer === "service" || layer === "app") && field !== undefined) return () => network.metric(id, field);
  return facility.metricReader(name) ?? (() => undefined);
}

/**
 * Readers of the series' metrics, as {@link metricReader}, except that a behavior's metrics (all of a CVM's, say) are
 * built once per sample and shared by its metrics, not built again for each: `sampleNumber` tells when a new sample began.
 */
export function seriesReaders(facility: FacilityModel, network: PropagationNetwork, sampleNumber: () => number): (name: string) => () => number | undefined {
  const snapshots = new Map<string, { at: number; values: Readonly<Record<string, number>> }>();
  return (name) => {
    const [layer, id, field] = name.split(".") as [string, string, string | undefined];
    const owned = (layer === "service" || layer === "app") && field !== undefined && network.has(id) ? network.behaviorMetrics(id) : undefined;
    if (owned === undefined || field === undefined || !(field in owned)) return metricReader(name, facility, network);
    let snapshot = snapshots.get(id);
    if (snapshot === undefined) {
      snapshot = { at: -1, values: owned };
      snapshots.set(id, snapshot);
    }
    const shared = snapshot;
    return () => {
      const at = sampleNumber();
      if (shared.at !== at) {
        shared.values = network.behaviorMetrics(id) as Readonly<Record<string, number>>;
        shared.at = at;
      }
      return shared.values[field];
    };
  };
}

/** The metrics charted in reports: hall temperatures, cluster capacity, service capacity, app success. */
export function seriesMetrics(scenario: Scenario, facility: FacilityModel, network: PropagationNetwork): string[] {
  const physical = facility.metricNames().filter((n) => /^hall\.[^.]+\.inletCelsius$/.test(n) || /^cluster\.[^.]+\.(capacity|serversUp)$/.test(n));
  // Of the load metrics, the series keep what charts and checks read most: offered load and utilization.
  const layer = network.metricNames().filter((n) => !/^app\.[^.]+\.(admittedRps|latencyMs|attemptFailure|breakerOpen)$/.test(n) && !/^service\.[^.]+\.(goodputRps|capacityRps)$/.test(n));
  return [...physical, ...scenario.services.map((s) => `service.${s.id}.capacity`), ...layer, ...scenario.apps.map((a) => `app.${a.id}.successRatio`)];
}

