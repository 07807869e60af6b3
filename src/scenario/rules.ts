import { DependencyGraph } from "../model/core/dependency-graph.js";
import { deriveStream } from "../engine/rng.js";
import { LOAD_APP_METRICS, LOAD_SERVICE_METRICS } from "../model/apps/app-load-flow.js";
import type { LoadAction, LoadFault } from "./schema/load.js";
import { buildServiceBehavior, checkCloudEvent, checkCloudService, cloudServiceInputs, type CloudAction, type CloudFault, type CloudServiceInput } from "../model/cloud/index.js";
import { checkFacility, checkFacilityAction, checkFacilityFault } from "../model/facility/facility-model.js";
import type { FacilityAction, FacilityFault } from "../model/facility/config.js";
import { parseCondition } from "./condition.js";
import { facilityMetricNames, facilityClusterIds } from "./facility-refs.js";
import type { LocationIndex } from "./location-index.js";
import { formatPath, type ScenarioProblem, type SourceLocation, type ValuePath } from "./problem.js";
import type { Scenario } from "./scenario.js";
import type { ScenarioInput } from "./schema/scenario.js";
import type { FacilityInput } from "../model/facility/config.js";
import { nearest, suggestion } from "./suggest.js";
import { checksValid } from "./rules-expect.js";
import { checkDataAction, checkDataFault, type DataKnownIds } from "../model/data/checks.js";
import type { DataAction, DataFault } from "../model/data/config.js";

/** Where a rule reports: a path and a message, located later. */
export interface Finding {
  readonly path: ValuePath;
  readonly message: string;
  /** Point at the key rather than its value (unknown names). */
  readonly atKey?: boolean;
}

/** What every rule sees. */
export interface RuleInput {
  readonly scenario: Scenario;
  readonly input: ScenarioInput;
  readonly clusters: readonly string[];
  readonly services: readonly string[];
  readonly apps: readonly string[];
}

/** A named semantic rule over a schema-valid scenario. */
export interface Rule {
  readonly name: string;
  check(input: RuleInput): Finding[];
}

const uniqueIds: Rule = {
  name: "unique-ids",
  check({ scenario, clusters }) {
    const out: Finding[] = [];
    const seen = new Map<string, string>();
    for (const id of clusters) seen.set(id, "cluster");
    for (const s of scenario.services) {
      const other = seen.get(s.id);
      if (other) out.push({ path: ["region", "services", s.id], atKey: true, message: `id "${s.id}" is already a ${other}. Give every component its own id` });
      seen.set(s.id, "service");
    }
    for (const a of scenario.apps) {
      const other = seen.get(a.id);
      if (other) out.push({ path: ["region", "apps", a.id], atKey: true, message: `id "${a.id}" is already a ${other}. Give every component its own id` });
      seen.set(a.id, "app");
    }
    return out;
  },
};

const referencesExist: Rule = {
  name: "references-exist",
  check({ scenario, clusters, services, apps }) {
    const out: Finding[] = [];
    const nodes: [string, string, readonly { on: string }[]][] = [...scenario.services.map((s) => ["services", s.id, s.dependsOn] as [string, string, readonly { on: string }[]]), ...scenario.apps.map((a) => ["apps", a.id, a.dependsOn] as [string, string, readonly { on: string }[]])];
    for (const [section, id, dependsOn] of nodes) {
      dependsOn.forEach((d, i) => {
        if (dependsOn.findIndex((e) => e.on === d.on) < i) out.push({ path: ["region", section, id, "dependsOn", i], message: `"${d.on}" is listed twice in dependsOn, so it would count twice. Keep one entry per dependency` });
      });
    }
    const dependable = [...services, ...apps, ...clusters];
    for (const s of scenario.services) {
      s.runsOn.forEach((id, i) => {
        if (!clusters.includes(id)) out.push({ path: ["region", "services", s.id, "runsOn", i], message: `unknown cluster "${id}". ${suggestion(id, clusters, "cluster")}` });
      });
      s.dependsOn.forEach((d, i) => {
        if (!dependable.includes(d.on)) out.push({ path: ["region", "services", s.id, "dependsOn", i], message: `unknown component "${d.on}". ${suggestion(d.on, dependable, "component")}` });
      });
    }
    for (const a of scenario.apps) {
      a.dependsOn.forEach((d, i) => {
        if (!dependable.includes(d.on)) out.push({ path: ["region", "apps", a.id, "dependsOn", i], message: `unknown component "${d.on}". ${suggestion(d.on, dependable, "component")}` });
      });
    }
    return out;
  },
};

