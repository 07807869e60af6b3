import type { BaselineDiff } from "./baseline-diff.js";
import { budgetMessage, budgetThatRanOut } from "./run.js";
import { renderBaselineDiff } from "./baseline-diff.js";
import type { Provenance } from "./provenance.js";
import type { CheckVerdict, Run } from "./run.js";

/** Limits of `outage-sim test`: how many scenario files it runs and how deep it looks into folders. */
export const TEST_LIMITS = { maxFiles: 500, maxDepth: 8 } as const;

/** Whether a file name may hold a scenario (`.yaml` or `.yml`). */
export function isYamlName(name: string): boolean {
  return /\.ya?ml$/.test(name);
}

/** Whether a YAML text declares a scenario (`kind: Scenario` at the top level), as opposed to a topology or another file. */
export function isScenarioText(text: string): boolean {
  return /^kind:\s*["']?Scenario["']?\s*(#.*)?$/m.test(text);
}

/** The baseline file of a scenario, by convention beside it: `x.yaml` → `x.baseline.json`. */
export function baselinePathFor(scenarioPath: string): string {
  return `${scenarioPath.replace(/\.ya?ml$/, "")}.baseline.json`;
}

/** What happened to one scenario under `outage-sim test`. */
export interface ScenarioOutcome {
  readonly file: string;
  /** The scenario's name, or the file name when it did not load. */
  readonly name: string;
  /** Invalid input, formatted `file:line:col  path  message`; empty when the scenario loaded. */
  readonly problems: readonly string[];
  readonly steadyState: readonly CheckVerdict[];
  /** False when a critical steady-state check failed: the outcome checks and the baseline were not evaluated. */
  readonly steadyHeld: boolean;
  readonly verdicts: readonly CheckVerdict[];
  /** A sentence when the run stopped at a limit (event budget, or still impacted at the horizon). */
  readonly limit: string | undefined;
  /** The baseline found beside the scenario: its diff, or why it could not be read. */
  readonly baseline: { readonly file: string; readonly diff: BaselineDiff | undefined; readonly error: string | undefined } | undefined;
  /** What the run was made from, when the scenario loaded. */
  readonly provenance?: Provenance;
}

/** A test case of one scenario, as JUnit and the summaries show it. */
export interface SuiteCase {
  readonly name: string;
  readonly classname: string;
  readonly passed: boolean;
  readonly severity: "critical" | "warning";
  readonly message: string;
  /** The case could not be evaluated (an invalid scenario, an unreadable baseline): a JUnit error, not a failure. */
  readonly error?: boolean;
}

/** Why a run stopped at a limit, in a sentence, or undefined when it ended within its limits. */
export function limitOf(run: Run): string | undefined {
  if (budgetThatRanOut(run) !== undefined) return budgetMessage(run);
  if (run.unsettled.length > 0) return `the run did not settle by the horizon: ${run.unsettled.join(", ")} still impacted. Raise horizon or add recovery steps`;
  return undefined;
}

/** The outcome of a single run (`outage-sim run`): its checks and limits, no baseline; the same cases as `outage-sim test` gives. */
export function outcomeOfRun(run: Run): ScenarioOutcome {
  return { file: run.provenance?.scenario.path ?? run.scenario.name, name: run.scenario.name, problems: [], steadyState: [], steadyHeld: true, verdicts: run.verdicts, limit: limitOf(run), baseline: undefined, ...(run.provenance !== undefined ? { provenance: run.provenance } : {}) };
}

function verdictCase(v: CheckVerdict, classname: string): SuiteCase {
  return { name: v.name, classname, passed: v.passed, severity: v.severity, message: `${v.passed ? "held" : "failed"}: got ${v.actual} (${v.check})` };
}

/** The test cases of one scenario: validity, each steady-state and outcome check, the run's limits, the baseline. */
export function casesOf(outcome: ScenarioOutcome): SuiteCase[] {
  const base = outcome.name;
  if (outcome.problems.length > 0) {
    return [{ name: "scenario is valid", classname: `${base}.scenario`, passed: false, severity: "critical", message: outcome.problems.join("\n"), error: true }];
  }
  const cases = outcome.steadyState.map((v) => verdictCase(v, `${base}.steadyState`));
  if (!outcome.steadyHeld) {
    cases.push({ name: "cascade", classname: `${base}.outcome`, passed: false, severity: "critical", message: "not evaluated: the steady state did not hold before the first fault" });
    return cases;
  }
  cases.push(...outcome.verdicts.map((v) => verdictCase(v, `${base}.outcome`)));
  cases.push({ name: "run ends within its limits", classname: `${base}.run`, passed: outcome.limit === undefined, severity: "critical", message: outcome.limit ?? "settled before the horizon" });
  if (outcome.baseline !== undefined) {
    const { file, diff, error } = outcome.baseline;
    const passed = error === undefined && diff !== undefined && diff.regressions === 0;
    const message = error !== undefined ? error : `${file}\n${renderBaselineDiff(diff as BaselineDiff)}`;
    cases.push({ name: "matches its baseline", classname: `${base}.baseline`, passed, severity: "critical", message, ...(error !== undefined ? { error: true } : {}) });
  }
  return cases;
}

/** The exit code of one scenario: 2 invalid input (scenario or baseline), 3 a limit, 1 a failed critical case, else 0. */
export function exitCodeOf(outcome: ScenarioOutcome): number {
  if (outcome.problems.length > 0 || outcome.baseline?.error !== undefined) return 2;
  if (outcome.steadyHeld && outcome.limit !== undefined) return 3;
  return casesOf(outcome).some((c) => !c.passed && c.severity === "critical") ? 1 : 0;
}

/** The exit code of a whole test run: the gravest of its scenarios' (2 before 3 before 1 before 0). */
export function suiteExitCode(outcomes: readonly ScenarioOutcome[]): number {
  const codes = outcomes.map(exitCodeOf);
  for (const code of [2, 3, 1]) if (codes.includes(code)) return code;
  return 0;
}

function statusWord(code: number): string {
  return code === 0 ? "ok" : code === 2 ? "ERROR" : code === 3 ? "LIMIT" : "FAIL";
}

function oneLine(outcome: ScenarioOutcome): string {
  if (outcome.problems.length > 0) return `${outcome.problems.length} problem(s) in the scenario`;
  const parts: string[] = [];
  const checks = [...outcome.steadyState, ...(outcome.steadyHeld ? outcome.verdicts : [])];
  const failed = checks.filter((v) => !v.passed).length;
  parts.push(failed === 0 ? `${checks.length} check(s) held` : `${failed} of ${checks.length} check(s) failed`);
  if (!outcome.steadyHeld) parts.push("steady state broken: cascade not evaluated");
  if (outcome.limit !== undefined && outcome.steadyHeld) parts.push("stopped at a limit");
  if (outcome.baseline !== undefined && outcome.steadyHeld) {
    const { diff, error } = outcome.baseline;
    parts.push(error !== undefined ? "baseline unreadable" : diff!.regressions > 0 ? `baseline: ${diff!.regressions} regression(s)` : diff!.items.length === 0 ? "baseline: no difference" : `baseline: ${diff!.items.length} difference(s), none beyond tolerance`);
  } else if (outcome.baseline === undefined && outcome.problems.length === 0) parts.push("no baseline");
  return parts.join("; ");
}

/** The text summary of `outage-sim test`: a line per scenario, the failures under it, and a count. */
export function renderSuiteText(outcomes: readonly ScenarioOutcome[]): string {
  const lines: string[] = [];
  for (const outcome of outcomes) {
    const code = exitCodeOf(outcome);
    lines.push(`${statusWord(code).padEnd(5)} ${outcome.file}  ${oneLine(outcome)}\n`);
    for (const c of casesOf(outcome)) {
      if (c.passed) continue;
      const head = c.severity === "critical" ? "FAIL" : "warn";
      for (const [i, line] of c.message.trimEnd().split("\n").entries()) lines.push(`      ${i === 0 ? `${head}  ${c.name}: ` : "  "}${line}\n`);
    }
  }
  const codes = outcomes.map(exitCodeOf);
  const count = (pred: (c: number) => boolean): number => codes.filter(pred).length;
  lines.push(`${outcomes.length} scenario(s): ${count((c) => c === 0)} passed, ${count((c) => c === 1 || c === 3)} failed, ${count((c) => c === 2)} invalid\n`);
  return lines.join("");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The Markdown summary for a CI job page (e.g. `$GITHUB_STEP_SUMMARY`): a table of scenarios, then every failure. */
export function renderSuiteMarkdown(outcomes: readonly ScenarioOutcome[]): string {
  const codes = outcomes.map(exitCodeOf);
  const bad = codes.filter((c) => c !== 0).length;
  const out = [`## outage-sim test: ${bad === 0 ? `all ${outcomes.length} scenario(s) passed` : `${bad} of ${outcomes.length} scenario(s) failed`}\n\n`];
  out.push("| scenario | result | details |\n|---|---|---|\n");
  outcomes.forEach((o, i) => out.push(`| \`${cell(o.file)}\` | ${codes[i] === 0 ? "✅ pass" : `❌ ${statusWord(codes[i] as number).toLowerCase()}`} | ${cell(oneLine(o))} |\n`));
  for (const o of outcomes) {
    const failed = casesOf(o).filter((c) => !c.passed);
    if (failed.length === 0) continue;
    out.push(`\n### ${o.name} (\`${cell(o.file)}\`)\n\n`);
    for (const c of failed) {
      const [first, ...rest] = c.message.trimEnd().split("\n");
      out.push(`- ${c.severity === "critical" ? "❌" : "⚠️"} **${c.name}**: ${first ?? ""}\n`);
      if (rest.length > 0) out.push(`\n  \`\`\`\n${rest.map((l) => `  ${l}`).join("\n")}\n  \`\`\`\n`);
    }
  }
  return out.join("");
}
