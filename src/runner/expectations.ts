import type { Layer } from "../model/core/layer.js";
import { LocalClock } from "../model/core/local-clock.js";
import type { Transition } from "../model/core/trace.js";
import type { DataTotalField, DataTotals } from "../model/core/data-ledger.js";
import { clockRefToSimMs, type Aggregate, type CheckExpr, type ClockRef, type ComponentEvent } from "../scenario/check-language.js";
import { compare, type Condition, type ConditionValue } from "../scenario/condition.js";
import type { AppImpact, CheckVerdict, SeriesSet } from "./run.js";

/** What checks read: the impacts, the data ledger, the local clock, and (for state, order and sampled checks) the trace and the series. */
export interface CheckContext {
  readonly impacts: readonly AppImpact[];
  readonly acknowledgedLost: number;
  /** The ledger's totals per component and unit, for `data.<field>` and `data.<component>.<field>`; absent reads as no entries. */
  readonly dataTotals?: readonly DataTotals[];
  readonly clock: LocalClock;
  /** Every transition of the run; needed by `component.*`, state and order checks. */
  readonly trace?: readonly Transition[];
  /** The sampled metrics; needed by checks with `at` / `over` and by steady-state checks. */
  readonly series?: SeriesSet;
}

/**
 * A check the evaluator accepts: a parsed expression with its text, or (the form scenario.ts had before
 * the check language) a bare condition.
 */
export type EvaluableCheck = { readonly name: string; readonly severity: "critical" | "warning" } & (
  | { readonly expr: CheckExpr; readonly text: string }
  | { readonly condition: Condition }
);

/** A measured value: a number, a time (sim ms), or absent (never impacted, not recovered). */
type Measured = { kind: "number"; value: number } | { kind: "time"; atMs: number } | { kind: "absent"; why: string };

/** The layers whose components have a failure and a recovery (faults and operator steps are causes, not components). */
export const COMPONENT_LAYERS: readonly Layer[] = ["facility", "compute", "cloud", "app"];

/** When a component first left its starting state and when it was last back in it (null: never failed, or not back by the end). */
export interface ComponentTimeline {
  readonly component: string;
  readonly layer: Layer;
  readonly firstFailureAtMs: number | null;
  readonly recoveredAtMs: number | null;
  /** Ids of the transitions of the first failure and of the recovery (the trace's order breaks ties within one millisecond). */
  readonly firstFailureId: number | null;
  readonly recoveredId: number | null;
}

/**
 * A component's lines of state: some components change along two lines at once (a hall's cooling and its
 * temperature band), so each {@link Transition.aspect} is followed on its own, from its first label. A line has
 * failed when it left its first state for one the model marks not at work (a chiller that started in standby and
 * ends running has recovered).
 */
class Dimensions {
  private readonly dims: { aspect: Transition["aspect"]; nominal: string; current: string; atWork: boolean }[] = [];

  apply(t: Transition): void {
    if (t.from === t.to) return;
    const dim = this.dims.find((d) => d.aspect === t.aspect);
    if (dim === undefined) this.dims.push({ aspect: t.aspect, nominal: t.from, current: t.to, atWork: t.atWork });
    else {
      dim.current = t.to;
      dim.atWork = t.atWork;
    }
  }

  get failed(): boolean {
    return this.dims.some((d) => d.current !== d.nominal && !d.atWork);
  }
}

/** Each component's first failure and recovery, from the trace, in the order of first failure (then trace order); components that never failed are left out. */
export function componentTimelines(trace: readonly Transition[], layers: readonly Layer[] = COMPONENT_LAYERS): ComponentTimeline[] {
  const state = new Map<string, { layer: Layer; dims: Dimensions; first: number | null; recovered: number | null; recoveredId: number | null; order: number }>();
  for (const t of trace) {
    if (!layers.includes(t.layer) || t.from === t.to) continue;
    let entry = state.get(t.component);
    if (entry === undefined) {
      entry = { layer: t.layer, dims: new Dimensions(), first: null, recovered: null, recoveredId: null, order: Number.MAX_SAFE_INTEGER };
      state.set(t.component, entry);
    }
    const was = entry.dims.failed;
    entry.dims.apply(t);
    const now = entry.dims.failed;
    if (now && entry.first === null) {
      entry.first = t.atMs;
      entry.order = t.id;
    }
    if (was && !now) {
      entry.recovered = t.atMs;
      entry.recoveredId = t.id;
    }
    if (!was && now) {
      entry.recovered = null;
      entry.recoveredId = null;
    }
  }
  return [...state.entries()]
    .filter(([, e]) => e.first !== null)
    .sort((a, b) => a[1].order - b[1].order)
    .map(([component, e]) => {
      const back = !e.dims.failed;
      return { component, layer: e.layer, firstFailureAtMs: e.first, recoveredAtMs: back ? e.recovered : null, firstFailureId: e.order, recoveredId: back ? e.recoveredId : null };
    });
}