const cloudServicesValid: Rule = {
  name: "cloud-services-valid",
  check({ scenario, clusters, services }) {
    const clusterServers: Record<string, number> = {};
    for (const c of scenario.facility.clusters ?? []) clusterServers[c.id] = c.servers;
    return scenario.services
      .filter((s) => s.kind !== "generic")
      .flatMap((s) => checkCloudService(s.id, s.config as unknown as CloudServiceInput, { clusters, services, clusterServers }, ["region", "services", s.id]))
      .map((p) => ({ path: p.path, message: p.message }));
  },
};

/** Ids a service reads: its dependencies, and for cloud kinds the clusters and services named in its config. */
function inputsOf(s: Scenario["services"][number]): string[] {
  const own = s.kind === "generic" ? [] : cloudServiceInputs(s.config as unknown as CloudServiceInput);
  return [...s.dependsOn.map((d) => d.on), ...own];
}

const noDependencyCycles: Rule = {
  name: "no-dependency-cycles",
  check({ scenario }) {
    const graph = new DependencyGraph();
    for (const s of scenario.services) for (const d of inputsOf(s)) graph.addEdge(s.id, d);
    for (const a of scenario.apps) for (const d of a.dependsOn) graph.addEdge(a.id, d.on);
    const cycle = graph.findCycle();
    if (cycle === undefined) return [];
    const first = cycle[0] as string;
    const section = scenario.apps.some((a) => a.id === first) ? "apps" : "services";
    return [{ path: ["region", section, first, "dependsOn"], message: `dependency cycle: ${cycle.join(" → ")}. Remove one of these dependencies` }];
  },
};

/** Each service's kind, by id. */
function serviceKinds(scenario: Scenario): Record<string, string> {
  const kinds: Record<string, string> = {};
  for (const s of scenario.services) kinds[s.id] = s.kind;
  return kinds;
}

