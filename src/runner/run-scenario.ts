import { LocalClock } from "../model/core/local-clock.js";
import type { Applied } from "../model/core/port.js";
import type { TraceRecorder } from "../model/core/trace.js";
import { compare } from "../scenario/condition.js";
import type { FaultSpec, OperatorSpec, Scenario } from "../scenario/scenario.js";
import { evaluateChecks } from "./expectations.js";
import { explainImpacts } from "./explain.js";
import { summarizeImpact } from "./impacts.js";
import { describeComponents } from "./components.js";
import { metricReader, seriesMetrics, seriesReaders } from "./metric-readers.js";
import type { Run } from "./run.js";
import { SeriesRecorder } from "./series.js";
import { buildWorld, type Ports, type World } from "./world.js";
import { DEFAULT_LIMITS, LimitReached } from "../scenario/limits.js";
import { seriesLimitMessage } from "../scenario/rules-limits.js";
import { conservationViolations, InvariantBroken } from "./invariants.js";

/** Overrides given on the command line. */
export interface RunOptions {
  readonly seed?: number;
  readonly horizonMs?: number;
  /** Check the model's conservation laws after every event; throws {@link InvariantBroken} at the first broken. */
  readonly checkInvariants?: boolean;
}

/** Event priorities within one millisecond: faults, then operators, then physics, then propagation (10), then observation. */
const PRIORITY = { fault: 1, operator: 2, scrape: 20, sample: 30 } as const;

/** Builds the world of a scenario, plays it to its horizon and returns the finished {@link Run}; pure in (scenario, options). */
export function runScenario(scenario: Scenario, options: RunOptions = {}): Run {
  const seed = options.seed ?? scenario.seed;
  const horizonMs = options.horizonMs ?? scenario.horizonMs;
  const limits = scenario.limits ?? DEFAULT_LIMITS;
  const world = buildWorld(scenario, seed);
  const { sim, trace, ledger, facility, network: net, flow, data } = world;
  scheduleFaults(scenario.faults, world);
  scheduleOperators(scenario, world);
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
    components: describeComponents(scenario, world.facilityConfig),
  };
}

function describeFault(fault: FaultSpec): string {
  if (fault.description !== undefined) return fault.description;
  const { type: _type, at: _at, startAfter: _s, after: _a, duration: _d, description: _desc, ...rest } = fault.written;
  const fields = Object.entries(rest).map(([k, v]) => `${k} ${typeof v === "object" ? JSON.stringify(v) : String(v)}`);
  return fields.length === 0 ? fault.type : `${fault.type} (${fields.join(", ")})`;
}

/** Carries out a fault through the port of the layer that owns it (the compiler checks every owner is handled). */
function applyFault(ports: Ports, fault: FaultSpec, cause: number): Applied {
  switch (fault.owner) {
    case "facility": return ports.facility.applyFault(fault.params, cause, fault.name);
    case "cloud": return ports.cloud.applyFault(fault.params, cause, fault.name);
    case "load": return ports.load.applyFault(fault.params, cause, fault.name);
    case "data": return ports.data.applyFault(fault.params, cause, fault.name);
    case "component": return ports.component.applyFault(fault.params, cause, fault.name);
  }
}

/** Carries out an operator action through the port of the layer that owns it. */
function applyAction(ports: Ports, op: OperatorSpec, cause: number): void {
  switch (op.owner) {
    case "facility": return ports.facility.applyAction(op.action, cause, op.name);
    case "cloud": return ports.cloud.applyAction(op.action, cause, op.name);
    case "load": return ports.load.applyAction(op.action, cause, op.name);
    case "data": return ports.data.applyAction(op.action, cause, op.name);
    case "component": return ports.component.applyAction(op.action, cause, op.name);
  }
}

function scheduleFaults(faults: readonly FaultSpec[], world: World): void {
  const { sim, trace, ports } = world;
  const injected = new Map<string, number>();
  const applied: (Applied | undefined)[] = faults.map(() => undefined);
  const strike = sim.registerKind("fault", (s, arg) => {
    const fault = faults[arg] as FaultSpec;
    const causes = fault.startAfter.map((name) => injected.get(name) as number);
    const id = trace.record({ atMs: s.nowMs, component: fault.name, layer: "fault", from: "pending", to: "injected", aspect: "lifecycle", atWork: false, causes, detail: describeFault(fault) });
    injected.set(fault.name, id);
    applied[arg] = applyFault(ports, fault, id);
    if (fault.durationMs !== undefined) s.schedule(clear, fault.durationMs, arg, PRIORITY.fault);
    faults.forEach((other, i) => {
      if (other.startAfter.includes(fault.name) && other.startAfter.every((n) => injected.has(n))) s.schedule(strike, other.afterMs, i, PRIORITY.fault);
    });
  });
  const clear = sim.registerKind("fault-clear", (s, arg) => {
    const fault = faults[arg] as FaultSpec;
    const done = applied[arg] as Applied;
    const injection = injected.get(fault.name) as number;
    if (done.recordsClearing === true) return done.undo(injection);
    const id = trace.record({ atMs: s.nowMs, component: fault.name, layer: "fault", from: "injected", to: "cleared", aspect: "lifecycle", atWork: true, causes: [injection], detail: `${fault.type} cleared after ${fault.durationMs! / 60000} min` });
    done.undo(id);
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

function scheduleOperators(scenario: Scenario, world: World): void {
  const { sim, trace, ports, facility, network } = world;
  const operators = scenario.operators;
  const triggerCauses: number[][] = operators.map(() => []);
  const act = sim.registerKind("operator", (s, arg) => {
    const op = operators[arg] as OperatorSpec;
    const id = trace.record({ atMs: s.nowMs, component: op.name, layer: "operator", from: "waiting", to: "acted", aspect: "lifecycle", atWork: true, causes: triggerCauses[arg] as number[], detail: describeAction(op) });
    applyAction(ports, op, id);
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
