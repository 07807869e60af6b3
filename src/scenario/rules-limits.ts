import { howToRaise, type LimitName, type ScenarioLimits } from "./limits.js";
import type { LocationIndex } from "./location-index.js";
import { formatPath, type ScenarioProblem, type SourceLocation, type ValuePath } from "./problem.js";
import type { ScenarioInput } from "./schema/scenario.js";

/**
 * The size limits of a schema-valid scenario, checked before anything is built: servers per cluster and in all,
 * chillers, VMs, services, apps, and the values of the series. Each problem names the value, the limit and the
 * key of `limits:` that raises it. Nothing of the scenario's size is allocated here.
 */
export function checkSizeLimits(input: ScenarioInput, limits: ScenarioLimits, index: LocationIndex, start: SourceLocation): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  const add = (path: ValuePath, name: LimitName, what: string, instead: string): void => {
    out.push({ location: index.locate(path, start), path: formatPath(path), message: `${what}; the limit is ${limits[name].toLocaleString("en-US")}. ${howToRaise(name, instead)}` });
  };
  const region = input.region as Record<string, unknown>;
  const clusters = (Array.isArray(region.clusters) ? region.clusters : []) as { id: string; servers: number }[];
  let servers = 0;
  clusters.forEach((c, i) => {
    servers += c.servers;
    if (c.servers > limits.maxServersPerCluster) add(["region", "clusters", i, "servers"], "maxServersPerCluster", `${c.servers.toLocaleString("en-US")} servers in cluster ${c.id}`, "split the cluster or model fewer, larger servers");
  });
  if (servers > limits.maxServers) add(["region", "clusters"], "maxServers", `${servers.toLocaleString("en-US")} servers in the region`, "model fewer, larger servers");

  const plants = (Array.isArray(region.plants) ? region.plants : []) as { chillers: { count: number } }[];
  let chillers = 0;
  plants.forEach((p, i) => {
    chillers += p.chillers.count;
    if (chillers > limits.maxChillers && chillers - p.chillers.count <= limits.maxChillers) {
      add(["region", "plants", i, "chillers", "count"], "maxChillers", `${plants.reduce((sum, q) => sum + q.chillers.count, 0).toLocaleString("en-US")} chillers in the region`, "model fewer, larger chillers");
    }
  });

  const services = (region.services ?? {}) as Record<string, { kind?: string; vms?: unknown }>;
  const serviceIds = Object.keys(services);
  if (serviceIds.length > limits.maxServices) add(["region", "services"], "maxServices", `${serviceIds.length.toLocaleString("en-US")} services`, "merge services that fail together");
  for (const id of serviceIds) {
    const vms = services[id]?.vms;
    if (services[id]?.kind === "cvm" && typeof vms === "number" && vms > limits.maxVms) add(["region", "services", id, "vms"], "maxVms", `${vms.toLocaleString("en-US")} VMs`, "model VMs in larger units");
  }
  const apps = Object.keys((region.apps ?? {}) as Record<string, unknown>);
  if (apps.length > limits.maxApps) add(["region", "apps"], "maxApps", `${apps.length.toLocaleString("en-US")} apps`, "merge apps that fail together");

  // The series hold at least one value per hall, two per cluster and one per service and app at every sample.
  const halls = Array.isArray(region.halls) ? region.halls.length : 0;
  const metrics = halls + 2 * clusters.length + serviceIds.length + apps.length;
  const sampleMs = input.monitoring?.sampleInterval ?? 60_000;
  const values = (Math.floor(input.horizon / sampleMs) + 1) * metrics;
  if (values > limits.maxSeriesValues) {
    const path = input.monitoring?.sampleInterval === undefined ? ["horizon"] : ["monitoring", "sampleInterval"];
    add(path, "maxSeriesValues", `the series would hold at least ${values.toLocaleString("en-US")} values (${(Math.floor(input.horizon / sampleMs) + 1).toLocaleString("en-US")} samples × ${metrics} metrics)`, "sample less often (monitoring.sampleInterval) or shorten the horizon");
  }
  return out;
}

/** The message of a run whose series would pass the limit (a horizon given on the command line, say). */
export function seriesLimitMessage(samples: number, metrics: number, limit: number): string {
  return `the series would hold ${(samples * metrics).toLocaleString("en-US")} values (${samples.toLocaleString("en-US")} samples × ${metrics} metrics); the limit is ${limit.toLocaleString("en-US")}. ${howToRaise("maxSeriesValues", "sample less often (monitoring.sampleInterval) or run a shorter horizon")}`;
}
