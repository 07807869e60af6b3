/**
 * Monte Carlo sweeps, the pure part: which seed each run uses, the small record kept of each run,
 * and the summary (quantiles, probabilities, pass rates, worst runs) computed from those records.
 *
 * Determinism: a sweep's summary is a pure function of its plan and the set of its records; the
 * records are put in job order before anything is computed, so worker counts, completion order and
 * shard splits cannot change a byte of any report.
 */
import type { Run } from "./run.js";

/** The version of the shard file format and of the sweep JSON report. */
export const SWEEP_FORMAT_VERSION = 1;

/** How many of the worst runs each cell lists with a replay command. */
export const WORST_RUNS = 5;

/**
 * The seed of run `index` of a sweep with base seed `base`: `base + index`. Run i of a sweep replays
 * alone with `outage-sim run X.yaml --seed <base + i>`; every cell of a sweep, and both sides of a
 * comparison, use the same seeds (common random numbers).
 */
export function deriveSeed(base: number, index: number): number {
  return base + index;
}

/** Whether `runs` seeds from `base` stay exact integers. */
export function seedsFit(base: number, runs: number): boolean {
  return Number.isSafeInteger(base) && base >= 0 && Number.isSafeInteger(runs) && runs >= 1 && runs - 1 <= Number.MAX_SAFE_INTEGER - base;
}

/** An app as the plan of a cell lists it. */
export interface PlanApp {
  readonly id: string;
  readonly title: string;
}

/** An expectation check as the plan of a cell lists it. */
export interface PlanCheck {
  readonly name: string;
  readonly severity: "critical" | "warning";
}

/** One cell of a sweep: a combination of axis values, and what its scenario contains. */
export interface SweepCell {
  /** The `path=value` overrides of this cell, in axis order ([] without axes). */
  readonly overrides: readonly string[];
  readonly apps: readonly PlanApp[];
  readonly checks: readonly PlanCheck[];
}

/** Everything about a sweep that is not a run record: enough to replay any run and to render any report. */
export interface SweepPlan {
  /** The scenario as the user named it (used in replay commands), its name, title and start (the anchor of the local clock). */
  readonly scenario: { readonly path: string; readonly name: string; readonly title: string; readonly start: string };
  readonly baseSeed: number;
  /** Runs per cell. */
  readonly runs: number;
  /** A --horizon given on the command line (as typed, and in ms), or null for the scenario's. */
  readonly horizon: { readonly text: string; readonly ms: number } | null;
  /** The axes, each with the `path=value` texts of its values. */
  readonly axes: readonly { readonly path: string; readonly values: readonly string[] }[];
  /** The cartesian product of the axes, first axis slowest; one cell when there are no axes. */
  readonly cells: readonly SweepCell[];
}

/** What one run of a sweep leaves behind; app columns follow the cell's app order. */
export interface RunRecord {
  /** Position in the whole sweep: cell × runs + run. */
  readonly job: number;
  readonly cell: number;
  readonly run: number;
  readonly seed: number;
  readonly impacted: readonly boolean[];
  readonly outageMinutes: readonly number[];
  /** When each app was back (sim ms after start); null when never impacted or not recovered by the end. */
  readonly recoveredAtMs: readonly (number | null)[];
  readonly userMinutesLost: readonly number[];
  readonly dataLost: number;
  /** Whether each check passed, in the cell's check order. */
  readonly checks: readonly boolean[];
  /** Why the run stopped ("drained", "horizon", "event-budget"). */
  readonly stop: string;
  /** How many apps were still impacted at the end. */
  readonly unsettled: number;
}

/** Total number of runs of a plan. */
export function totalJobs(plan: SweepPlan): number {
  return plan.cells.length * plan.runs;
}

/** The cell, run index and seed of job `job`. */
export function jobOf(plan: SweepPlan, job: number): { cell: number; run: number; seed: number } {
  const cell = Math.floor(job / plan.runs);
  const run = job % plan.runs;
  return { cell, run, seed: deriveSeed(plan.baseSeed, run) };
}

