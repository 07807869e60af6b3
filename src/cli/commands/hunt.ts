import { InvalidArgumentError, Option, type Command } from "commander";
import { HUNT_FORMAT_VERSION, type HuntPlan, type HuntRecord } from "../../runner/hunt/plan.js";
import type { HuntJob } from "../../runner/hunt/record.js";
import { replaySearch, searchHunt } from "../../runner/hunt/search.js";
import { summarizeHunt, type HuntSummary } from "../../runner/hunt/summary.js";
import { renderHuntHtml } from "../../report/hunt-html.js";
import { renderHuntJson } from "../../report/hunt-json.js";
import { renderHuntMarkdown } from "../../report/hunt-markdown.js";
import { renderHuntText } from "../../report/hunt-text.js";
import { HUNT_LIMITS } from "../../scenario/schema/hunt.js";
import { parseDurationMs } from "../../scenario/schema/units.js";
import { EXIT, UserError } from "../exit-codes.js";
import { prepareHunt } from "../hunt-setup.js";
import type { HuntWorkerSetup } from "../hunt-worker.js";
import { defaultWorkers, RunCrash, runPool } from "../sweep-pool.js";
import { createProgress } from "../sweep-progress.js";
import { emit, parseSeed, type CommandContext } from "./context.js";
import { parseHorizonText, parseShard, parseWorkers, SWEEP_FORMATS, type SweepFormat } from "./sweep.js";

/** The identifier of hunt part files. */
export const HUNT_PART_FORMAT = "outage-sim/hunt-part";

function parseDepth(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > HUNT_LIMITS.maxDepth) throw new InvalidArgumentError(`depth is 1, 2 or 3, e.g. --depth 2.`);
  return n;
}

function parseHuntRuns(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > HUNT_LIMITS.maxRuns) throw new InvalidArgumentError(`runs is a whole number from 1 to ${HUNT_LIMITS.maxRuns}, e.g. --runs 20.`);
  return n;
}

function parseBudget(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > HUNT_LIMITS.maxTotalRuns) throw new InvalidArgumentError(`budget is a whole number of runs from 1 to ${HUNT_LIMITS.maxTotalRuns}, e.g. --budget 5000.`);
  return n;
}

function parseImpact(value: string): number {
  const ms = parseDurationMs(value);
  if (ms === undefined || ms <= 0) throw new InvalidArgumentError("write the impact threshold as a duration with a unit, e.g. --impact 5m.");
  return ms;
}

function parseApps(value: string): string[] {
  const apps = value.split(",").map((a) => a.trim()).filter((a) => a !== "");
  if (apps.length === 0) throw new InvalidArgumentError("name the apps, comma-separated, e.g. --apps wechat-pay,pc-login.");
  return apps;
}

/** Renders a hunt summary in a format. */
export function renderHunt(summary: HuntSummary, format: SweepFormat): string {
  switch (format) {
    case "json": return renderHuntJson(summary);
    case "markdown": return renderHuntMarkdown(summary);
    case "html": return renderHuntHtml(summary);
    default: return renderHuntText(summary);
  }
}

/** A hunt shard's part file: the plan, which part this is, and its records (every level below the depth, its share of the last), one per line. */
export function renderHuntPart(plan: HuntPlan, shard: { index: number; count: number; from: number; to: number }, records: readonly HuntRecord[]): string {
  const head = JSON.stringify({ format: HUNT_PART_FORMAT, version: HUNT_FORMAT_VERSION, shard, plan });
  const sorted = [...records].sort((a, b) => a.level - b.level || a.job - b.job);
  return `${head.slice(0, -1)},"records":[\n${sorted.map((r) => JSON.stringify(r)).join(",\n")}\n]}\n`;
}

/** Says on stderr what the reader must know: the budget stopped the search, runs hit a limit. Returns the exit code. */
export function finishHunt(summary: HuntSummary, context: CommandContext): number {
  if (summary.limitRuns > 0) context.streams.err(`outage-sim: ${summary.limitRuns} run(s) hit a limit (event budget, or apps still impacted at the horizon); their figures are cut at the horizon.\n`);
  if (summary.budgetReached) {
    context.streams.err(`outage-sim: the budget of ${summary.plan.budget} runs stopped the search before it tried every set (the report says how many were left).\n`);
    return EXIT.limitReached;
  }
  return EXIT.ok;
}

interface HuntOptions {
  depth?: number;
  apps?: string[];
  runs?: number;
  seed?: number;
  budget?: number;
  workers?: number;
  impact?: number;
  keepFaults?: boolean;
  exhaustive?: boolean;
  horizon?: { text: string; ms: number };
  shard?: { index: number; count: number };
  format: SweepFormat;
  out?: string;
  progress: boolean;
}

