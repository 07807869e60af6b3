import { Simulation } from "../engine/simulation.js";
import { deriveStream, type RandomStream } from "../engine/rng.js";
import type { ModelContext } from "../model/core/context.js";
import { LocalClock } from "../model/core/local-clock.js";
import { PropagationNetwork, type DerivedNodeSpec, type ServiceBehavior } from "../model/core/propagation.js";
import { applyCloudEvent, buildServiceBehavior, clearCloudEvent, type CloudAction, type CloudFault, type CloudServiceInput } from "../model/cloud/index.js";
import { TraceRecorder } from "../model/core/trace.js";
import { DataLedger } from "../model/core/data-ledger.js";
import { buildFacility, normalizeFacility, type FacilityModel } from "../model/facility/facility-model.js";
import type { FacilityAction, FacilityFault } from "../model/facility/config.js";
import { compare } from "../scenario/condition.js";
import type { ComponentAction, ComponentFault } from "../scenario/schema/core-events.js";
import type { FaultSpec, OperatorSpec, Scenario } from "../scenario/scenario.js";
import { evaluateChecks } from "./expectations.js";
import { AppLoadFlow, type LoadAppConfig, type LoadChange, type LoadServiceConfig } from "../model/apps/app-load-flow.js";
import { BUILTIN_PROFILES, DEFAULT_OVERLOAD, curveFromUsers, profileFromTable, type LoadProfile } from "../model/apps/index.js";
import type { AppLoadInput, LoadAction, LoadFault, OverloadInput } from "../scenario/schema/load.js";
import { explainImpacts } from "./explain.js";
import { summarizeImpact } from "./impacts.js";
import { describeComponents } from "./components.js";
import type { Run } from "./run.js";
import { SeriesRecorder } from "./series.js";
import { DEFAULT_LIMITS, LimitReached } from "../scenario/limits.js";
import { seriesLimitMessage } from "../scenario/rules-limits.js";
import { conservationViolations, InvariantBroken } from "./invariants.js";
import { DataModel, type CorruptWritesFault, type DataAction, type DataFault, type WriteSource } from "../model/data/index.js";

/** Overrides given on the command line. */
export interface RunOptions {
  readonly seed?: number;
  readonly horizonMs?: number;
  /** Check the model's conservation laws after every event; throws {@link InvariantBroken} at the first broken. */
  readonly checkInvariants?: boolean;
}

/** Units of work, beyond the event itself, of what a run keeps or repeats (see `limits.maxWork`). */
const WORK = { transition: 1_000 } as const;

/** Event priorities within one millisecond: faults, then operators, then physics, then propagation (10), then observation. */
const PRIORITY = { fault: 1, operator: 2, scrape: 20, sample: 30 } as const;