/** The jobs of shard `index` (1-based) of `count`: a contiguous range [from, to) of the sweep's jobs. */
export function shardRange(total: number, index: number, count: number): { from: number; to: number } {
  return { from: Math.floor(((index - 1) * total) / count), to: Math.floor((index * total) / count) };
}

/** The record of one finished run, with its columns in the order of the cell's apps and checks. */
export function recordRun(run: Run, cell: SweepCell, at: { job: number; cell: number; run: number }): RunRecord {
  const byApp = new Map(run.impacts.map((i) => [i.app, i]));
  const byCheck = new Map(run.verdicts.map((v) => [v.name, v]));
  const impacts = cell.apps.map((a) => byApp.get(a.id));
  return {
    job: at.job,
    cell: at.cell,
    run: at.run,
    seed: run.seed,
    impacted: impacts.map((i) => i?.impacted ?? false),
    outageMinutes: impacts.map((i) => i?.outageMinutes ?? 0),
    recoveredAtMs: impacts.map((i) => (i !== undefined && i.impacted && i.recovered ? i.recoveredAtMs : null)),
    userMinutesLost: impacts.map((i) => i?.userMinutesLost ?? 0),
    dataLost: run.data.acknowledgedLost,
    checks: cell.checks.map((c) => byCheck.get(c.name)?.passed ?? false),
    stop: run.stop.reason,
    unsettled: run.unsettled.length,
  };
}

/** Sorts records by job and checks they are exactly jobs 0..total-1; returns a sentence when they are not. */
export function orderRecords(plan: SweepPlan, records: readonly RunRecord[]): RunRecord[] | string {
  const sorted = [...records].sort((a, b) => a.job - b.job);
  const total = totalJobs(plan);
  if (sorted.length !== total) return `${sorted.length} run records for a sweep of ${total} runs`;
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i] as RunRecord;
    if (r.job !== i) return r.job < i ? `run ${r.job} appears twice` : `run ${i} is missing`;
    const expected = jobOf(plan, i);
    if (r.cell !== expected.cell || r.run !== expected.run || r.seed !== expected.seed) return `run ${i} has cell ${r.cell}, run ${r.run}, seed ${r.seed}; expected cell ${expected.cell}, run ${expected.run}, seed ${expected.seed}`;
  }
  return sorted;
}

/** Quantiles and extremes of a list of values (infinite values count as the largest). */
export interface Distribution {
  readonly n: number;
  readonly min: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  /** Mean of the values (Infinity when one is infinite; NaN when there are none). */
  readonly mean: number;
}

/**
 * The nearest-rank quantile of sorted values: the smallest value with at least `percent`% of the values
 * at or below it, i.e. sorted[ceil(percent × n / 100) − 1] (and the minimum for 0). Always a value of the data.
 */
export function nearestRank(sorted: readonly number[], percent: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((percent * sorted.length) / 100));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/** The distribution of values (any order); sums run in the given order, so callers pass job order. */
export function distributionOf(values: readonly number[]): Distribution {
  let sum = 0;
  for (const v of values) sum += v;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: values.length,
    min: nearestRank(sorted, 0),
    p25: nearestRank(sorted, 25),
    p50: nearestRank(sorted, 50),
    p75: nearestRank(sorted, 75),
    p90: nearestRank(sorted, 90),
    p99: nearestRank(sorted, 99),
    max: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] as number),
    mean: values.length === 0 ? Number.NaN : sum / values.length,
  };
}

/** The summary of one app over the runs of a cell. */
export interface AppSummary {
  readonly app: string;
  readonly title: string;
  /** Fraction of runs in which the app was impacted at all. */
  readonly impactProbability: number;
  readonly outageMinutes: Distribution;
  /** Recovery time (sim ms after start) over the runs that impacted the app; Infinity for a run that did not recover. */
  readonly recoveredAtMs: Distribution;
  readonly notRecovered: number;
  readonly userMinutesLost: Distribution;
}

/** A check's pass rate over the runs of a cell. */
export interface CheckSummary {
  readonly name: string;
  readonly severity: "critical" | "warning";
  readonly passed: number;
  readonly passRate: number;
}