/** Merges hunt part files (already read) into the records of the whole hunt; every problem is a user error. */
export function mergeHuntParts(parts: readonly { file: string; shard: { index: number; count: number }; plan: HuntPlan; records: readonly HuntRecord[] }[]): { plan: HuntPlan; records: HuntRecord[] } {
  const first = parts[0];
  if (first === undefined) throw new UserError("give the part files to merge");
  const planText = JSON.stringify(first.plan);
  const seen = new Map<number, string>();
  for (const part of parts) {
    if (JSON.stringify(part.plan) !== planText) throw new UserError(`"${part.file}" belongs to a different hunt than "${first.file}" (scenario, seeds, runs, depth or candidates differ)`);
    if (part.shard.count !== first.shard.count) throw new UserError(`"${part.file}" is a part of ${part.shard.count}, "${first.file}" of ${first.shard.count}. Merge the parts of one split`);
    const twice = seen.get(part.shard.index);
    if (twice !== undefined) throw new UserError(`part ${part.shard.index}/${part.shard.count} is given twice ("${twice}" and "${part.file}")`);
    seen.set(part.shard.index, part.file);
  }
  const missing = Array.from({ length: first.shard.count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new UserError(`part(s) ${missing.map((i) => `${i}/${first.shard.count}`).join(", ")} missing. Run them with outage-sim hunt --shard I/${first.shard.count}`);
  const depth = first.plan.depth;
  // Every shard ran the levels below the depth in full: they must agree, run for run.
  const shared = new Map<string, string>();
  const records: HuntRecord[] = [];
  for (const part of parts) {
    for (const r of part.records) {
      if (r.level < depth) {
        const key = `${r.level}:${r.job}`;
        const text = JSON.stringify(r);
        const other = shared.get(key);
        if (other === undefined) {
          shared.set(key, text);
          records.push(r);
        } else if (other !== text) throw new UserError(`"${part.file}" disagrees with another part on run ${r.job} of size ${r.level} (were they run by the same outage-sim on the same files?)`);
      } else records.push(r);
    }
  }
  const replayed = replaySearch(first.plan, records);
  if (typeof replayed === "string") throw new UserError(`the parts do not add up to the hunt: ${replayed}`);
  return { plan: first.plan, records };
}

/** Runs a prepared hunt's search on the worker pool, level by level (with a shard: its part of the last level). */
export async function runHuntOnPool(plan: HuntPlan, setup: HuntWorkerSetup, options: { workers: number; progress: boolean; context?: CommandContext; shard?: { index: number; count: number } }): Promise<{ records: HuntRecord[]; lastRange: { from: number; to: number; total: number } }> {
  const runLevel = async (jobs: HuntJob[], level: number): Promise<HuntRecord[]> => {
    const bar = createProgress(level === 0 ? "hunt: baseline" : `hunt: sets of ${level}`, options.progress);
    try {
      return await runPool<HuntWorkerSetup, HuntJob, HuntRecord>({ setup, jobs, workers: options.workers, workerUrl: new URL("../hunt-worker.js", import.meta.url), onProgress: (done, total) => bar.update(done, total) });
    } catch (error) {
      if (error instanceof RunCrash) {
        options.context?.setSeed(error.seed);
        throw new Error(`a hunt run crashed: ${error.message}`);
      }
      throw error;
    } finally {
      bar.finish();
    }
  };
  const { records, lastRange } = await searchHunt(plan, runLevel, options.shard);
  return { records, lastRange };
}

/** `hunt <scenario>`: the smallest sets of faults that break each app, found on the sweep pool. */
export function registerHunt(program: Command, context: CommandContext): void {
  program
    .command("hunt")
    .description("search the region for the smallest sets of faults that break each app (single points of failure, then pairs…)")
    .argument("<scenario>", "scenario file, or a shipped scenario name")
    .option("--depth <n>", "largest set of faults tried: 1, 2 or 3 (default: the scenario's hunt.depth, else 1)", parseDepth)
    .option("--apps <ids>", "hunt only what breaks these apps (comma-separated)", parseApps)
    .option("--runs <n>", "seeds per set (default: the scenario's hunt.runs, else 20)", parseHuntRuns)
    .option("--seed <n>", "base seed: run i of every set uses seed n + i (default: the scenario's seed)", parseSeed)
    .option("--budget <runs>", "stop after this many runs in all (exit 3 when the search was cut short)", parseBudget)
    .option("--workers <n>", "worker threads (default: the number of cores); results do not depend on it", parseWorkers)
    .option("--impact <duration>", "without a dependable expectation, a set breaks an app whose outage exceeds this (default: hunt.impact, else 5m)", parseImpact)
    .option("--keep-faults", "hunt on top of the scenario's own faults (default: hunt.keepFaults, else they are dropped)")
    .option("--exhaustive", "try every set up to the depth (brute force), without pruning")
    .option("--horizon <duration>", "simulate this long instead of the scenario's horizon (e.g. 12h)", parseHorizonText)
    .option("--shard <i/n>", "run only the i-th of n parts of the last level and write a part file for `outage-sim merge`", parseShard)
    .addOption(new Option("--format <format>", "report format (a shard always writes its JSON part file)").choices([...SWEEP_FORMATS]).default("text"))
    .option("--out <file>", "write the report (or part file) to this file, atomically, instead of stdout")
    .option("--no-progress", "never show the progress bar (it only shows when stderr is a terminal)")
    .action(async (given: string, opts: HuntOptions) => {
      const { plan, setup } = prepareHunt(given, {
        ...(opts.depth !== undefined ? { depth: opts.depth } : {}),
        ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        ...(opts.apps !== undefined ? { apps: opts.apps } : {}),
        ...(opts.budget !== undefined ? { budget: opts.budget } : {}),
        ...(opts.impact !== undefined ? { impactMs: opts.impact } : {}),
        ...(opts.keepFaults === true ? { keepFaults: true } : {}),
        ...(opts.exhaustive === true ? { exhaustive: true } : {}),
        ...(opts.horizon !== undefined ? { horizon: opts.horizon } : {}),
      });
      context.setSeed(plan.baseSeed);
      const { records, lastRange } = await runHuntOnPool(plan, setup, { workers: opts.workers ?? defaultWorkers(), progress: opts.progress, context, ...(opts.shard !== undefined ? { shard: opts.shard } : {}) });
      if (opts.shard !== undefined) {
        emit(renderHuntPart(plan, { ...opts.shard, from: lastRange.from, to: lastRange.to }, records), opts.out, context.streams);
        return;
      }
      const summary = summarizeHunt(plan, records);
      emit(renderHunt(summary, opts.format), opts.out, context.streams);
      context.setCode(finishHunt(summary, context));
    });
}