/** Builds the world of a scenario, plays it to its horizon and returns the finished {@link Run}; pure in (scenario, options). */
export function runScenario(scenario: Scenario, options: RunOptions = {}): Run {
  const seed = options.seed ?? scenario.seed;
  const horizonMs = options.horizonMs ?? scenario.horizonMs;
  const sim = new Simulation();
  const limits = scenario.limits ?? DEFAULT_LIMITS;
  const trace = new TraceRecorder(() => sim.charge(WORK.transition));
  let network: PropagationNetwork | undefined;
  const ctx: ModelContext = {
    sim,
    trace,
    stream: memoizedStreams(seed),
    capacityChanged: (componentId, cause) => network?.inputChanged(componentId, cause),
  };
  const facilityConfig = normalizeFacility(scenario.facility);
  const facility = buildFacility(facilityConfig, ctx);
  const serversOf = new Map(facilityConfig.clusters.map((c) => [c.id, c.servers]));
  const behaviors = new Map<string, ServiceBehavior>();
  for (const s of scenario.services) {
    if (s.kind === "generic") continue;
    behaviors.set(s.id, buildServiceBehavior(s.id, s.config as unknown as CloudServiceInput, {
      stream: (purpose) => ctx.stream(s.id, purpose),
      clusterServers: (id) => serversOf.get(id) ?? 0,
      damagedFraction: (id) => (facility.readMetric(`cluster.${id}.serversDamaged`) ?? 0) / Math.max(1, serversOf.get(id) ?? 0),
    }));
  }
  const specs: DerivedNodeSpec[] = [
    ...scenario.services.map((s): DerivedNodeSpec => {
      const behavior = behaviors.get(s.id);
      const base = { id: s.id, layer: "cloud" as const, runsOn: s.runsOn, dependsOn: s.dependsOn, degradedBelow: s.degradedBelow, downBelow: s.downBelow, measure: "capacity" };
      return behavior === undefined ? base : { ...base, behavior };
    }),
    ...scenario.apps.map((a): DerivedNodeSpec => ({
      id: a.id, layer: "app", runsOn: [], dependsOn: a.dependsOn, degradedBelow: a.impactBelow, downBelow: a.downBelow, measure: "success",
      noteFor: (health) => (health === "down" ? `"${a.symptoms.down}"` : health === "degraded" ? `"${a.symptoms.degraded}"` : undefined),
    })),
  ];
  const ledger = new DataLedger();
  network = new PropagationNetwork(specs, ctx, (id) => facility.clusterCapacity(id), ledger);
  const net = network;
  const flow = buildLoadFlow(scenario, trace);
  if (flow !== undefined) net.attachLoad(flow);
  const data = buildDataModel(scenario, ctx, ledger, net, flow);
  facility.start();

  const layers: Layers = { facility, network: net, behaviors, flow, data };
  scheduleFaults(scenario.faults, sim, trace, layers);
  scheduleOperators(scenario, sim, trace, layers);

  let samples = 0;
  const metrics = seriesMetrics(scenario, facility, net);
  const plannedSamples = Math.floor(horizonMs / scenario.sampleIntervalMs) + 1;
  if (plannedSamples * metrics.length > limits.maxSeriesValues) throw new LimitReached(seriesLimitMessage(plannedSamples, metrics.length, limits.maxSeriesValues));
  const series = new SeriesRecorder(scenario.sampleIntervalMs, metrics, seriesReaders(facility, net, () => samples), plannedSamples);
  const sampleKind = sim.registerKind("sample", (s) => {
    samples++;
    s.charge(metrics.length);
    series.sample(s.nowMs);
    if (s.nowMs + scenario.sampleIntervalMs <= horizonMs) s.schedule(sampleKind, scenario.sampleIntervalMs, 0, PRIORITY.sample);
  });
  sim.scheduleAt(sampleKind, 0, 0, PRIORITY.sample);

  if (options.checkInvariants === true) {
    sim.observe((s, kind) => {
      const broken = conservationViolations(scenario, facility, net, ledger);
      if (broken.length > 0) throw new InvariantBroken(`at ${s.nowMs} ms, after a ${s.kindName(kind)} event: ${broken.join("; ")}`);
    });
  }
  const outcome = sim.run({ horizonMs, maxEvents: scenario.maxEvents, maxWork: limits.maxWork });
  const endMs = outcome.reason === "drained" ? horizonMs : outcome.nowMs;
  data.finish(endMs);
  const impacts = scenario.apps.map((app) => summarizeImpact(app, net.history(app.id), endMs, flow?.hasApp(app.id) === true ? flow.rpsHistory(app.id) : undefined));
  const clock = new LocalClock(scenario.start);
  const acknowledgedLost = ledger.acknowledgedLost();
  const dataTotals = ledger.totals();
  const transitions = trace.all();
  const seriesSet = series.finish();
  return {
    scenario: { name: scenario.name, title: scenario.title },
    seed,
    start: scenario.start,
    horizonMs,
    stop: { reason: outcome.reason, atMs: endMs, eventsProcessed: outcome.eventsProcessed },
    unsettled: impacts.filter((i) => i.impacted && !i.recovered).map((i) => i.app),
    trace: transitions,
    impacts,
    data: { acknowledgedLost, components: dataTotals },
    verdicts: evaluateChecks(scenario.checks, { impacts, acknowledgedLost, dataTotals, clock, trace: transitions, series: seriesSet }),
    explanations: explainImpacts(transitions, impacts.filter((i) => i.impacted).map((i) => ({ app: i.app, firstImpactAtMs: i.firstImpactAtMs as number, causes: net.causesOfChangeAt(i.app, i.firstImpactAtMs as number) }))),
    series: seriesSet,
    invariantViolations: facility.invariantViolations(),
    components: describeComponents(scenario, facilityConfig),
  };
}