/** A component's state label at `atMs` (its latest `to` at or before then; before any change, its first `from`; "healthy" if it never changed), and whether it was away from its starting state. */
export function stateAt(trace: readonly Transition[], component: string, atMs: number): { label: string; failed: boolean } {
  const dims = new Dimensions();
  let label: string | undefined;
  let first: string | undefined;
  for (const t of trace) {
    if (t.component !== component || t.from === t.to) continue;
    first ??= t.from;
    if (t.atMs > atMs) break;
    dims.apply(t);
    label = t.to;
  }
  return { label: label ?? first ?? "healthy", failed: dims.failed };
}

function measureApp(impact: AppImpact, field: string): Measured {
  switch (field) {
    case "firstImpactAt":
      return impact.firstImpactAtMs === null ? { kind: "absent", why: "never impacted" } : { kind: "time", atMs: impact.firstImpactAtMs };
    case "recoveredAt":
      if (!impact.impacted) return { kind: "absent", why: "never impacted" };
      return impact.recoveredAtMs === null ? { kind: "absent", why: "not recovered" } : { kind: "time", atMs: impact.recoveredAtMs };
    case "outageMinutes": return { kind: "number", value: impact.outageMinutes };
    case "worstSuccessRatio": return { kind: "number", value: impact.worstSuccessRatio };
    case "userMinutesLost": return { kind: "number", value: impact.userMinutesLost };
    case "impacted": return { kind: "number", value: impact.impacted ? 1 : 0 };
    default: throw new Error(`expectations: unknown app field ${field}`);
  }
}

function measureRun(field: string, context: CheckContext): Measured {
  const impacted = context.impacts.filter((i) => i.impacted);
  switch (field) {
    case "userMinutesLost": return { kind: "number", value: context.impacts.reduce((sum, i) => sum + i.userMinutesLost, 0) };
    case "impactedApps": return { kind: "number", value: impacted.length };
    case "lastRecoveryAt": {
      if (impacted.length === 0) return { kind: "absent", why: "never impacted" };
      if (impacted.some((i) => i.recoveredAtMs === null)) return { kind: "absent", why: "not recovered" };
      return { kind: "time", atMs: Math.max(...impacted.map((i) => i.recoveredAtMs as number)) };
    }
    default: throw new Error(`expectations: unknown run field ${field}`);
  }
}

function needTrace(context: CheckContext): readonly Transition[] {
  if (context.trace === undefined) throw new Error("expectations: this check reads the trace; pass `trace` in the CheckContext");
  return context.trace;
}

function needSeries(context: CheckContext): SeriesSet {
  if (context.series === undefined) throw new Error("expectations: this check reads the series; pass `series` in the CheckContext");
  return context.series;
}

function timelineOf(component: string, context: CheckContext): ComponentTimeline | undefined {
  return componentTimelines(needTrace(context), [...COMPONENT_LAYERS]).find((t) => t.component === component);
}

function measureComponent(component: string, field: string, context: CheckContext): Measured {
  const timeline = timelineOf(component, context);
  if (timeline === undefined) return { kind: "absent", why: "never failed" };
  if (field === "firstFailureAt") return { kind: "time", atMs: timeline.firstFailureAtMs as number };
  if (field === "recoveredAt") return timeline.recoveredAtMs === null ? { kind: "absent", why: "not recovered" } : { kind: "time", atMs: timeline.recoveredAtMs };
  throw new Error(`expectations: unknown component field ${field}`);
}

function target(value: ConditionValue, clock: LocalClock): number {
  return value.kind === "number" ? value.value : clockRefToSimMs(value, clock.startOfDayMs, (m) => clock.simMsOfClock(m));
}

function holds(measured: Measured, condition: Condition, clock: LocalClock): boolean {
  if (measured.kind === "absent") return false;
  const left = measured.kind === "number" ? measured.value : measured.atMs;
  return holdsNumber(left, condition, clock);
}

function holdsNumber(left: number, condition: Condition, clock: LocalClock): boolean {
  if (condition.op === "in") return left >= target(condition.low, clock) && left <= target(condition.high, clock);
  return compare(left, condition.op, target(condition.value, clock));
}

