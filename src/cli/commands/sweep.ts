import { InvalidArgumentError, Option, type Command } from "commander";
import { axesFromSets, cellCount, expandAxes, mergeAxes } from "../../runner/axes.js";
import { jobOf, seedsFit, shardRange, summarizeSweep, SWEEP_FORMAT_VERSION, totalJobs, type RunRecord, type SweepCell, type SweepPlan, type SweepSummary } from "../../runner/sweep.js";
import { gateSweep, parsePercent } from "../../runner/sweep-gate.js";
import { renderSweepHtml } from "../../report/sweep-html.js";
import { renderSweepJson } from "../../report/sweep-json.js";
import { renderSweepMarkdown } from "../../report/sweep-markdown.js";
import { renderSweepText } from "../../report/sweep-text.js";
import { parseOverride, readSweepSettings, type Override } from "../../scenario/overrides.js";
import { ScenarioError } from "../../scenario/problem.js";
import { loadScenario, type LoadedScenario } from "../../scenario/load.js";
import { checkAxes } from "../../scenario/axes-check.js";
import { SWEEP_LIMITS } from "../../scenario/schema/sweep.js";
import { EXIT, UserError } from "../exit-codes.js";
import { resolveScenarioPath } from "../io.js";
import { defaultWorkers, loadVariantOrThrow, readOnceReader, RunCrash, runPool, type PoolJob, type PoolResult, type PoolVariant, type WorkerSetup } from "../sweep-pool.js";
import { createProgress } from "../sweep-progress.js";
import { emit, parseHorizon, parseSeed, type CommandContext } from "./context.js";

/** Runs per cell when neither --runs nor the scenario's sweep.runs says. */
export const DEFAULT_RUNS = 100;

/** The identifier of shard part files. */
export const PART_FORMAT = "outage-sim/sweep-part";

/** The report formats of sweeps. */
export const SWEEP_FORMATS = ["text", "json", "markdown", "html"] as const;
export type SweepFormat = (typeof SWEEP_FORMATS)[number];

/** Collects a repeatable --set option. */
export function collectSet(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Parses --runs: a whole number from 1 to the limit. */
export function parseRuns(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > SWEEP_LIMITS.maxRuns) throw new InvalidArgumentError(`runs is a whole number from 1 to ${SWEEP_LIMITS.maxRuns}, e.g. --runs 200.`);
  return n;
}

/** Parses --workers: a whole number from 1 to 256. */
export function parseWorkers(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 256) throw new InvalidArgumentError("workers is a whole number from 1 to 256, e.g. --workers 2.");
  return n;
}

/** Parses --shard I/N (1 ≤ I ≤ N ≤ 10,000). */
export function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || index < 1 || count < 1 || index > count || count > 10_000) throw new InvalidArgumentError("write the shard as I/N with 1 ≤ I ≤ N, e.g. --shard 2/8.");
  return { index, count };
}

/** Parses --horizon, keeping the text for replay commands. */
export function parseHorizonText(value: string): { text: string; ms: number } {
  return { text: value, ms: parseHorizon(value) };
}

/** Parses every --set, refusing the whole command on the first that does not parse. */
export function parseSets(texts: readonly string[]): Override[] {
  return texts.map((text) => {
    const parsed = parseOverride(text);
    if (!parsed.ok) throw new UserError(parsed.message);
    return parsed.value;
  });
}

/** The cell of a loaded variant: its overrides, apps and checks. */
export function cellOf(overrides: readonly Override[], loaded: LoadedScenario): SweepCell {
  return {
    overrides: overrides.map((o) => o.text),
    apps: loaded.scenario.apps.map((a) => ({ id: a.id, title: a.title })),
    checks: loaded.scenario.checks.map((c) => ({ name: c.name, severity: c.severity })),
  };
}

/** The jobs of a plan's job range, on the variants of its cells. */
function jobsOf(plan: SweepPlan, from: number, to: number): PoolJob[] {
  const jobs: PoolJob[] = [];
  for (let job = from; job < to; job++) {
    const at = jobOf(plan, job);
    jobs.push({ job, cell: at.cell, run: at.run, seed: at.seed, variant: at.cell });
  }
  return jobs;
}

/** Runs jobs on the pool with a progress bar; a crash in a run becomes an internal error naming its seed. */
export async function runJobs(context: CommandContext, setup: WorkerSetup, jobs: readonly PoolJob[], workers: number, progress: boolean, label: string): Promise<PoolResult[]> {
  const bar = createProgress(label, progress);
  try {
    return await runPool({ setup, jobs, workers, onProgress: (done, total) => bar.update(done, total) });
  } catch (error) {
    if (error instanceof RunCrash) {
      context.setSeed(error.seed);
      throw new Error(error.label === "" ? error.message : `a run of ${error.label} crashed: ${error.message}`);
    }
    throw error;
  } finally {
    bar.finish();
  }
}

