import type { DependencyEdge } from "../model/core/propagation.js";
import type { FacilityAction, FacilityFault } from "../model/facility/config.js";
import type { CloudAction, CloudFault, CloudServiceInput } from "../model/cloud/config.js";
import type { ComponentAction, ComponentFault } from "../model/core/component-events.js";
import type { LoadAction, LoadFault } from "../model/apps/events.js";
import type { DataAction, DataFault } from "../model/data/config.js";
import { normalizeExpectChecks } from "./check-language.js";
import { parseCondition } from "./condition.js";
import { actionType, faultType, type EventOwner } from "./events/index.js";
import { resolveLimits } from "./limits.js";
import type { FacilityInput } from "../model/facility/config.js";
import type { ScenarioInput } from "./schema/scenario.js";
import type { DependencyInput, ServiceInput } from "./schema/services.js";
import type { AppLoadInput, ClientInput, OverloadInput } from "./schema/load.js";
import type { LoadAppConfig, LoadServiceConfig } from "../model/apps/app-load-flow.js";
import { BUILTIN_PROFILES, DEFAULT_OVERLOAD, profileFromTable, type LoadProfile } from "../model/apps/index.js";
import { DEFAULT_MAX_EVENTS, type ActionEffect, type AppSpec, type CheckSpec, type FaultEffect, type FaultSpec, type OperatorSpec, type Scenario, type ServiceSpec } from "./scenario.js";

/**
 * A fault's effect, tagged with the owner its registry entry declares. `params` passed that type's own schema,
 * whose output the registry proves (at compile time) to be its layer's fault type.
 */
function faultEffect(owner: EventOwner, params: object): FaultEffect {
  switch (owner) {
    case "facility": return { owner, params: params as FacilityFault };
    case "cloud": return { owner, params: params as CloudFault };
    case "load": return { owner, params: params as LoadFault };
    case "data": return { owner, params: params as DataFault };
    case "component": return { owner, params: params as ComponentFault };
  }
}

/** An action's effect, tagged with its owner (as {@link faultEffect}). */
function actionEffect(owner: EventOwner, action: object): ActionEffect {
  switch (owner) {
    case "facility": return { owner, action: action as FacilityAction };
    case "cloud": return { owner, action: action as CloudAction };
    case "load": return { owner, action: action as LoadAction };
    case "data": return { owner, action: action as DataAction };
    case "component": return { owner, action: action as ComponentAction };
  }
}
const DEFAULT_FALLBACK_CAPACITY = 0.9;

/** A cloud kind's fields, which passed that kind's schema (its output is the kind's input type, checked in schema/cloud.ts). */
function cloudInput(raw: object): CloudServiceInput {
  return raw as CloudServiceInput;
}

/** A service's load capacity with its overload defaults, when it has `capacityRps`. */
function serviceLoad(id: string, raw: Readonly<Record<string, unknown>>): LoadServiceConfig | undefined {
  if (typeof raw.capacityRps !== "number") return undefined;
  const overload = (raw.overload ?? {}) as OverloadInput;
  return {
    id,
    capacityRps: raw.capacityRps,
    overload: { shedding: overload.shedding ?? DEFAULT_OVERLOAD.shedding, collapse: overload.collapse ?? DEFAULT_OVERLOAD.collapse, minGoodput: overload.minGoodput ?? DEFAULT_OVERLOAD.minGoodput },
  };
}

/** An app's load model with every default of its client policy applied. */
function appLoad(id: string, users: number, load: AppLoadInput, client: ClientInput | undefined, dependsOn: readonly DependencyEdge[]): LoadAppConfig {
  const profile = load.profile === undefined ? BUILTIN_PROFILES.flat : typeof load.profile === "string" ? BUILTIN_PROFILES[load.profile] : profileFromTable(load.profile);
  const breaker = client?.circuitBreaker;
  return {
    id,
    users,
    peakRps: load.peakRps,
    profile: profile as LoadProfile,
    retries: client?.retries ?? 0,
    timeoutMs: client?.timeout ?? 5_000,
    baseLatencyMs: client?.baseLatency ?? 100,
    breaker: breaker === undefined ? undefined : { failureRatio: breaker.failureRatio ?? 0.5, openForMs: breaker.openFor ?? 30_000, probeFraction: breaker.probeFraction ?? 0.05 },
    rateLimitPerUserPerMinute: client?.rateLimitPerUserPerMinute,
    calls: dependsOn.filter((d) => d.mode === "hard").map((d) => d.on),
  };
}

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
      cloud: s.kind === undefined || s.kind === "generic" ? undefined : cloudInput(raw),
      load: serviceLoad(id, raw),
    };
  });
  const apps: AppSpec[] = Object.entries(appsIn ?? {}).map(([id, a]) => ({
    id,
    title: a.title ?? id,
    users: a.users ?? 0,
    loadConfig: a.load === undefined ? undefined : appLoad(id, a.users ?? 0, a.load, a.client, a.dependsOn.map(edge)),
    dependsOn: a.dependsOn.map(edge),
    symptoms: { degraded: a.symptoms?.degraded ?? "degraded", down: a.symptoms?.down ?? a.symptoms?.degraded ?? "unavailable" },
    impactBelow: a.impactBelow ?? 0.99,
    downBelow: a.downBelow ?? 0.5,
    load: a.load,
    client: a.client,
    transactional: a.transactional ?? false,
  }));
  const faultSpecs: FaultSpec[] = Object.entries(faults).map(([name, f]) => {
    const type = faultType(String(f.type));
    if (type === undefined) throw new Error(`normalize: fault ${name} has type ${String(f.type)}, which passed no schema`);
    return {
    name,
    type: type.name,
    takesDuration: type.takesDuration,
    durationRefusal: type.durationRefusal,
    atMs: f.at as number | undefined,
    startAfter: (f.startAfter as string[] | undefined) ?? [],
    afterMs: (f.after as number | undefined) ?? 0,
    durationMs: f.duration as number | undefined,
    description: f.description as string | undefined,
    written: (input.faults?.[name] ?? {}) as Record<string, unknown>,
    ...faultEffect(type.owner, f),
    };
  });
  const operatorSpecs: OperatorSpec[] = [];
  for (const [name, step] of Object.entries(input.operators ?? {})) {
    const action = actions[name];
    if (action === undefined) continue;
    const type = actionType(String(action.action));
    if (type === undefined) throw new Error(`normalize: operator step ${name} has action ${String(action.action)}, which passed no schema`);
    const when = step.when === undefined ? undefined : parseCondition(step.when);
    operatorSpecs.push({
      name,
      atMs: step.at,
      when: when?.ok ? when.condition : undefined,
      forMs: step.for ?? 0,
      afterMs: step.after ?? 0,
      ...actionEffect(type.owner, action),
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
