import { LocalClock } from "../model/core/local-clock.js";
import type { Baseline, BaselineApp, BaselineComponent } from "./baseline.js";

/** How much worse a run may get before it counts as a regression: times (ms) and success ratios. */
export interface Tolerance {
  /** Outage minutes, impact, failure and recovery times may worsen by this much (ms) and still pass. */
  readonly timeMs: number;
  /** A worst success ratio may drop by this much and still pass. */
  readonly ratio: number;
}

/** No tolerance: any worsening is a regression (the default, since runs are deterministic). */
export const NO_TOLERANCE: Tolerance = { timeMs: 0, ratio: 0 };

/** How a difference is judged: worse beyond tolerance, worse within it, better, or only different. */
export type DiffStatus = "regression" | "within-tolerance" | "better" | "changed";

/** One difference between a baseline and a new run, as a sentence a person can read. */
export interface DiffItem {
  readonly status: DiffStatus;
  /** What the difference is about: an app, a component, `data`, a check, or `run`. */
  readonly subject: string;
  readonly text: string;
}

/** The semantic diff of a run against its baseline. */
export interface BaselineDiff {
  readonly items: readonly DiffItem[];
  readonly regressions: number;
  readonly improvements: number;
  readonly withinTolerance: number;
}

const EPSILON = 1e-9;
const MS_PER_MINUTE = 60_000;

function minutes(ms: number): string {
  const m = Math.abs(ms) / MS_PER_MINUTE;
  if (m > 0 && m < 1) return `${Math.round(Math.abs(ms) / 1000)} s`;
  return `${Math.round(m * 10) / 10} min`;
}