const loadValid: Rule = {
  name: "load-valid",
  check({ scenario }) {
    const out: Finding[] = [];
    const loadApps = scenario.apps.filter((a) => a.load !== undefined).map((a) => a.id);
    const rpsServices = scenario.services.filter((s) => typeof s.config.capacityRps === "number").map((s) => s.id);
    for (const a of scenario.apps) {
      if (a.client !== undefined && a.load === undefined) out.push({ path: ["region", "apps", a.id, "client"], message: "client behaviour needs a request rate. Add load: { peakRps: … } to the app, or remove client" });
      if (a.transactional && a.load === undefined) out.push({ path: ["region", "apps", a.id, "transactional"], message: "transactions are counted from a request rate. Add load: { peakRps: … } to the app, or remove transactional" });
      if (a.client?.rateLimitPerUserPerMinute !== undefined && a.users <= 0) out.push({ path: ["region", "apps", a.id, "client", "rateLimitPerUserPerMinute"], message: "a per-user rate limit with no users refuses every request. Give the app its users (users: …)" });
    }
    // Load reaches the services apps with a request rate call directly (their hard dependencies), not the services behind those.
    const called = new Set(scenario.apps.filter((a) => a.load !== undefined).flatMap((a) => a.dependsOn.filter((d) => d.mode === "hard").map((d) => d.on)));
    for (const s of scenario.services) {
      if (typeof s.config.capacityRps === "number" && !called.has(s.id)) {
        const behind = scenario.services.filter((x) => x.dependsOn.some((d) => d.on === s.id && d.mode === "hard")).map((x) => x.id);
        const where = behind.length === 0 ? "" : ` (it is behind ${behind.join(", ")})`;
        out.push({
          path: ["region", "services", s.id, "capacityRps"],
          message: `no app with a request rate depends on ${s.id} directly${where}, so no load reaches it and capacityRps would be ignored: load goes only to the services apps call. Make an app with load depend on ${s.id} (hard), or remove capacityRps`,
        });
      }
      if (s.config.overload !== undefined && typeof s.config.capacityRps !== "number") out.push({ path: ["region", "services", s.id, "overload"], message: "overload only applies to a service with capacityRps. Add capacityRps, or remove overload" });
      if (s.kind === "cdn" && s.dependsOn.some((d) => d.on === (s.config as { origin?: string }).origin)) {
        out.push({ path: ["region", "services", s.id, "dependsOn"], message: "the CDN's origin is also in dependsOn, so its failure would count twice. Remove it from dependsOn: origin already says it" });
      }
    }
    for (const op of scenario.operators) {
      const action = op.action as { action: string; service?: string; to?: string };
      if (op.owner !== "cloud" || action.action !== "failover" || action.to === undefined) continue;
      const db = scenario.services.find((x) => x.id === action.service);
      const replicas = (db?.config as { replicas?: string[] } | undefined)?.replicas ?? [];
      if (db !== undefined && !replicas.includes(action.to)) {
        out.push({ path: ["operators", op.name, "do", "to"], message: `"${action.to}" is not a replica of ${db.id}. Fail over to one of: ${replicas.join(", ")}` });
      }
    }
    const needLoadApp = (app: string, path: (string | number)[]): void => {
      if (loadApps.includes(app)) return;
      const hint = loadApps.length === 0 ? `Give the app a request rate: load: { peakRps: … }` : `Apps with a load model: ${loadApps.join(", ")}`;
      out.push({ path, message: `"${app}" is not an app with a load model. ${hint}` });
    };
    for (const f of scenario.faults) {
      if (f.owner !== "load") continue;
      const params = f.params as LoadFault;
      needLoadApp(params.app, ["faults", f.name, "app"]);
      if (params.type === "load:surge") {
        if ((params.curve === undefined) === (params.users === undefined)) out.push({ path: ["faults", f.name], message: "a surge needs exactly one of curve (multipliers) or users (user counts). Keep one" });
        const points = params.curve ?? params.users ?? [];
        if (points.length > 0 && (points[0] as [number, number])[0] !== 0) out.push({ path: ["faults", f.name, params.curve ? "curve" : "users", 0], message: "the first point of a surge is at 0s (when it strikes). Start the list with [0s, …]" });
        if (points.some((p, i) => i > 0 && p[0] <= (points[i - 1] as [number, number])[0])) out.push({ path: ["faults", f.name, params.curve ? "curve" : "users"], message: "the points' times must increase. Sort them" });
      }
    }
    for (const op of scenario.operators) {
      if (op.owner !== "load") continue;
      const action = op.action as LoadAction;
      if (action.action === "limit-load") needLoadApp(action.app, ["operators", op.name, "do", "app"]);
      else if (!rpsServices.includes(action.service)) {
        const hint = rpsServices.length === 0 ? "Give the service a capacity: capacityRps: …" : `Services with capacityRps: ${rpsServices.join(", ")}`;
        out.push({ path: ["operators", op.name, "do", "service"], message: `"${action.service}" is not a service with capacityRps. ${hint}` });
      }
    }
    return out;
  },
};