/** One of the worst runs of a cell, with the command that replays it. */
export interface WorstRun {
  readonly run: number;
  readonly seed: number;
  readonly userMinutesLost: number;
  readonly outageMinutes: number;
  readonly failedChecks: readonly string[];
  readonly command: string;
}

/** The summary of one cell. */
export interface CellSummary {
  readonly overrides: readonly string[];
  readonly runs: number;
  readonly apps: readonly AppSummary[];
  readonly dataLost: Distribution;
  readonly dataLossProbability: number;
  readonly checks: readonly CheckSummary[];
  /** Runs that hit a limit: the event budget, or apps still impacted at the horizon. */
  readonly limitRuns: number;
  readonly worst: readonly WorstRun[];
}

/** The summary of a sweep: what every report renders. */
export interface SweepSummary {
  readonly plan: SweepPlan;
  readonly cells: readonly CellSummary[];
}

/** Quotes a word for a POSIX shell when it needs it. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command that replays run `seed` of a cell exactly. */
export function replayCommand(plan: SweepPlan, cell: SweepCell, seed: number): string {
  const words = ["outage-sim", "run", shellWord(plan.scenario.path), "--seed", String(seed)];
  if (plan.horizon !== null) words.push("--horizon", shellWord(plan.horizon.text));
  for (const o of cell.overrides) words.push("--set", shellWord(o));
  return words.join(" ");
}

function sumOf(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}

/** Summarizes the records of a sweep; throws when they are not exactly the plan's runs (callers check with {@link orderRecords}). */
export function summarizeSweep(plan: SweepPlan, records: readonly RunRecord[]): SweepSummary {
  const ordered = orderRecords(plan, records);
  if (typeof ordered === "string") throw new Error(`summarizeSweep: ${ordered}`);
  const cells = plan.cells.map((cell, c) => summarizeCell(plan, cell, ordered.slice(c * plan.runs, (c + 1) * plan.runs)));
  return { plan, cells };
}

function summarizeCell(plan: SweepPlan, cell: SweepCell, records: readonly RunRecord[]): CellSummary {
  const n = records.length;
  const apps = cell.apps.map((app, a): AppSummary => {
    const impacted = records.filter((r) => r.impacted[a] === true);
    return {
      app: app.id,
      title: app.title,
      impactProbability: n === 0 ? 0 : impacted.length / n,
      outageMinutes: distributionOf(records.map((r) => r.outageMinutes[a] as number)),
      recoveredAtMs: distributionOf(impacted.map((r) => r.recoveredAtMs[a] ?? Number.POSITIVE_INFINITY)),
      notRecovered: impacted.filter((r) => r.recoveredAtMs[a] === null).length,
      userMinutesLost: distributionOf(records.map((r) => r.userMinutesLost[a] as number)),
    };
  });
  const checks = cell.checks.map((check, k): CheckSummary => {
    const passed = records.filter((r) => r.checks[k] === true).length;
    return { name: check.name, severity: check.severity, passed, passRate: n === 0 ? 0 : passed / n };
  });
  const ranked = records
    .map((r) => ({ r, lost: sumOf(r.userMinutesLost), outage: sumOf(r.outageMinutes) }))
    .sort((x, y) => y.lost - x.lost || y.outage - x.outage || x.r.run - y.r.run)
    .slice(0, WORST_RUNS);
  return {
    overrides: cell.overrides,
    runs: n,
    apps,
    dataLost: distributionOf(records.map((r) => r.dataLost)),
    dataLossProbability: n === 0 ? 0 : records.filter((r) => r.dataLost > 0).length / n,
    checks,
    limitRuns: records.filter((r) => r.stop === "event-budget" || r.stop === "work-budget" || r.unsettled > 0).length,
    worst: ranked.map(({ r, lost, outage }) => ({
      run: r.run,
      seed: r.seed,
      userMinutesLost: lost,
      outageMinutes: outage,
      failedChecks: cell.checks.filter((_, k) => r.checks[k] !== true).map((c) => c.name),
      command: replayCommand(plan, cell, r.seed),
    })),
  };
}