function show(measured: Measured, clock: LocalClock): string {
  if (measured.kind === "absent") return measured.why;
  if (measured.kind === "time") return clock.format(measured.atMs);
  return String(measured.value);
}

/** Simulated ms of a clock time written in a check. */
export function clockRefMs(ref: ClockRef, clock: LocalClock): number {
  return clockRefToSimMs(ref, clock.startOfDayMs, (m) => clock.simMsOfClock(m));
}

/** Whether a series metric name matches a pattern in which `*` stands for one dotted segment. */
export function metricMatches(pattern: string, name: string): boolean {
  const p = pattern.split(".");
  const n = name.split(".");
  return p.length === n.length && p.every((part, i) => part === "*" || part === n[i]);
}

/** The sample indexes in [fromMs, toMs] (toMs exclusive when `openEnd`). */
function sampleRange(series: SeriesSet, fromMs: number, toMs: number, openEnd: boolean): number[] {
  const out: number[] = [];
  const first = Math.max(0, Math.ceil(fromMs / series.intervalMs));
  for (let i = first; i < series.points; i++) {
    const at = i * series.intervalMs;
    if (at > toMs || (openEnd && at === toMs)) break;
    out.push(i);
  }
  return out;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Evaluates a comparison on sampled metrics at the given sample indexes: every sample must hold, or the folded value must. */
export function evaluateSampled(pattern: string, condition: Condition, aggregate: Aggregate, indexes: readonly number[], series: SeriesSet, clock: LocalClock): { passed: boolean; actual: string } {
  const metrics = series.metrics.filter((m) => metricMatches(pattern, m.name));
  if (metrics.length === 0) return { passed: false, actual: `no samples of ${pattern}` };
  const wildcard = pattern.includes("*");
  const failures: string[] = [];
  const shown: string[] = [];
  for (const metric of metrics) {
    const points = indexes.map((i) => ({ i, v: metric.values[i] as number })).filter((p) => Number.isFinite(p.v));
    const label = wildcard ? `${metric.name.split(".")[1]}: ` : "";
    if (points.length === 0) {
      failures.push(`${label}no samples in the window`);
      continue;
    }
    if (aggregate === "every") {
      const broken = points.filter((p) => !holdsNumber(p.v, condition, clock));
      if (broken.length > 0) {
        const at = broken[0] as { i: number; v: number };
        failures.push(`${label}${at.v} at ${clock.format(at.i * series.intervalMs)}${broken.length > 1 ? ` (${broken.length} of ${points.length} samples broke it)` : ""}`);
      } else if (!wildcard) shown.push(points.length === 1 ? String(points[0]!.v) : `held at all ${points.length} samples`);
      continue;
    }
    const values = points.map((p) => p.v);
    const folded = round4(aggregate === "mean" ? values.reduce((s, v) => s + v, 0) / values.length : aggregate === "min" ? Math.min(...values) : Math.max(...values));
    if (!holdsNumber(folded, condition, clock)) failures.push(`${label}${aggregate} ${folded}`);
    else if (!wildcard) shown.push(`${aggregate} ${folded}`);
  }
  if (failures.length > 0) return { passed: false, actual: failures.join("; ") };
  return { passed: true, actual: wildcard ? `all ${metrics.length} hold` : shown.join("; ") };
}

function evaluateOrder(expr: Extract<CheckExpr, { kind: "order" }>, context: CheckContext): { passed: boolean; actual: string } {
  const timelines = componentTimelines(needTrace(context));
  const when = (component: string, event: ComponentEvent): { id: number | null; words: string } => {
    const t = timelines.find((x) => x.component === component);
    if (t === undefined) return { id: null, words: `${component} never failed` };
    const atMs = event === "fails" ? t.firstFailureAtMs : t.recoveredAtMs;
    const id = event === "fails" ? t.firstFailureId : t.recoveredId;
    return atMs === null ? { id: null, words: `${component} did not recover` } : { id, words: `${component} ${event} ${context.clock.formatSeconds(atMs)}` };
  };
  const a = when(expr.first.component, expr.first.event);
  const b = when(expr.second.component, expr.second.event);
  const actual = `${a.words}, ${b.words}`;
  if (a.id === null || b.id === null) return { passed: false, actual };
  // Transition ids follow time and, within one millisecond, cause before effect.
  return { passed: expr.relation === "after" ? a.id > b.id : a.id < b.id, actual };
}

function evaluateState(expr: Extract<CheckExpr, { kind: "state" }>, context: CheckContext): { passed: boolean; actual: string } {
  const state = stateAt(needTrace(context), expr.component, clockRefMs(expr.at, context.clock));
  const matches = (label: string): boolean => (label === "failed" ? state.failed : label === "nominal" ? !state.failed : state.label === label);
  const any = expr.labels.some(matches);
  return { passed: expr.op === "!=" ? !any : any, actual: state.label };
}

/** A count of the data ledger: one component's (all its units), or every component's; 0 when nothing was recorded. */
function measureData(component: string | undefined, field: DataTotalField, context: CheckContext): number {
  let sum = 0;
  for (const t of context.dataTotals ?? []) if (component === undefined || t.component === component) sum += t[field];
  return sum;
}

function evaluateValue(condition: Condition, context: CheckContext): { passed: boolean; actual: string } {
  const { metric } = condition;
  const parts = metric.split(".");
  const one = (measured: Measured): { passed: boolean; actual: string } => ({ passed: holds(measured, condition, context.clock), actual: show(measured, context.clock) });
  if (metric === "data.acknowledgedLost") return one({ kind: "number", value: context.acknowledgedLost });
  if (parts[0] === "data") return one({ kind: "number", value: measureData(parts.length === 3 ? (parts[1] as string) : undefined, parts[parts.length - 1] as DataTotalField, context) });
  if (parts[0] === "run") return one(measureRun(parts[1] as string, context));
  if (parts[0] === "component") return one(measureComponent(parts[1] as string, parts[2] as string, context));
  const id = parts[1] as string;
  const field = parts[2] as string;
  const impacts = id === "*" ? context.impacts : context.impacts.filter((i) => i.app === id);
  let passed = true;
  const actuals: string[] = [];
  for (const impact of impacts) {
    const measured = measureApp(impact, field);
    const ok = holds(measured, condition, context.clock);
    passed &&= ok;
    if (id !== "*") actuals.push(show(measured, context.clock));
    else if (!ok) actuals.push(`${impact.app}: ${show(measured, context.clock)}`);
  }
  if (id === "*" && actuals.length === 0) actuals.push("all apps hold");
  return { passed, actual: actuals.join("; ") };
}

function evaluateExpr(expr: CheckExpr, context: CheckContext): { passed: boolean; actual: string } {
  switch (expr.kind) {
    case "order": return evaluateOrder(expr, context);
    case "state": return evaluateState(expr, context);
    case "compare": {
      const q = expr.qualifier;
      if (q === undefined) return evaluateValue(expr.condition, context);
      const series = needSeries(context);
      const indexes = q.kind === "at"
        ? [Math.floor(clockRefMs(q.at, context.clock) / series.intervalMs)].filter((i) => i < series.points)
        : sampleRange(series, clockRefMs(q.from, context.clock), clockRefMs(q.to, context.clock), false);
      return evaluateSampled(expr.condition.metric, expr.condition, expr.aggregate, indexes, series, context.clock);
    }
  }
}

function exprOf(check: EvaluableCheck): { expr: CheckExpr; text: string } {
  if ("expr" in check) return { expr: check.expr, text: check.text };
  return { expr: { kind: "compare", condition: check.condition, aggregate: "every", qualifier: undefined, text: check.condition.text }, text: check.condition.text };
}

/** Evaluates every check against a finished run; `app.*` and other wildcard checks must hold for every match. */
export function evaluateChecks(checks: readonly EvaluableCheck[], context: CheckContext): CheckVerdict[] {
  return checks.map((check) => {
    const { expr, text } = exprOf(check);
    const { passed, actual } = evaluateExpr(expr, context);
    return { name: check.name, check: text, severity: check.severity, passed, actual };
  });
}

/** Evaluates steady-state checks (plain comparisons of sampled metrics) at every sample in [0, beforeMs). */
export function evaluateSteadyChecks(checks: readonly EvaluableCheck[], series: SeriesSet, beforeMs: number, clock: LocalClock): CheckVerdict[] {
  const indexes = sampleRange(series, 0, beforeMs, true);
  return checks.map((check) => {
    const { expr, text } = exprOf(check);
    if (expr.kind !== "compare") throw new Error(`expectations: steady-state check ${check.name} is not a comparison`);
    const { passed, actual } = evaluateSampled(expr.condition.metric, expr.condition, "every", indexes, series, clock);
    return { name: check.name, check: text, severity: check.severity, passed, actual };
  });
}