const dataValid: Rule = {
  name: "data-valid",
  check({ scenario, services, apps }) {
    const known: DataKnownIds = {
      apps,
      loadApps: scenario.apps.filter((a) => a.load !== undefined).map((a) => a.id),
      services,
      faults: scenario.faults.map((f) => ({ name: f.name, type: f.type })),
      dataFaults: scenario.faults.filter((f) => f.owner === "data").map((f) => ({ name: f.name, fault: f.params as DataFault })),
      suggest: suggestion,
    };
    const out: Finding[] = [];
    for (const f of scenario.faults) {
      if (f.owner === "data") for (const p of checkDataFault(f.params as DataFault, f.durationMs, known, ["faults", f.name])) out.push({ path: [...p.path], message: p.message });
    }
    for (const op of scenario.operators) {
      if (op.owner === "data") for (const p of checkDataAction(op.action as DataAction, known, ["operators", op.name, "do"])) out.push({ path: [...p.path], message: p.message });
    }
    return out;
  },
};

/** Fault types whose effect does not end by itself: a duration would be ignored. */
const NOTHING_TO_CLEAR: ReadonlySet<string> = new Set(["power:voltage-sag", "server:fail"]);

const thresholdsOrdered: Rule = {
  name: "thresholds-ordered",
  check({ scenario }) {
    const out: Finding[] = [];
    for (const s of scenario.services) {
      if (s.downBelow > s.degradedBelow) out.push({ path: ["region", "services", s.id, "downBelow"], message: `downBelow (${s.downBelow}) is above degradedBelow (${s.degradedBelow}). Make downBelow the lower threshold` });
    }
    for (const a of scenario.apps) {
      if (a.downBelow > a.impactBelow) out.push({ path: ["region", "apps", a.id, "downBelow"], message: `downBelow (${a.downBelow}) is above impactBelow (${a.impactBelow}). Make downBelow the lower threshold` });
    }
    return out;
  },
};

const faultsTimed: Rule = {
  name: "faults-timed",
  check({ scenario }) {
    const out: Finding[] = [];
    const names = scenario.faults.map((f) => f.name);
    const graph = new DependencyGraph();
    for (const f of scenario.faults) {
      const path = ["faults", f.name];
      if (f.atMs === undefined && f.startAfter.length === 0) out.push({ path, message: "the fault has no time. Give it `at` (e.g. at: 1h30m) or `startAfter` (names of other faults)" });
      if (f.atMs !== undefined && f.startAfter.length > 0) out.push({ path: [...path, "startAfter"], message: "the fault has both `at` and `startAfter`. Keep one" });
      if (f.durationMs !== undefined && NOTHING_TO_CLEAR.has(f.type)) out.push({ path: [...path, "duration"], message: `${f.type} has nothing to clear when a duration ends. Remove duration (use a repair or a restart step to recover)` });
      if (f.afterMs > 0 && f.startAfter.length === 0) out.push({ path: [...path, "after"], message: "`after` only applies with `startAfter`. Remove it, or name the faults to wait for in startAfter" });
      if (f.atMs !== undefined && f.atMs > scenario.horizonMs) out.push({ path: [...path, "at"], message: `the fault strikes after the horizon (${f.atMs / 60000} min > ${scenario.horizonMs / 60000} min). Move it earlier or raise horizon` });
      f.startAfter.forEach((other, i) => {
        if (!names.includes(other)) out.push({ path: [...path, "startAfter", i], message: `unknown fault "${other}". ${suggestion(other, names, "fault")}` });
        else graph.addEdge(f.name, other);
      });
    }
    const cycle = graph.findCycle();
    if (cycle) out.push({ path: ["faults", cycle[0] as string, "startAfter"], message: `faults wait on each other in a loop: ${cycle.join(" → ")}. Break the loop` });
    return out;
  },
};