/** Renders a sweep summary in a format. */
export function renderSweep(summary: SweepSummary, format: SweepFormat): string {
  switch (format) {
    case "json": return renderSweepJson(summary);
    case "markdown": return renderSweepMarkdown(summary);
    case "html": return renderSweepHtml(summary);
    default: return renderSweepText(summary);
  }
}

/** A shard's part file: the plan, which part this is, and its records in job order, one per line. */
export function renderPart(plan: SweepPlan, shard: { index: number; count: number; from: number; to: number }, records: readonly RunRecord[]): string {
  const head = JSON.stringify({ format: PART_FORMAT, version: SWEEP_FORMAT_VERSION, shard, plan });
  const sorted = [...records].sort((a, b) => a.job - b.job);
  return `${head.slice(0, -1)},"records":[\n${sorted.map((r) => JSON.stringify(r)).join(",\n")}\n]}\n`;
}

/** Warns on stderr when runs hit a limit, so a distribution is not read as settled when it is not. */
/** Parses --fail-under: a percentage such as 95% or 99.5%. */
export function parseFailUnder(value: string): { text: string; fraction: number } {
  const fraction = parsePercent(value);
  if (fraction === undefined) throw new InvalidArgumentError("write a pass rate from 0% to 100%, e.g. --fail-under 95%.");
  return { text: value.trim().endsWith("%") ? value.trim() : `${value.trim()}%`, fraction };
}

/** Applies --fail-under to a finished sweep: each critical check below the rate is named on stderr and the exit code is 1. */
export function applyGate(summary: SweepSummary, failUnder: { text: string; fraction: number } | undefined, context: CommandContext): void {
  if (failUnder === undefined) return;
  const { failures, gated } = gateSweep(summary, failUnder.fraction);
  if (gated === 0) {
    context.streams.err(`outage-sim: --fail-under ${failUnder.text}: the scenario has no critical check to gate on. Add checks under expect.outcome.\n`);
    context.setCode(EXIT.expectationFailed);
    return;
  }
  for (const f of failures) {
    const where = f.overrides.length === 0 ? "" : ` (${f.overrides.join(", ")})`;
    context.streams.err(`outage-sim: ${f.check}${where} held in ${f.passed} of ${f.runs} runs (${(f.passRate * 100).toFixed(1)}%), below --fail-under ${failUnder.text}.\n`);
  }
  if (failures.length > 0) context.setCode(EXIT.expectationFailed);
}

export function warnLimits(summary: SweepSummary, context: CommandContext): void {
  const limited = summary.cells.reduce((n, c) => n + c.limitRuns, 0);
  if (limited > 0) context.streams.err(`outage-sim: ${limited} run(s) hit a limit (event budget, or apps still impacted at the horizon); their figures are cut at the horizon.\n`);
}

interface SweepOptions {
  runs?: number;
  seed?: number;
  workers?: number;
  set: string[];
  horizon?: { text: string; ms: number };
  shard?: { index: number; count: number };
  format: SweepFormat;
  out?: string;
  progress: boolean;
  failUnder?: { text: string; fraction: number };
}

/** Everything a sweep needs before running: its plan and what the workers load. */
export interface PreparedSweep {
  readonly plan: SweepPlan;
  readonly setup: WorkerSetup;
}

