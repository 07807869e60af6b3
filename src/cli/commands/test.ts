import { existsSync, readdirSync, statSync } from "node:fs";
import { readInputFile } from "../safe-io.js";
import { basename, join } from "node:path";
import { Option, type Command } from "commander";
import { renderSuiteJunit } from "../../report/junit.js";
import { buildProvenance, recordingReader } from "../../api/provenance.js";
import { annotationAt, formatAnnotation, problemAnnotation, regressionAnnotations, verdictAnnotation, type Annotation } from "../github.js";
import type { SourceLocation } from "../../scenario/problem.js";
import { createBaseline } from "../../runner/baseline.js";
import { diffBaselines, type Tolerance } from "../../runner/baseline-diff.js";
import { runScenario } from "../../runner/run-scenario.js";
import { evaluateSteadyState, steadyStateChecksOf } from "../../runner/steady-state.js";
import { baselinePathFor, limitOf, isScenarioText, isYamlName, renderSuiteMarkdown, renderSuiteText, suiteExitCode, TEST_LIMITS, type ScenarioOutcome } from "../../runner/test-suite.js";
import { loadScenario } from "../../scenario/load.js";
import { formatProblem } from "../../scenario/problem.js";
import { baselineMismatch, tryReadBaseline } from "../baseline-io.js";
import { UserError } from "../exit-codes.js";
import { fileReader, resolveScenarioPath, writeFileAtomic } from "../io.js";
import { parseRatioTolerance, parseTolerance } from "./check.js";
import type { CommandContext } from "./context.js";

/** The scenario files under a folder (`kind: Scenario` YAML), sorted, skipping hidden folders and node_modules. */
function scenariosUnder(dir: string, depth: number, out: string[]): void {
  if (depth > TEST_LIMITS.maxDepth) return;
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith(".") || name === "node_modules") continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) scenariosUnder(path, depth + 1, out);
    else if (stat.isFile() && isYamlName(name) && stat.size <= 1_000_000) {
      const read = readInputFile(path, 1_000_000);
      if (read.ok && isScenarioText(read.text)) out.push(path);
    }
    if (out.length > TEST_LIMITS.maxFiles) throw new UserError(`more than ${TEST_LIMITS.maxFiles} scenario files under "${dir}". Name the folders or files to test`);
  }
}

/** What the user named, as scenario files: folders are searched, files and shipped names taken as they are. */
function collectScenarioFiles(given: readonly string[]): string[] {
  const out: string[] = [];
  for (const item of given.length === 0 ? ["."] : given) {
    if (existsSync(item) && statSync(item).isDirectory()) {
      const before = out.length;
      scenariosUnder(item, 0, out);
      if (out.length === before) throw new UserError(`no scenario files (YAML with kind: Scenario) under "${item}". Name a folder that holds scenarios, or scenario files`);
    } else out.push(resolveScenarioPath(item));
  }
  return [...new Set(out)];
}