const faultTargetsExist: Rule = {
  name: "fault-targets-exist",
  check({ scenario, services, apps }) {
    const out: Finding[] = [];
    const targets = [...services, ...apps];
    for (const f of scenario.faults) {
      if (f.owner === "component") {
        const target = (f.params as { target: string }).target;
        if (!targets.includes(target)) out.push({ path: ["faults", f.name, "target"], message: `unknown service or app "${target}". ${suggestion(target, targets, "service or app")}` });
      } else if (f.owner === "cloud") {
        for (const p of checkCloudEvent(f.params as CloudFault, serviceKinds(scenario), ["faults", f.name])) out.push({ path: p.path, message: p.message });
      } else {
        for (const p of checkFacilityFault(scenario.facility, f.params as FacilityFault, ["faults", f.name])) out.push({ path: p.path, message: p.message });
      }
    }
    return out;
  },
};

/** Every metric a service or app answers: capacity or success, its kind's own, and its load's. */
function layerMetricNames(scenario: Scenario): string[] {
  const out: string[] = [];
  for (const s of scenario.services) {
    const own = ["capacity"];
    if (s.kind !== "generic" && checkCloudService(s.id, s.config as unknown as CloudServiceInput, { clusters: (scenario.facility.clusters ?? []).map((c) => c.id), services: scenario.services.map((x) => x.id), clusterServers: Object.fromEntries((scenario.facility.clusters ?? []).map((c) => [c.id, c.servers])) }, []).length === 0) {
      const behavior = buildServiceBehavior(s.id, s.config as unknown as CloudServiceInput, {
        stream: (purpose) => deriveStream(0, s.id, purpose),
        clusterServers: (id) => (scenario.facility.clusters ?? []).find((c) => c.id === id)?.servers ?? 1,
        damagedFraction: () => 0,
      });
      own.push(...Object.keys(behavior.metrics()));
    }
    if (typeof s.config.capacityRps === "number") own.push(...LOAD_SERVICE_METRICS);
    for (const name of new Set(own)) out.push(`service.${s.id}.${name}`);
  }
  for (const a of scenario.apps) {
    out.push(`app.${a.id}.successRatio`);
    if (a.load !== undefined) for (const name of LOAD_APP_METRICS) out.push(`app.${a.id}.${name}`);
  }
  return out;
}

function checkMetricName(metric: string, known: readonly string[], apps: readonly string[], services: readonly string[]): string | undefined {
  if (known.includes(metric)) return undefined;
  const parts = metric.split(".");
  if ((parts[0] === "app" || parts[0] === "service") && parts.length === 3) {
    const ids = parts[0] === "app" ? apps : services;
    if (!ids.includes(parts[1] as string)) return `unknown ${parts[0]} "${parts[1]}". ${suggestion(parts[1] as string, ids, parts[0])}`;
    const fields = known.filter((m) => m.startsWith(`${parts[0]}.${parts[1]}.`)).map((m) => m.split(".")[2] as string);
    return `unknown ${parts[0]} metric "${parts[2]}". ${suggestion(parts[2] as string, fields, `metric of ${parts[1]}`, 20)}`;
  }
  const near = nearest(metric, known);
  if (near !== undefined) return `unknown metric "${metric}". Did you mean "${near}"?`;
  if (parts.length === 3) {
    const ofKind = known.filter((m) => m.startsWith(`${parts[0]}.`));
    if (ofKind.length === 0) return `unknown metric "${metric}". Metrics start with ${[...new Set(known.map((m) => m.split(".")[0]))].sort().join(", ")}`;
    const ids = [...new Set(ofKind.map((m) => m.split(".")[1] as string))];
    if (!ids.includes(parts[1] as string)) return `unknown ${parts[0]} "${parts[1]}". ${suggestion(parts[1] as string, ids, parts[0] as string)}`;
    const fields = ofKind.filter((m) => m.startsWith(`${parts[0]}.${parts[1]}.`)).map((m) => m.split(".")[2] as string);
    return `unknown ${parts[0]} metric "${parts[2]}". ${suggestion(parts[2] as string, fields, `${parts[0]} metric`, 20)}`;
  }
  return `unknown metric "${metric}". Metric names have three parts, e.g. hall.<id>.inletCelsius`;
}