/** Loads the scenario and every cell of its axes, and makes the sweep's plan; every problem is a user error. */
export function prepareSweep(given: string, opts: { runs?: number; seed?: number; set: readonly string[]; horizon?: { text: string; ms: number } }): PreparedSweep {
  const path = resolveScenarioPath(given);
  const reader = readOnceReader();
  const settings = readSweepSettings(path, reader);
  if (!settings.ok) throw new ScenarioError(settings.problems);
  const axes = mergeAxes(settings.settings.axes, axesFromSets(parseSets(opts.set)));
  const cells = cellCount(axes);
  if (cells > SWEEP_LIMITS.maxCells) throw new UserError(`the axes make ${cells} cells; the limit is ${SWEEP_LIMITS.maxCells}. Sweep fewer values at once`);
  const runs = opts.runs ?? settings.settings.runs ?? DEFAULT_RUNS;
  if (runs * cells > SWEEP_LIMITS.maxTotalRuns) throw new UserError(`${cells} cells × ${runs} runs is more than ${SWEEP_LIMITS.maxTotalRuns} runs. Use fewer runs or cells, or shard the sweep`);
  // The scenario as written, then each axis value alone: every problem at once, before any cell is loaded.
  const base = loadScenario(path, reader);
  if (!base.ok) throw new ScenarioError(base.problems);
  const axisProblems = checkAxes(path, axes, reader);
  if (axisProblems.length > 0) throw new ScenarioError(axisProblems);
  const variants: PoolVariant[] = [];
  const loadedCells = expandAxes(axes.map((a) => ({ values: a.values }))).map((overrides) => {
    const label = overrides.length === 0 ? "" : `the cell ${overrides.map((o) => o.text).join(", ")}`;
    // A cell without overrides is the scenario as written, loaded above.
    const loaded = overrides.length === 0 ? base.loaded : loadVariantOrThrow(path, overrides, reader, label);
    const cell = cellOf(overrides, loaded);
    variants.push({ scenario: loaded.scenario, horizonMs: opts.horizon?.ms ?? null, cell, label });
    return { loaded, cell };
  });
  const first = loadedCells[0]!.loaded.scenario;
  const baseSeed = opts.seed ?? first.seed;
  if (!seedsFit(baseSeed, runs)) throw new UserError(`seeds ${baseSeed} + 0…${runs - 1} do not fit in exact integers. Use a smaller --seed`);
  const plan: SweepPlan = {
    scenario: { path: given, name: first.name, title: first.title, start: first.start },
    baseSeed,
    runs,
    horizon: opts.horizon ?? null,
    axes: axes.map((a) => ({ path: a.path, values: a.values.map((v) => v.text) })),
    cells: loadedCells.map((c) => c.cell),
  };
  return { plan, setup: { variants } };
}

/** `sweep <scenario>`: many seeds (and the axes' cells), in parallel; the distribution of outcomes, or a shard's part file. */
export function registerSweep(program: Command, context: CommandContext): void {
  program
    .command("sweep")
    .description("run a scenario on many seeds (and every cell of its axes) in parallel and report the distribution of outcomes")
    .argument("<scenario>", "scenario file, or a shipped scenario name")
    .option("--runs <n>", `runs per cell (default: the scenario's sweep.runs, else ${DEFAULT_RUNS})`, parseRuns)
    .option("--seed <n>", "base seed: run i uses seed n + i (default: the scenario's seed)", parseSeed)
    .option("--workers <n>", "worker threads (default: the number of cores); results do not depend on it", parseWorkers)
    .option("--set <path=value>", "override a value of the scenario; give a path several times to sweep it as an axis", collectSet, [])
    .option("--horizon <duration>", "simulate this long instead of the scenario's horizon (e.g. 12h)", parseHorizonText)
    .option("--shard <i/n>", "run only the i-th of n disjoint parts of the runs and write a part file for `outage-sim merge`", parseShard)
    .addOption(new Option("--format <format>", "report format (a shard always writes its JSON part file)").choices([...SWEEP_FORMATS]).default("text"))
    .option("--out <file>", "write the report (or part file) to this file, atomically, instead of stdout")
    .option("--no-progress", "never show the progress bar (it only shows when stderr is a terminal)")
    .option("--fail-under <rate>", "exit 1 when a critical check holds in fewer than this share of a cell's runs, e.g. 95%", parseFailUnder)
    .action(async (given: string, opts: SweepOptions) => {
      if (opts.failUnder !== undefined && opts.shard !== undefined) throw new UserError("--fail-under gates the whole sweep, not a shard: give it to `outage-sim merge`");
      const { plan, setup } = prepareSweep(given, opts);
      const total = totalJobs(plan);
      const range = opts.shard === undefined ? { from: 0, to: total } : shardRange(total, opts.shard.index, opts.shard.count);
      context.setSeed(plan.baseSeed);
      const results = await runJobs(context, setup, jobsOf(plan, range.from, range.to), opts.workers ?? defaultWorkers(), opts.progress, "sweep");
      const records = results.map((r) => r.record);
      if (opts.shard !== undefined) {
        emit(renderPart(plan, { ...opts.shard, ...range }, records), opts.out, context.streams);
        return;
      }
      const summary = summarizeSweep(plan, records);
      emit(renderSweep(summary, opts.format), opts.out, context.streams);
      warnLimits(summary, context);
      context.setCode(EXIT.ok);
      applyGate(summary, opts.failUnder, context);
    });
}
