import { InvalidArgumentError, Option, type Command } from "commander";
import { compareSweeps } from "../../runner/compare.js";
import { seedsFit, type SweepPlan } from "../../runner/sweep.js";
import { renderCompareJson } from "../../report/compare-json.js";
import { renderCompareMarkdown } from "../../report/compare-markdown.js";
import { renderCompareText } from "../../report/compare-text.js";
import type { Override } from "../../scenario/overrides.js";
import { UserError } from "../exit-codes.js";
import { resolveScenarioPath } from "../io.js";
import { defaultWorkers, loadVariantOrThrow, readOnceReader, type PoolJob, type PoolVariant } from "../sweep-pool.js";
import { emit, parseSeed, type CommandContext } from "./context.js";
import { cellOf, collectSet, DEFAULT_RUNS, parseHorizonText, parseRuns, parseSets, parseWorkers, runJobs } from "./sweep.js";

const COMPARE_FORMATS = ["text", "json", "markdown"] as const;
type CompareFormat = (typeof COMPARE_FORMATS)[number];

interface CompareOptions {
  runs?: number;
  seed?: number;
  workers?: number;
  set: string[];
  setA: string[];
  setB: string[];
  horizon?: { text: string; ms: number };
  confidence: number;
  format: CompareFormat;
  out?: string;
  progress: boolean;
}

/** Parses --confidence: a level strictly between 0 and 1, such as 0.95. */
function parseConfidence(value: string): number {
  const n = Number(value);
  if (!/^0?\.\d+$/.test(value) || !(n > 0 && n < 1)) throw new InvalidArgumentError("the confidence level is between 0 and 1, e.g. --confidence 0.95.");
  return n;
}

function singleValued(overrides: readonly Override[], flag: string): void {
  const paths = new Set<string>();
  for (const o of overrides) {
    if (paths.has(o.path)) throw new UserError(`${flag} gives ${o.path} twice; a comparison has one value per path (use sweep for axes)`);
    paths.add(o.path);
  }
}

/** `compare <a> [b]`: two variants on the same seeds, and the paired difference per app with a confidence interval. */
export function registerCompare(program: Command, context: CommandContext): void {
  program
    .command("compare")
    .description("run two variants on the same seeds and report the paired difference B − A per app, with a confidence interval")
    .argument("<a>", "scenario A (a file or a shipped scenario name)")
    .argument("[b]", "scenario B (default: A again, changed with --set-b)")
    .option("--runs <n>", `paired runs (default ${DEFAULT_RUNS})`, parseRuns)
    .option("--seed <n>", "base seed: run i of both sides uses seed n + i (default: A's seed)", parseSeed)
    .option("--workers <n>", "worker threads (default: the number of cores); results do not depend on it", parseWorkers)
    .option("--set <path=value>", "override a value on both sides", collectSet, [])
    .option("--set-a <path=value>", "override a value of A only", collectSet, [])
    .option("--set-b <path=value>", "override a value of B only", collectSet, [])
    .option("--horizon <duration>", "simulate this long instead of the scenarios' horizons (e.g. 12h)", parseHorizonText)
    .option("--confidence <level>", "confidence level of the intervals", parseConfidence, 0.95)
    .addOption(new Option("--format <format>", "report format").choices([...COMPARE_FORMATS]).default("text"))
    .option("--out <file>", "write the report to this file, atomically, instead of stdout")
    .option("--no-progress", "never show the progress bar (it only shows when stderr is a terminal)")
    .action(async (givenA: string, givenB: string | undefined, opts: CompareOptions) => {
      const both = parseSets(opts.set);
      const onlyA = parseSets(opts.setA);
      const onlyB = parseSets(opts.setB);
      const overridesA = [...both, ...onlyA];
      const overridesB = [...both, ...onlyB];
      singleValued(overridesA, "--set/--set-a");
      singleValued(overridesB, "--set/--set-b");
      if (givenB === undefined && onlyA.length === 0 && onlyB.length === 0) throw new UserError("nothing to compare: give a second scenario, or change one side with --set-a or --set-b");
      const reader = readOnceReader();
      const sides = ([[givenA, overridesA, "A"], [givenB ?? givenA, overridesB, "B"]] as const).map(([given, overrides, name]) => {
        const label = `side ${name}`;
        const loaded = loadVariantOrThrow(resolveScenarioPath(given), overrides, reader, label);
        return { given, loaded, label, cell: cellOf(overrides, loaded) };
      });
      const runs = opts.runs ?? DEFAULT_RUNS;
      const baseSeed = opts.seed ?? sides[0]!.loaded.scenario.seed;
      if (!seedsFit(baseSeed, runs)) throw new UserError(`seeds ${baseSeed} + 0…${runs - 1} do not fit in exact integers. Use a smaller --seed`);
      const plans = sides.map((s): SweepPlan => ({
        scenario: { path: s.given, name: s.loaded.scenario.name, title: s.loaded.scenario.title, start: s.loaded.scenario.start },
        baseSeed,
        runs,
        horizon: opts.horizon ?? null,
        axes: [],
        cells: [s.cell],
      }));
      const variants: PoolVariant[] = sides.map((s) => ({ scenario: s.loaded.scenario, horizonMs: opts.horizon?.ms ?? null, cell: s.cell, label: s.label }));
      // Interleave A and B run by run, so a partial progress bar reflects both sides evenly.
      const jobs: PoolJob[] = [];
      for (let run = 0; run < runs; run++) for (let v = 0; v < 2; v++) jobs.push({ job: run, cell: 0, run, seed: baseSeed + run, variant: v });
      context.setSeed(baseSeed);
      const results = await runJobs(context, { variants }, jobs, opts.workers ?? defaultWorkers(), opts.progress, "compare");
      const recordsA = results.filter((r) => r.variant === 0).map((r) => r.record);
      const recordsB = results.filter((r) => r.variant === 1).map((r) => r.record);
      const summary = compareSweeps(plans[0]!, recordsA, plans[1]!, recordsB, opts.confidence);
      const content = opts.format === "json" ? renderCompareJson(summary) : opts.format === "markdown" ? renderCompareMarkdown(summary) : renderCompareText(summary);
      emit(content, opts.out, context.streams);
    });
}
