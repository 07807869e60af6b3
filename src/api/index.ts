/**
 * The programmatic API of outage-sim: load a scenario, run it, render a report, in a platform
 * team's own tooling. `import { loadScenario, runScenario, renderReport } from "outage-sim"`.
 * Every function is deterministic: the same scenario, seed and options give the same Run and
 * the same bytes. Documented with an example in docs/api.md.
 */
import { renderHtml } from "../report/html.js";
import { renderJson } from "../report/json.js";
import { renderMarkdown } from "../report/markdown.js";
import { renderRunJunit } from "../report/run-junit.js";
import { renderText } from "../report/text.js";
import { runScenario as runLoaded } from "../runner/run-scenario.js";
import type { Run } from "../runner/run.js";
import { loadScenario as loadWith } from "../scenario/load.js";
import { parseOverride } from "../scenario/overrides.js";
import { ScenarioError } from "../scenario/problem.js";
import type { Scenario } from "../scenario/scenario.js";
import type { SourceReader } from "../scenario/source.js";
import { parseDurationMs } from "../scenario/schema/units.js";
import { diskReader } from "./file-reader.js";
import type { Provenance } from "../runner/provenance.js";
import { buildProvenance, recordingReader, type RecordingReader } from "./provenance.js";

export { ScenarioError, formatProblem } from "../scenario/problem.js";
export type { ScenarioProblem, SourceLocation } from "../scenario/problem.js";
export { replayCommand } from "../runner/provenance.js";
export type { Provenance, SourceFile } from "../runner/provenance.js";
export { REPORT_SCHEMA_VERSION } from "../runner/run.js";
export type { AppImpact, CheckVerdict, Explanation, Run, SeriesSet } from "../runner/run.js";
export type { Scenario } from "../scenario/scenario.js";
import { toolVersion } from "./version.js";

/** This package's version. */
export const version: string = toolVersion();

/** A scenario that loaded and passed every check, ready to run. */
export interface LoadedScenario {
  /** The normalized scenario. */
  readonly scenario: Scenario;
  /** The file the scenario was read from. */
  readonly path: string;
  /** How the scenario was named by whoever asked (a shipped name, `-`): what the provenance and the replay command record. */
  readonly given: string;
  /** The `--set` overrides applied, as given (`path=value`). */
  readonly set: readonly string[];
  /** The files read, for the provenance. */
  readonly files: RecordingReader["files"];
}

/** How to load: overrides applied before validation, exactly as `--set path=value` on the command line. */
export interface LoadOptions {
  readonly set?: readonly string[];
  /** Where to read files from (default: the disk). Imports are read through it too. */
  readonly reader?: SourceReader;
  /** How the scenario was named, when not by `path` (recorded in the provenance). */
  readonly givenAs?: string;
}

/**
 * Loads a scenario file (and the topologies it imports), applying `set` overrides. Throws a
 * {@link ScenarioError} listing every problem (file:line:col, path, message) when it is invalid.
 */
export function loadScenario(path: string, options: LoadOptions = {}): LoadedScenario {
  const set = options.set ?? [];
  const overrides = set.map((text) => {
    const parsed = parseOverride(text);
    if (!parsed.ok) throw new ScenarioError([{ location: { file: path, line: 1, col: 1 }, path: "", message: `--set ${text}: ${parsed.message}` }]);
    return parsed.value;
  });
  const reader = recordingReader(options.reader ?? diskReader);
  const result = loadWith(path, reader, { overrides });
  if (!result.ok) throw new ScenarioError(result.problems);
  return { scenario: result.loaded.scenario, path, given: options.givenAs ?? path, set, files: reader.files };
}

/**
 * Loads a scenario from its text (`name` is how problems and the provenance call it); imports
 * are read from disk relative to `name`'s folder.
 */
export function loadScenarioText(text: string, options: LoadOptions & { name?: string } = {}): LoadedScenario {
  const name = options.name ?? "<text>";
  const base = options.reader ?? diskReader;
  return loadScenario(name, { ...options, reader: { read: (path) => (path === name ? { ok: true, text } : base.read(path)) } });
}

/** How to run: another seed, another horizon (a duration such as `"12h"`). */
export interface RunOptions {
  readonly seed?: number;
  readonly horizon?: string;
  /** Check the model's conservation laws after every event (slower); a broken one throws. */
  readonly checkInvariants?: boolean;
}

/** Runs a loaded scenario to its horizon. The Run carries its provenance, so every report can print its replay command. */
export function runScenario(loaded: LoadedScenario, options: RunOptions = {}): Run & { readonly provenance: Provenance } {
  let horizonMs: number | undefined;
  if (options.horizon !== undefined) {
    horizonMs = parseDurationMs(options.horizon);
    if (horizonMs === undefined || horizonMs <= 0) throw new RangeError(`horizon "${options.horizon}": write a duration with a unit, e.g. "16h" or "90m"`);
  }
  if (options.seed !== undefined && !(Number.isSafeInteger(options.seed) && options.seed >= 0)) throw new RangeError(`seed ${options.seed}: a whole number ≥ 0`);
  const run = runLoaded(loaded.scenario, { ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(horizonMs !== undefined ? { horizonMs } : {}), checkInvariants: options.checkInvariants === true });
  const provenance = buildProvenance(loaded.given, loaded.path, loaded.files, run, { ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.horizon !== undefined ? { horizon: options.horizon } : {}), set: loaded.set });
  return { ...run, provenance };
}

/** The report formats. */
export type ReportFormat = "text" | "json" | "markdown" | "junit" | "html";

/** Text report layout: columns (default 100), colour (ANSI, default off) and every transition instead of folded ones. */
export interface RenderOptions {
  readonly width?: number;
  readonly color?: boolean;
  readonly detail?: boolean;
}

/** Renders a run in a report format: the same bytes as `outage-sim run --format <format>`. */
export function renderReport(run: Run, format: ReportFormat, options: RenderOptions = {}): string {
  switch (format) {
    case "json": return renderJson(run);
    case "markdown": return renderMarkdown(run);
    case "junit": return renderRunJunit(run);
    case "html": return renderHtml(run);
    case "text": return renderText(run, { width: Math.max(60, options.width ?? 100), color: options.color === true, detail: options.detail === true });
    default: throw new RangeError(`format "${String(format)}": one of text, json, markdown, junit, html`);
  }
}

/** Whether a run held: no failed critical expectation, settled before its horizon, within its event budget (exit code 0 of `run`). */
export function runHeld(run: Run): boolean {
  return run.stop.reason !== "event-budget" && run.unsettled.length === 0 && !run.verdicts.some((v) => !v.passed && v.severity === "critical");
}