function signedMinutes(ms: number): string {
  return `${ms >= 0 ? "+" : "−"}${minutes(ms)}`;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Judges a worsening of `amount` (> 0) against its tolerance. */
function worse(amount: number, tolerance: number): DiffStatus {
  return amount > tolerance + EPSILON ? "regression" : "within-tolerance";
}

function tag(status: DiffStatus): string {
  return status === "regression" ? "worse" : status === "within-tolerance" ? "worse, within tolerance" : status === "better" ? "better" : "changed";
}

class DiffBuilder {
  readonly items: DiffItem[] = [];

  constructor(readonly clock: LocalClock, readonly tolerance: Tolerance) {}

  add(status: DiffStatus, subject: string, text: string): void {
    this.items.push({ status, subject, text: `${text} (${tag(status)})` });
  }

  at(ms: number): string {
    return this.clock.format(ms);
  }

  /** A time where later is worse (recovery), or earlier is worse (first impact, first failure). */
  time(subject: string, what: string, before: number, after: number, laterIsWorse: boolean): void {
    if (before === after) return;
    const later = after > before;
    const delta = after - before;
    const words = laterIsWorse ? signedMinutes(delta) : `${minutes(delta)} ${later ? "later" : "earlier"}`;
    const text = `${subject}: ${what} ${this.at(before)} → ${this.at(after)} (${words}`;
    if (later === laterIsWorse) this.push(worse(Math.abs(delta), this.tolerance.timeMs), subject, text);
    else this.push("better", subject, text);
  }

  /** Adds an item whose text already has an open parenthesis for the judgement. */
  push(status: DiffStatus, subject: string, open: string): void {
    this.items.push({ status, subject, text: `${open}, ${tag(status)})` });
  }
}

function describeImpact(app: BaselineApp, b: DiffBuilder): string {
  const until = app.recoveredAtMs === null ? "not recovered by the end" : `until ${b.at(app.recoveredAtMs)}`;
  const from = app.firstImpactAtMs === null ? "" : ` from ${b.at(app.firstImpactAtMs)} ${until}`;
  return `outage ${app.outageMinutes} min${from}, "${app.symptom}"`;
}

function diffApp(before: BaselineApp, after: BaselineApp, b: DiffBuilder): void {
  const id = after.app;
  if (!before.impacted && !after.impacted) return;
  if (!before.impacted) {
    b.add("regression", id, `${id}: now impacted: ${describeImpact(after, b)}`);
    return;
  }
  if (!after.impacted) {
    b.add("better", id, `${id}: no longer impacted`);
    return;
  }
  const outageDelta = (after.outageMinutes - before.outageMinutes) * MS_PER_MINUTE;
  if (Math.abs(outageDelta) > EPSILON) {
    const text = `${id}: outage ${before.outageMinutes} → ${after.outageMinutes} min (${signedMinutes(outageDelta)}`;
    b.push(outageDelta > 0 ? worse(outageDelta, b.tolerance.timeMs) : "better", id, text);
  }
  if (before.firstImpactAtMs !== null && after.firstImpactAtMs !== null) b.time(id, "impacted from", before.firstImpactAtMs, after.firstImpactAtMs, false);
  if (before.recoveredAtMs !== null && after.recoveredAtMs === null) b.add("regression", id, `${id}: no longer recovers by the end of the run (was ${b.at(before.recoveredAtMs)})`);
  else if (before.recoveredAtMs === null && after.recoveredAtMs !== null) b.add("better", id, `${id}: now recovers at ${b.at(after.recoveredAtMs)} (was not recovered)`);
  else if (before.recoveredAtMs !== null && after.recoveredAtMs !== null) b.time(id, "recovered", before.recoveredAtMs, after.recoveredAtMs, true);
  const ratioDelta = round(after.worstSuccessRatio - before.worstSuccessRatio, 4);
  if (ratioDelta !== 0) {
    const text = `${id}: worst success ratio ${before.worstSuccessRatio} → ${after.worstSuccessRatio} (${ratioDelta > 0 ? "+" : "−"}${Math.abs(ratioDelta)}`;
    b.push(ratioDelta < 0 ? worse(-ratioDelta, b.tolerance.ratio) : "better", id, text);
  }
  if (before.symptom !== after.symptom) b.add("changed", id, `${id}: users now see "${after.symptom}" (was "${before.symptom}")`);
  const userDelta = after.userMinutesLost - before.userMinutesLost;
  if (userDelta !== 0) {
    // User-minutes follow from outage times and success ratios, which carry the tolerances; they are reported, never judged alone.
    const pct = before.userMinutesLost === 0 ? "" : `, ${userDelta > 0 ? "+" : "−"}${Math.abs(round((userDelta / before.userMinutesLost) * 100, 1))}%`;
    b.items.push({ status: "changed", subject: id, text: `${id}: user-minutes lost ${before.userMinutesLost} → ${after.userMinutesLost} (${userDelta > 0 ? "more" : "fewer"}${pct})` });
  }
}

function describeComponent(c: BaselineComponent, b: DiffBuilder): string {
  return `${c.component} fails at ${b.at(c.firstFailureAtMs)} and ${c.recoveredAtMs === null ? "does not recover by the end" : `recovers at ${b.at(c.recoveredAtMs)}`}`;
}

function diffComponent(before: BaselineComponent | undefined, after: BaselineComponent | undefined, b: DiffBuilder): void {
  if (before === undefined && after !== undefined) {
    b.add("regression", after.component, `new: ${describeComponent(after, b)}`);
    return;
  }
  if (after === undefined && before !== undefined) {
    b.add("better", before.component, `${before.component}: no longer fails (was ${b.at(before.firstFailureAtMs)})`);
    return;
  }
  if (before === undefined || after === undefined) return;
  const id = after.component;
  b.time(id, "fails", before.firstFailureAtMs, after.firstFailureAtMs, false);
  if (before.recoveredAtMs !== null && after.recoveredAtMs === null) b.add("regression", id, `${id}: no longer recovers by the end of the run (was ${b.at(before.recoveredAtMs)})`);
  else if (before.recoveredAtMs === null && after.recoveredAtMs !== null) b.add("better", id, `${id}: now recovers at ${b.at(after.recoveredAtMs)} (was not recovered)`);
  else if (before.recoveredAtMs !== null && after.recoveredAtMs !== null) b.time(id, "recovers", before.recoveredAtMs, after.recoveredAtMs, true);
}

/**
 * Compares a new run's signature with its baseline: every app, component, the data ledger and the
 * verdicts; a worsening beyond the tolerance is a regression. Pure; items come in a stable order.
 */
export function diffBaselines(before: Baseline, after: Baseline, tolerance: Tolerance = NO_TOLERANCE): BaselineDiff {
  const b = new DiffBuilder(new LocalClock(after.start), tolerance);
  if (before.seed !== after.seed) b.items.push({ status: "changed", subject: "run", text: `seed ${before.seed} → ${after.seed}: the run is not comparable draw for draw` });
  if (before.horizonMs !== after.horizonMs) b.items.push({ status: "changed", subject: "run", text: `horizon ${minutes(before.horizonMs)} → ${minutes(after.horizonMs)}` });
  if (before.start !== after.start) b.items.push({ status: "changed", subject: "run", text: `start ${before.start} → ${after.start}` });

  const beforeApps = new Map(before.apps.map((a) => [a.app, a]));
  const afterApps = new Set(after.apps.map((a) => a.app));
  for (const app of after.apps) {
    const old = beforeApps.get(app.app);
    if (old === undefined) b.items.push({ status: "changed", subject: app.app, text: `${app.app}: new app, not in the baseline${app.impacted ? `; ${describeImpact(app, b)}` : ""}` });
    else diffApp(old, app, b);
  }
  for (const app of before.apps) if (!afterApps.has(app.app)) b.items.push({ status: "changed", subject: app.app, text: `${app.app}: no longer in the scenario` });

  const beforeComponents = new Map(before.components.map((c) => [c.component, c]));
  const afterComponents = new Map(after.components.map((c) => [c.component, c]));
  // Apps are compared above by their impact; the component list adds what happened beneath them.
  for (const c of after.components) if (c.layer !== "app") diffComponent(beforeComponents.get(c.component), c, b);
  for (const c of before.components) if (c.layer !== "app" && !afterComponents.has(c.component)) diffComponent(c, undefined, b);

  const lostDelta = after.data.acknowledgedLost - before.data.acknowledgedLost;
  if (lostDelta > 0) b.add("regression", "data", `data: acknowledged writes lost ${before.data.acknowledgedLost} → ${after.data.acknowledgedLost}`);
  else if (lostDelta < 0) b.add("better", "data", `data: acknowledged writes lost ${before.data.acknowledgedLost} → ${after.data.acknowledgedLost}`);

  const beforeVerdicts = new Map(before.verdicts.map((v) => [v.name, v]));
  const afterVerdicts = new Set(after.verdicts.map((v) => v.name));
  for (const v of after.verdicts) {
    const old = beforeVerdicts.get(v.name);
    const subject = `check ${v.name}`;
    if (old === undefined) b.items.push({ status: "changed", subject, text: `check ${v.name}: new, ${v.passed ? "passes" : "fails"} (got ${v.actual})` });
    else if (old.passed && !v.passed && v.severity === "critical") b.add("regression", subject, `check ${v.name}: now fails, got ${v.actual} (was ${old.actual})`);
    else if (old.passed && !v.passed) b.items.push({ status: "changed", subject, text: `check ${v.name}: now fails, got ${v.actual} (was ${old.actual}) (worse, a warning)` });
    else if (!old.passed && v.passed) b.add("better", subject, `check ${v.name}: now passes, got ${v.actual} (was ${old.actual})`);
  }
  for (const v of before.verdicts) if (!afterVerdicts.has(v.name)) b.items.push({ status: "changed", subject: `check ${v.name}`, text: `check ${v.name}: no longer in the scenario` });

  const count = (status: DiffStatus): number => b.items.filter((i) => i.status === status).length;
  return { items: b.items, regressions: count("regression"), improvements: count("better"), withinTolerance: count("within-tolerance") };
}

/** The diff as lines a person can read: one per difference, a status column first, then a summary line. */
export function renderBaselineDiff(diff: BaselineDiff): string {
  const label: Record<DiffStatus, string> = { regression: "REGRESSION", "within-tolerance": "within tol", better: "better", changed: "changed" };
  const lines = diff.items.map((i) => `  ${label[i.status].padEnd(10)}  ${i.text}\n`);
  if (diff.items.length === 0) lines.push("  no difference from the baseline\n");
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  lines.push(`${plural(diff.regressions, "regression")} beyond tolerance, ${plural(diff.improvements, "improvement")}, ${diff.withinTolerance} within tolerance, ${plural(diff.items.length, "difference")} in all\n`);
  return lines.join("");
}
