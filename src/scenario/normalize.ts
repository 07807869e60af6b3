import type { DependencyEdge } from "../model/core/propagation.js";
import type { FacilityAction, FacilityFault } from "../model/facility/config.js";
import { CLOUD_ACTIONS, CLOUD_FAULT_TYPES, type CloudAction, type CloudFault } from "../model/cloud/index.js";
import { normalizeExpectChecks } from "./check-language.js";
import { DATA_ACTIONS, DATA_FAULT_TYPES } from "../model/data/config.js";
import { parseCondition } from "./condition.js";
import { resolveLimits } from "./limits.js";
import type { ComponentAction, ComponentFault } from "./schema/core-events.js";
import type { FacilityInput } from "../model/facility/config.js";
import type { ScenarioInput } from "./schema/scenario.js";
import type { DependencyInput, ServiceInput } from "./schema/services.js";
import { DEFAULT_MAX_EVENTS, type EventOwner, type AppSpec, type CheckSpec, type FaultSpec, type OperatorSpec, type Scenario, type ServiceSpec } from "./scenario.js";

const COMPONENT_FAULTS = new Set(["component:fail"]);
const COMPONENT_ACTIONS = new Set(["restore", "set-capacity"]);
const CLOUD_FAULTS: ReadonlySet<string> = new Set(CLOUD_FAULT_TYPES);
const CLOUD_ACTION_NAMES: ReadonlySet<string> = new Set(CLOUD_ACTIONS);

const LOAD_FAULTS: ReadonlySet<string> = new Set(["load:surge", "load:reconnect-storm"]);
const LOAD_ACTIONS: ReadonlySet<string> = new Set(["limit-load", "add-capacity"]);
const DATA_EVENTS: ReadonlySet<string> = new Set([...DATA_FAULT_TYPES, ...DATA_ACTIONS]);

function ownerOf(name: string, component: ReadonlySet<string>, cloud: ReadonlySet<string>): EventOwner {
  if (LOAD_FAULTS.has(name) || LOAD_ACTIONS.has(name)) return "load";
  if (DATA_EVENTS.has(name)) return "data";
  return component.has(name) ? "component" : cloud.has(name) ? "cloud" : "facility";
}
const DEFAULT_FALLBACK_CAPACITY = 0.9;

function edge(input: DependencyInput): DependencyEdge {
  if (typeof input === "string") return { on: input, mode: "hard", fallbackCapacity: DEFAULT_FALLBACK_CAPACITY };
  return { on: input.on, mode: input.mode, fallbackCapacity: input.fallbackCapacity ?? DEFAULT_FALLBACK_CAPACITY };
}

/** Applies every default and turns the written form into the {@link Scenario} the runner reads; assumes the schema passed. */
export function normalizeScenario(
  file: string,
  input: ScenarioInput,
  servicesIn: Readonly<Record<string, Record<string, unknown>>>,
  faults: Readonly<Record<string, Record<string, unknown>>>,
  actions: Readonly<Record<string, Record<string, unknown>>>,
): Scenario {
  const { services: _services, apps: appsIn, import: _import, ...facility } = input.region;
  const services: ServiceSpec[] = Object.entries(servicesIn).map(([id, raw]) => {
    const s = raw as ServiceInput;
    return {
      id,
      kind: s.kind ?? "generic",
      title: s.title ?? id,
      runsOn: s.kind === "generic" ? (s.runsOn ?? []) : [],
      dependsOn: (s.dependsOn ?? []).map(edge),
      degradedBelow: s.degradedBelow ?? 0.99,
      downBelow: s.downBelow ?? 0.5,
      config: raw,
    };
  });
  const apps: AppSpec[] = Object.entries(appsIn ?? {}).map(([id, a]) => ({
    id,
    title: a.title ?? id,
    users: a.users ?? 0,
    dependsOn: a.dependsOn.map(edge),
    symptoms: { degraded: a.symptoms?.degraded ?? "degraded", down: a.symptoms?.down ?? a.symptoms?.degraded ?? "unavailable" },
    impactBelow: a.impactBelow ?? 0.99,
    downBelow: a.downBelow ?? 0.5,
    load: a.load,
    client: a.client,
    transactional: a.transactional ?? false,
  }));
  const faultSpecs: FaultSpec[] = Object.entries(faults).map(([name, f]) => ({
    name,
    type: String(f.type),
    owner: ownerOf(String(f.type), COMPONENT_FAULTS, CLOUD_FAULTS),
    atMs: f.at as number | undefined,
    startAfter: (f.startAfter as string[] | undefined) ?? [],
    afterMs: (f.after as number | undefined) ?? 0,
    durationMs: f.duration as number | undefined,
    description: f.description as string | undefined,
    params: f as unknown as FacilityFault | CloudFault | ComponentFault,
    written: (input.faults?.[name] ?? {}) as Record<string, unknown>,
  }));
  const operatorSpecs: OperatorSpec[] = [];
  for (const [name, step] of Object.entries(input.operators ?? {})) {
    const action = actions[name];
    if (action === undefined) continue;
    const when = step.when === undefined ? undefined : parseCondition(step.when);
    operatorSpecs.push({
      name,
      atMs: step.at,
      when: when?.ok ? when.condition : undefined,
      forMs: step.for ?? 0,
      afterMs: step.after ?? 0,
      owner: ownerOf(String(action.action), COMPONENT_ACTIONS, CLOUD_ACTION_NAMES),
      action: action as unknown as FacilityAction | CloudAction | ComponentAction,
      written: step.do as Record<string, unknown>,
      description: step.description,
    });
  }
  const checks: CheckSpec[] = normalizeExpectChecks(input.expect?.outcome);
  const steadyState: CheckSpec[] = normalizeExpectChecks(input.expect?.steadyState);
  return {
    file,
    name: input.name,
    title: input.title,
    description: input.description ?? "",
    seed: input.seed,
    start: input.start,
    horizonMs: input.horizon,
    maxEvents: input.limits?.maxEvents ?? DEFAULT_MAX_EVENTS,
    limits: resolveLimits(input.limits),
    scrapeIntervalMs: input.monitoring?.scrapeInterval ?? 30_000,
    sampleIntervalMs: input.monitoring?.sampleInterval ?? 60_000,
    facility: facility as FacilityInput,
    services,
    apps,
    faults: faultSpecs,
    operators: operatorSpecs,
    checks,
    steadyState,
  };
}