/** Loads, runs and compares one scenario; invalid input becomes part of the outcome, never an exception. Also the GitHub annotations of what failed. */
function testScenario(file: string, tolerance: Tolerance): { outcome: ScenarioOutcome; annotations: Annotation[] } {
  const reader = recordingReader(fileReader);
  const loaded = loadScenario(file, reader);
  const empty = { steadyState: [], steadyHeld: true, verdicts: [], limit: undefined, baseline: undefined };
  if (!loaded.ok) return { outcome: { file, name: basename(file).replace(/\.ya?ml$/, ""), problems: loaded.problems.map(formatProblem), ...empty }, annotations: loaded.problems.map(problemAnnotation) };
  const { scenario, index } = loaded.loaded;
  const run = runScenario(scenario);
  const steady = evaluateSteadyState(steadyStateChecksOf(scenario), run);
  const limit = limitOf(run);
  const baselineFile = baselinePathFor(file);
  let baseline: ScenarioOutcome["baseline"];
  if (existsSync(baselineFile)) {
    const read = tryReadBaseline(baselineFile, `outage-sim check ${file} --update`);
    const mismatch = read.ok ? baselineMismatch(read.baseline, scenario.name, baselineFile) : read.message;
    baseline = mismatch !== undefined || !read.ok
      ? { file: baselineFile, diff: undefined, error: mismatch }
      : { file: baselineFile, diff: diffBaselines(read.baseline, createBaseline(run), tolerance), error: undefined };
  }
  const outcome: ScenarioOutcome = { file, name: scenario.name, problems: [], steadyState: steady.verdicts, steadyHeld: steady.held, verdicts: run.verdicts, limit, baseline, provenance: buildProvenance(file, file, reader.files, run, {}) };
  // Annotations point at the check's line in the scenario, so a pull request shows the failure where the check is written.
  const start = { file, line: 1, col: 1 };
  const at = (list: "steadyState" | "outcome", name: string): SourceLocation => {
    const k = (list === "outcome" ? scenario.checks : scenario.steadyState).findIndex((c) => c.name === name);
    return index.locate(["expect", list, k], start);
  };
  const annotations: Annotation[] = steady.verdicts.filter((v) => !v.passed).map((v) => verdictAnnotation(v, at("steadyState", v.name), "steady state: "));
  if (steady.held) {
    annotations.push(...run.verdicts.filter((v) => !v.passed).map((v) => verdictAnnotation(v, at("outcome", v.name), "")));
    if (limit !== undefined) annotations.push(annotationAt("error", start, "limit reached", limit));
    if (baseline?.error !== undefined) annotations.push({ level: "error", file: baseline.file, title: "baseline unreadable", message: baseline.error });
    if (baseline?.diff !== undefined) annotations.push(...regressionAnnotations(baseline.diff, baseline.file, scenario.name));
  }
  return { outcome, annotations };
}

/** `test [paths...]`: runs every scenario's expectations and its baseline beside it; one command for a CI job. */
export function registerTest(program: Command, context: CommandContext): void {
  const { streams, setCode } = context;
  program
    .command("test")
    .description("run the expectations and baselines of every scenario under folders or in files; exit non-zero on any failure")
    .argument("[paths...]", "folders to search for scenarios (YAML with kind: Scenario), or scenario files (default: .)")
    .option("--junit <file>", "also write JUnit XML (one test case per expectation) to this file, atomically")
    .option("--markdown <file>", "also write a Markdown summary (e.g. $GITHUB_STEP_SUMMARY) to this file, atomically")
    .option("--tolerance <duration>", "baseline times may worsen by this much and still pass (e.g. 5m)", parseTolerance, 0)
    .option("--ratio-tolerance <ratio>", "a baseline's worst success ratio may drop by this much and still pass", parseRatioTolerance, 0)
    .addOption(new Option("--format <format>", "text, or github: also print each failure as a GitHub Actions annotation (::error file=,line=,col=::)").choices(["text", "github"]).default("text"))
    .action((paths: string[], opts: { junit?: string; markdown?: string; tolerance: number; ratioTolerance: number; format: "text" | "github" }) => {
      const files = collectScenarioFiles(paths);
      const tolerance: Tolerance = { timeMs: opts.tolerance, ratio: opts.ratioTolerance };
      const tested = files.map((file) => testScenario(file, tolerance));
      const outcomes = tested.map((t) => t.outcome);
      if (opts.format === "github") for (const t of tested) for (const a of t.annotations) streams.out(formatAnnotation(a));
      streams.out(renderSuiteText(outcomes));
      if (opts.junit !== undefined) writeFileAtomic(opts.junit, renderSuiteJunit(outcomes));
      if (opts.markdown !== undefined) writeFileAtomic(opts.markdown, renderSuiteMarkdown(outcomes));
      setCode(suiteExitCode(outcomes));
    });
}