const operatorsValid: Rule = {
  name: "operators-valid",
  check({ scenario, input, services, apps }) {
    const out: Finding[] = [];
    const targets = [...services, ...apps];
    let metrics: string[] | undefined;
    for (const [name, step] of Object.entries(input.operators ?? {})) {
      const path = ["operators", name];
      if (step.at === undefined && step.when === undefined) out.push({ path, message: "the step has no trigger. Give it `at` (a time) or `when` (a condition)" });
      if (step.at !== undefined && step.when !== undefined) out.push({ path: [...path, "when"], message: "the step has both `at` and `when`. Keep one" });
      if (step.for !== undefined && step.when === undefined) out.push({ path: [...path, "for"], message: "`for` only applies with `when`. Remove it or add a condition" });
      if (step.at !== undefined && step.at > scenario.horizonMs) out.push({ path: [...path, "at"], message: "the step is after the horizon. Move it earlier or raise horizon" });
      if (step.when !== undefined) {
        const parsed = parseCondition(step.when);
        if (!parsed.ok) out.push({ path: [...path, "when"], message: parsed.message });
        else if (parsed.condition.op === "in") out.push({ path: [...path, "when"], message: "a trigger compares with one value. Use > >= < <= == or !=" });
        else if (parsed.condition.value.kind === "clock") out.push({ path: [...path, "when"], message: "a trigger compares a metric with a number, not a clock time. To act at a time, use `at`" });
        else {
          const facilityMetrics = facilityMetricNames(scenario.facility);
          if (facilityMetrics === undefined) continue;
          metrics ??= [...facilityMetrics, ...layerMetricNames(scenario)];
          const problem = checkMetricName(parsed.condition.metric, metrics, apps, services);
          if (problem) out.push({ path: [...path, "when"], message: problem });
        }
      }
    }
    for (const op of scenario.operators) {
      const path = ["operators", op.name, "do"];
      if (op.owner === "component") {
        const target = (op.action as { target: string }).target;
        if (!targets.includes(target)) out.push({ path: [...path, "target"], message: `unknown service or app "${target}". ${suggestion(target, targets, "service or app")}` });
      } else if (op.owner === "cloud") {
        for (const p of checkCloudEvent(op.action as CloudAction, serviceKinds(scenario), path)) out.push({ path: p.path, message: p.message });
      } else {
        for (const p of checkFacilityAction(scenario.facility, op.action as FacilityAction, path)) out.push({ path: p.path, message: p.message });
      }
    }
    return out;
  },
};

const facilityValid: Rule = {
  name: "facility-valid",
  check({ scenario }) {
    return checkFacility(scenario.facility, ["region"]).map((p) => ({ path: p.path, message: p.message }));
  },
};

/** The semantic rules, in the order they run. */
export const RULES: readonly Rule[] = [facilityValid, uniqueIds, referencesExist, cloudServicesValid, loadValid, dataValid, noDependencyCycles, thresholdsOrdered, faultsTimed, faultTargetsExist, operatorsValid, checksValid];

/** Runs every rule and locates what they find. */
export function checkScenarioRules(scenario: Scenario, input: ScenarioInput, index: LocationIndex, start: SourceLocation): ScenarioProblem[] {
  const ruleInput: RuleInput = {
    scenario,
    input,
    clusters: facilityClusterIds(scenario.facility as FacilityInput),
    services: scenario.services.map((s) => s.id),
    apps: scenario.apps.map((a) => a.id),
  };
  const out: ScenarioProblem[] = [];
  for (const rule of RULES) {
    for (const finding of rule.check(ruleInput)) {
      const location = finding.atKey ? index.locateKey(finding.path, start) : index.locate(finding.path, start);
      out.push({ location, path: formatPath(finding.path), message: finding.message });
    }
  }
  return out;
}
