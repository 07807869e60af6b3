import { budgetMessage, budgetThatRanOut } from "../../runner/run.js";
import { InvalidArgumentError, Option, type Command } from "commander";
import { createBaseline } from "../../runner/baseline.js";
import { diffBaselines, renderBaselineDiff, type Tolerance } from "../../runner/baseline-diff.js";
import { runScenario } from "../../runner/run-scenario.js";
import { describeSteadyStateFailure, evaluateSteadyState, steadyStateChecksOf } from "../../runner/steady-state.js";
import { baselinePathFor } from "../../runner/test-suite.js";
import { parseDurationMs } from "../../scenario/schema/units.js";
import { baselineMismatch, tryReadBaseline, writeBaseline } from "../baseline-io.js";
import { EXIT, UserError } from "../exit-codes.js";
import { resolveScenarioPath } from "../io.js";
import { loadFileFromPath } from "../load.js";
import { ScenarioError } from "../../scenario/problem.js";
import { annotationAt, formatAnnotation, problemAnnotation, regressionAnnotations } from "../github.js";
import type { CommandContext } from "./context.js";

/** Parses --tolerance: a duration with a unit, or 0. */
export function parseTolerance(value: string): number {
  const ms = value.trim() === "0" ? 0 : parseDurationMs(value);
  if (ms === undefined || ms < 0) throw new InvalidArgumentError("write a duration with a unit, e.g. --tolerance 5m or --tolerance 90s.");
  return ms;
}

/** Parses --ratio-tolerance: a number from 0 to 1. */
export function parseRatioTolerance(value: string): number {
  const ratio = Number(value);
  if (!/^\d*\.?\d+$/.test(value.trim()) || !(ratio >= 0 && ratio <= 1)) throw new InvalidArgumentError("write a success-ratio difference from 0 to 1, e.g. --ratio-tolerance 0.02.");
  return ratio;
}

/** Describes the tolerance in the words the diff uses. */
export function describeTolerance(tolerance: Tolerance): string {
  const time = tolerance.timeMs % 60_000 === 0 ? `${tolerance.timeMs / 60_000} min` : `${tolerance.timeMs / 1000} s`;
  return `tolerance ${time}, ratio tolerance ${tolerance.ratio}`;
}

/** `check <scenario> --baseline FILE`: re-runs a scenario and prints what changed since its baseline; exit 1 on a regression beyond tolerance. */
export function registerCheck(program: Command, context: CommandContext): void {
  const { streams, setCode } = context;
  program
    .command("check")
    .description("re-run a scenario and compare its cascade with a saved baseline (exit 1 on a regression)")
    .argument("<scenario>", "scenario file, or a shipped scenario name")
    .option("--baseline <file>", "the baseline file (default: beside the scenario, x.yaml → x.baseline.json)")
    .option("--tolerance <duration>", "times and outage minutes may worsen by this much and still pass (e.g. 5m)", parseTolerance, 0)
    .option("--ratio-tolerance <ratio>", "a worst success ratio may drop by this much and still pass (e.g. 0.02)", parseRatioTolerance, 0)
    .option("--update", "write this run as the new baseline (atomically) instead of failing on differences")
    .addOption(new Option("--format <format>", "text, or github: also print problems and regressions as GitHub Actions annotations (::error file=,line=,col=::)").choices(["text", "github"]).default("text"))
    .action((given: string, opts: { baseline?: string; tolerance: number; ratioTolerance: number; update?: boolean; format: "text" | "github" }) => {
      const github = opts.format === "github";
      const path = resolveScenarioPath(given);
      let loaded: ReturnType<typeof loadFileFromPath>;
      try {
        loaded = loadFileFromPath(path);
      } catch (error) {
        if (github && error instanceof ScenarioError) for (const problem of error.problems) streams.out(formatAnnotation(problemAnnotation(problem)));
        throw error;
      }
      context.setSeed(loaded.scenario.seed);
      const file = opts.baseline ?? baselinePathFor(path);
      const fixHint = `outage-sim check ${given}${opts.baseline === undefined ? "" : ` --baseline ${file}`} --update`;
      const read = opts.update === true ? undefined : tryReadBaseline(file, fixHint);
      if (read !== undefined && !read.ok) {
        if (github) streams.out(formatAnnotation({ level: "error", file, title: "baseline unreadable", message: read.message }));
        throw new UserError(read.message);
      }
      const baseline = read?.baseline;
      const mismatch = baseline === undefined ? undefined : baselineMismatch(baseline, loaded.scenario.name, file);
      if (mismatch !== undefined) {
        if (github) streams.out(formatAnnotation({ level: "error", file, title: "baseline mismatch", message: mismatch }));
        throw new UserError(mismatch);
      }
      const run = runScenario(loaded.scenario);
      const steady = evaluateSteadyState(steadyStateChecksOf(loaded.scenario), run);
      streams.err(describeSteadyStateFailure(steady, run));
      if (!steady.held) {
        if (github) streams.out(formatAnnotation(annotationAt("error", { file: path, line: 1, col: 1 }, "steady state", describeSteadyStateFailure(steady, run).trim())));
        setCode(EXIT.expectationFailed);
        return;
      }
      if (budgetThatRanOut(run) !== undefined) {
        throw new UserError(`${budgetMessage(run)}, so the cascade cannot be compared`, EXIT.limitReached);
      }
      const tolerance: Tolerance = { timeMs: opts.tolerance, ratio: opts.ratioTolerance };
      const current = createBaseline(run);
      if (baseline === undefined) {
        const old = tryReadBaseline(file, fixHint);
        if (old.ok && baselineMismatch(old.baseline, run.scenario.name, file) === undefined) {
          streams.out(`${run.scenario.name} vs ${file} (${describeTolerance(tolerance)})\n${renderBaselineDiff(diffBaselines(old.baseline, current, tolerance))}`);
        }
        writeBaseline(current, file);
        streams.out(`baseline written: ${file}\n`);
        return;
      }
      const diff = diffBaselines(baseline, current, tolerance);
      streams.out(`${run.scenario.name} vs ${file} (${describeTolerance(tolerance)})\n${renderBaselineDiff(diff)}`);
      if (diff.regressions > 0) {
        if (github) for (const a of regressionAnnotations(diff, file, run.scenario.name)) streams.out(formatAnnotation(a));
        streams.err(`outage-sim: ${diff.regressions} regression(s) beyond tolerance. If the change is intended, review the diff and run \`${fixHint}\`.\n`);
        setCode(EXIT.expectationFailed);
      }
    });
}