/** The load flow of a scenario: apps with a request rate, services with a capacity in requests per second; undefined when none. */
function buildLoadFlow(scenario: Scenario, trace: TraceRecorder): AppLoadFlow | undefined {
  const apps: LoadAppConfig[] = scenario.apps.filter((a) => a.load !== undefined).map((a) => {
    const load = a.load as AppLoadInput;
    const profile = load.profile === undefined ? BUILTIN_PROFILES.flat : typeof load.profile === "string" ? BUILTIN_PROFILES[load.profile] : profileFromTable(load.profile);
    const breaker = a.client?.circuitBreaker;
    return {
      id: a.id,
      users: a.users,
      peakRps: load.peakRps,
      profile: profile as LoadProfile,
      retries: a.client?.retries ?? 0,
      timeoutMs: a.client?.timeout ?? 5_000,
      baseLatencyMs: a.client?.baseLatency ?? 100,
      breaker: breaker === undefined ? undefined : { failureRatio: breaker.failureRatio ?? 0.5, openForMs: breaker.openFor ?? 30_000, probeFraction: breaker.probeFraction ?? 0.05 },
      rateLimitPerUserPerMinute: a.client?.rateLimitPerUserPerMinute,
      calls: a.dependsOn.filter((d) => d.mode === "hard").map((d) => d.on),
    };
  });
  const services: LoadServiceConfig[] = scenario.services
    .filter((s) => typeof s.config.capacityRps === "number")
    .map((s) => {
      const overload = (s.config.overload ?? {}) as OverloadInput;
      return {
        id: s.id,
        capacityRps: s.config.capacityRps as number,
        overload: { shedding: overload.shedding ?? DEFAULT_OVERLOAD.shedding, collapse: overload.collapse ?? DEFAULT_OVERLOAD.collapse, minGoodput: overload.minGoodput ?? DEFAULT_OVERLOAD.minGoodput },
      };
    });
  if (apps.length === 0 && services.length === 0) return undefined;
  return new AppLoadFlow({ apps, services, startOfDayMs: new LocalClock(scenario.start).startOfDayMs, stepMs: scenario.sampleIntervalMs }, trace);
}

/** The data layer of a run: corrupted writes are counted from an app's served requests (or a fixed write rate times its served share). */
function buildDataModel(scenario: Scenario, ctx: ModelContext, ledger: DataLedger, network: PropagationNetwork, flow: AppLoadFlow | undefined): DataModel {
  const clock = new LocalClock(scenario.start);
  const writeSource = (fault: CorruptWritesFault): WriteSource => {
    const id = fault.app ?? (fault.service as string);
    const shares = () => network.history(id);
    if (fault.app !== undefined && flow?.hasApp(fault.app) === true) return { rates: () => flow.rpsHistory(id), shares };
    const rates = [{ atMs: 0, rps: fault.writesPerSecond ?? 0 }];
    return { rates: () => rates, shares };
  };
  return new DataModel(ctx, ledger, { writeSource, formatTime: (atMs) => clock.format(atMs) });
}

/** One stream per (component, purpose) for the whole run: asking again continues the same sequence instead of replaying it. */
function memoizedStreams(seed: number): ModelContext["stream"] {
  const streams = new Map<string, RandomStream>();
  return (componentId, purpose) => {
    const key = `${componentId}\u0000${purpose}`;
    let stream = streams.get(key);
    if (stream === undefined) {
      stream = deriveStream(seed, componentId, purpose);
      streams.set(key, stream);
    }
    return stream;
  };
}

