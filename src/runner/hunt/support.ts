/**
 * The causal support of an app: every component its healthy state depends on, as the trace names them. It is
 * the closure of a dependency graph: app → the services it calls → what a service runs on or names in its
 * configuration (clusters, zones, replicas, proxies, its origin, its control plane) → a cluster's hall → the
 * hall's plant, air handlers and feed → the plant's chillers, storage, pumps and feeds, and the outside air →
 * a feed's utility and generators.
 */
import { DependencyGraph } from "../../model/core/dependency-graph.js";
import { normalizeFacility } from "../../model/facility/config.js";
import type { Scenario } from "../../scenario/scenario.js";

/** Every string in a (parsed) configuration value, depth first. */
function stringsIn(value: unknown, out: string[]): void {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value !== null && typeof value === "object") for (const v of Object.values(value)) stringsIn(v, out);
}

/** The dependency graph of a region, with the component ids its trace uses. */
export function supportGraph(scenario: Scenario): DependencyGraph {
  const graph = new DependencyGraph();
  const facility = normalizeFacility(scenario.facility);
  const known = new Set<string>([...facility.clusters.map((c) => c.id), ...scenario.services.map((s) => s.id)]);
  for (const app of scenario.apps) for (const d of app.dependsOn) graph.addEdge(app.id, d.on);
  for (const service of scenario.services) {
    graph.addNode(service.id);
    for (const d of service.dependsOn) graph.addEdge(service.id, d.on);
    for (const c of service.runsOn) graph.addEdge(service.id, c);
    const named: string[] = [];
    stringsIn(service.config, named);
    for (const id of named) if (known.has(id) && id !== service.id) graph.addEdge(service.id, id);
  }
  for (const cluster of facility.clusters) graph.addEdge(cluster.id, cluster.hall);
  for (const hall of facility.halls) {
    graph.addEdge(hall.id, hall.plant);
    graph.addEdge(hall.id, `${hall.id}-crah`);
    graph.addEdge(hall.id, `${hall.id}-aux-cooling`);
    if (hall.feed !== undefined) graph.addEdge(hall.id, hall.feed);
    if (hall.crah.feed !== undefined) graph.addEdge(`${hall.id}-crah`, hall.crah.feed);
  }
  for (const plant of facility.plants) {
    for (const chiller of plant.chillerIds) graph.addEdge(plant.id, chiller);
    graph.addEdge(plant.id, `${plant.id}-storage`);
    graph.addEdge(plant.id, `${plant.id}-pumps`);
    graph.addEdge(plant.id, "outside-air");
    if (plant.feed !== undefined) for (const chiller of plant.chillerIds) graph.addEdge(chiller, plant.feed);
    if (plant.pumps.feed !== undefined) graph.addEdge(`${plant.id}-pumps`, plant.pumps.feed);
  }
  for (const feed of facility.feeds) {
    graph.addEdge(feed.id, feed.utility);
    graph.addEdge(feed.id, `${feed.id}-gen`);
  }
  return graph;
}

/** The causal support of each app, in the order given: the app and every component it depends on, sorted. */
export function appSupports(scenario: Scenario, apps: readonly string[]): string[][] {
  const graph = supportGraph(scenario);
  return apps.map((app) => {
    const seen = new Set<string>();
    const stack = [app];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const next of graph.dependenciesOf(id)) stack.push(next);
    }
    return [...seen].sort();
  });
}
