import type { FacilityConfig } from "../model/facility/config.js";
import { HALL_LABEL_CELSIUS } from "../model/facility/defaults.js";
import { distributionMean } from "../engine/distributions.js";
import type { Scenario } from "../scenario/scenario.js";
import type { ComponentInfo } from "./run.js";

/** Describes every component of a scenario's region for the reports: kind, grouping (plant, hall, role) and thresholds. */
export function describeComponents(scenario: Scenario, facility: FacilityConfig): ComponentInfo[] {
  const out: ComponentInfo[] = [];
  for (const feed of facility.feeds) out.push({ id: feed.id, layer: "facility", kind: "feed" });
  for (const plant of facility.plants) {
    out.push({ id: plant.id, layer: "facility", kind: "plant" });
    for (const chiller of plant.chillerIds) out.push({ id: chiller, layer: "facility", kind: "chiller", plant: plant.id });
  }
  for (const hall of facility.halls) {
    const clusters = facility.clusters.filter((c) => c.hall === hall.id);
    const thresholds = HALL_LABEL_CELSIUS.map((celsius) => ({ celsius, label: celsius === 27 ? "ASHRAE recommended limit" : `above ${celsius} °C`, band: celsius !== 27 }));
    if (clusters.length > 0) {
      const shutdown = Math.min(...clusters.map((c) => distributionMean(c.shutdownCelsius)));
      thresholds.push({ celsius: Math.round(shutdown * 10) / 10, label: "server protective shutdown (mean inlet)", band: false });
    }
    out.push({ id: hall.id, layer: "facility", kind: "hall", plant: hall.plant, thresholdsCelsius: thresholds.sort((a, b) => a.celsius - b.celsius) });
  }
  for (const cluster of facility.clusters) {
    out.push({ id: cluster.id, layer: "compute", kind: "cluster", hall: cluster.hall, role: cluster.role, servers: cluster.servers });
  }
  for (const service of scenario.services) out.push({ id: service.id, layer: "cloud", kind: service.kind, title: service.title });
  for (const app of scenario.apps) out.push({ id: app.id, layer: "app", kind: "app", title: app.title });
  return out;
}