/** A function reading a metric now, resolved once from its name (scrapes of operator conditions read it often). */
function metricReader(name: string, facility: FacilityModel, network: PropagationNetwork): () => number | undefined {
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
function seriesReaders(facility: FacilityModel, network: PropagationNetwork, sampleNumber: () => number): (name: string) => () => number | undefined {
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
function seriesMetrics(scenario: Scenario, facility: FacilityModel, network: PropagationNetwork): string[] {
  const physical = facility.metricNames().filter((n) => /^hall\.[^.]+\.inletCelsius$/.test(n) || /^cluster\.[^.]+\.(capacity|serversUp)$/.test(n));
  // Of the load metrics, the series keep what charts and checks read most: offered load and utilization.
  const layer = network.metricNames().filter((n) => !/^app\.[^.]+\.(admittedRps|latencyMs|attemptFailure|breakerOpen)$/.test(n) && !/^service\.[^.]+\.(goodputRps|capacityRps)$/.test(n));
  return [...physical, ...scenario.services.map((s) => `service.${s.id}.capacity`), ...layer, ...scenario.apps.map((a) => `app.${a.id}.successRatio`)];
}

function describeFault(fault: FaultSpec): string {
  if (fault.description !== undefined) return fault.description;
  const { type: _type, at: _at, startAfter: _s, after: _a, duration: _d, description: _desc, ...rest } = fault.written;
  const fields = Object.entries(rest).map(([k, v]) => `${k} ${typeof v === "object" ? JSON.stringify(v) : String(v)}`);
  return fields.length === 0 ? fault.type : `${fault.type} (${fields.join(", ")})`;
}

/** The model layers faults and operator steps act on. */
interface Layers {
  readonly facility: FacilityModel;
  readonly network: PropagationNetwork;
  readonly behaviors: ReadonlyMap<string, ServiceBehavior>;
  readonly flow: AppLoadFlow | undefined;
  readonly data: DataModel;
}

/** The load change a load fault makes. */
function loadChangeOf(fault: FaultSpec): LoadChange {
  const params = fault.params as LoadFault;
  if (params.type === "load:reconnect-storm") {
    const extraRps = (params.clients * (params.requestsPerClient ?? 1)) / Math.max(1, params.over / 1000);
    return { kind: "storm", key: fault.name, app: params.app, extraRps, forMs: params.over };
  }
  const curve = params.users !== undefined
    ? curveFromUsers(params.users.map(([atMs, users]) => ({ atMs, users })))
    : { points: (params.curve ?? [[0, 1]]).map(([atMs, multiplier]) => ({ atMs, multiplier })) };
  return { kind: "surge", key: fault.name, app: params.app, curve };
}

function scheduleFaults(faults: readonly FaultSpec[], sim: Simulation, trace: TraceRecorder, layers: Layers): void {
  const { facility, network, behaviors, flow, data } = layers;
  const injected = new Map<string, number>();
  const strike = sim.registerKind("fault", (s, arg) => {
    const fault = faults[arg] as FaultSpec;
    const causes = fault.startAfter.map((name) => injected.get(name) as number);
    const id = trace.record({ atMs: s.nowMs, component: fault.name, layer: "fault", from: "pending", to: "injected", causes, detail: describeFault(fault) });
    injected.set(fault.name, id);
    if (fault.owner === "facility") facility.applyFault(fault.params as FacilityFault, id);
    else if (fault.owner === "cloud") {
      const params = fault.params as CloudFault;
      if (applyCloudEvent(behaviors.get(params.service) as ServiceBehavior, params, s.nowMs)) network.touch(params.service, id);
    } else if (fault.owner === "load") {
      const change = loadChangeOf(fault);
      (flow as AppLoadFlow).apply(change, s.nowMs, id);
      network.touch((fault.params as LoadFault).app, id);
    } else if (fault.owner === "data") data.strike(fault.name, fault.params as DataFault, id, s.nowMs);
    else {
      const params = fault.params as ComponentFault;
      network.hold(params.target, `fault:${fault.name}`, params.capacity ?? 0, id);
    }
    if (fault.durationMs !== undefined) s.schedule(clear, fault.durationMs, arg, PRIORITY.fault);
    faults.forEach((other, i) => {
      if (other.startAfter.includes(fault.name) && other.startAfter.every((n) => injected.has(n))) s.schedule(strike, other.afterMs, i, PRIORITY.fault);
    });
  });
  const clear = sim.registerKind("fault-clear", (s, arg) => {
    const fault = faults[arg] as FaultSpec;
    if (fault.owner === "data") return data.clear(fault.name, s.nowMs, [injected.get(fault.name) as number]);
    const id = trace.record({ atMs: s.nowMs, component: fault.name, layer: "fault", from: "injected", to: "cleared", causes: [injected.get(fault.name) as number], detail: `${fault.type} cleared after ${fault.durationMs! / 60000} min` });
    if (fault.owner === "facility") facility.clearFault(fault.params as FacilityFault, id);
    else if (fault.owner === "cloud") {
      const params = fault.params as CloudFault;
      if (clearCloudEvent(behaviors.get(params.service) as ServiceBehavior, params, s.nowMs)) network.touch(params.service, id);
    } else if (fault.owner === "load") {
      (flow as AppLoadFlow).apply({ kind: "end", key: fault.name }, s.nowMs, id);
      network.touch((fault.params as LoadFault).app, id);
    } else network.hold((fault.params as ComponentFault).target, `fault:${fault.name}`, undefined, id);
  });
  faults.forEach((fault, i) => {
    if (fault.atMs !== undefined) sim.scheduleAt(strike, fault.atMs, i, PRIORITY.fault);
  });
}

function describeAction(op: OperatorSpec): string {
  if (op.description !== undefined) return op.description;
  const { action, ...rest } = op.written;
  const fields = Object.entries(rest).map(([k, v]) => `${k} ${typeof v === "object" ? JSON.stringify(v) : String(v)}`);
  return fields.length === 0 ? String(action) : `${String(action)} (${fields.join(", ")})`;
}

function scheduleOperators(scenario: Scenario, sim: Simulation, trace: TraceRecorder, layers: Layers): void {
  const { facility, network, behaviors, flow, data } = layers;
  const operators = scenario.operators;
  const triggerCauses: number[][] = operators.map(() => []);
  const act = sim.registerKind("operator", (s, arg) => {
    const op = operators[arg] as OperatorSpec;
    const id = trace.record({ atMs: s.nowMs, component: op.name, layer: "operator", from: "waiting", to: "acted", causes: triggerCauses[arg] as number[], detail: describeAction(op) });
    if (op.owner === "facility") facility.applyAction(op.action as FacilityAction, id);
    else if (op.owner === "cloud") {
      const action = op.action as CloudAction;
      if (applyCloudEvent(behaviors.get(action.service) as ServiceBehavior, action, s.nowMs)) network.touch(action.service, id);
    } else if (op.owner === "load") {
      const action = op.action as LoadAction;
      const change: LoadChange = action.action === "limit-load" ? { kind: "limit", app: action.app, fraction: action.fraction } : { kind: "capacity", service: action.service, capacityRps: action.capacityRps };
      (flow as AppLoadFlow).apply(change, s.nowMs, id);
      network.touch(action.action === "limit-load" ? action.app : action.service, id);
    } else if (op.owner === "data") data.act(op.name, op.action as DataAction, id, s.nowMs);
    else {
      const action = op.action as ComponentAction;
      if (action.action === "set-capacity") network.hold(action.target, "operator", action.capacity, id);
      else network.releaseAll(action.target, id);
    }
  });
  operators.forEach((op, i) => {
    if (op.atMs !== undefined) sim.scheduleAt(act, op.atMs + op.afterMs, i, PRIORITY.operator);
  });
  const watched = operators
    .map((op, i) => ({ op, i, sinceMs: -1, fired: false, read: op.when === undefined ? () => undefined : metricReader(op.when.metric, facility, network) }))
    .filter((w) => w.op.when !== undefined);
  if (watched.length === 0) return;
  const scrape = sim.registerKind("scrape", (s) => {
    s.charge(watched.length);
    for (const w of watched) {
      if (w.fired) continue;
      const condition = w.op.when!;
      if (condition.op === "in" || condition.value.kind !== "number") continue;
      const value = w.read();
      if (value === undefined || !compare(value, condition.op, condition.value.value)) {
        w.sinceMs = -1;
        continue;
      }
      if (w.sinceMs < 0) w.sinceMs = s.nowMs;
      if (s.nowMs - w.sinceMs >= w.op.forMs) {
        w.fired = true;
        triggerCauses[w.i] = latestTransitionOf(trace, condition.metric.split(".")[1] as string);
        s.schedule(act, w.op.afterMs, w.i, PRIORITY.operator);
      }
    }
    if (watched.some((w) => !w.fired)) s.schedule(scrape, scenario.scrapeIntervalMs, 0, PRIORITY.scrape);
  });
  sim.scheduleAt(scrape, 0, 0, PRIORITY.scrape);
}

/** The latest transition of a component (or of the components whose id starts with it), as the cause of a condition. */
function latestTransitionOf(trace: TraceRecorder, component: string): number[] {
  const all = trace.all();
  for (let i = all.length - 1; i >= 0; i--) {
    const t = all[i]!;
    if (t.component === component) return [t.id];
  }
  return [];
}
