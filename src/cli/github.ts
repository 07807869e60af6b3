/**
 * GitHub Actions workflow commands (`--format github`): one `::error file=…,line=…,col=…::message`
 * line per problem or failure, which GitHub shows as an annotation on the file and line of a pull
 * request. https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import type { BaselineDiff } from "../runner/baseline-diff.js";
import type { CheckVerdict } from "../runner/run.js";
import type { ScenarioProblem, SourceLocation } from "../scenario/problem.js";

/** One annotation. */
export interface Annotation {
  readonly level: "error" | "warning" | "notice";
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly title?: string;
  readonly message: string;
}

/** Escapes a message (the data after `::`). */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a property value (file, title), where `:` and `,` separate properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** The workflow command line of an annotation, with its newline. */
export function formatAnnotation(a: Annotation): string {
  const props: string[] = [];
  if (a.file !== undefined) props.push(`file=${escapeProperty(a.file)}`);
  if (a.line !== undefined) props.push(`line=${a.line}`);
  if (a.col !== undefined) props.push(`col=${a.col}`);
  if (a.title !== undefined) props.push(`title=${escapeProperty(a.title)}`);
  return `::${a.level}${props.length > 0 ? ` ${props.join(",")}` : ""}::${escapeData(a.message)}\n`;
}

/** An annotation at a source location. */
export function annotationAt(level: Annotation["level"], location: SourceLocation, title: string, message: string): Annotation {
  return { level, file: location.file, line: location.line, col: location.col, title, message };
}

/** The annotation of a scenario problem: at its file, line and column, titled with its path. */
export function problemAnnotation(problem: ScenarioProblem): Annotation {
  return annotationAt("error", problem.location, problem.path === "" ? "invalid scenario" : `invalid scenario: ${problem.path}`, problem.message);
}

/** A failed check, at its line in the scenario: an error when critical, a warning otherwise. */
export function verdictAnnotation(verdict: CheckVerdict, location: SourceLocation, group: string): Annotation {
  return annotationAt(verdict.severity === "critical" ? "error" : "warning", location, `${group}${verdict.name}`, `failed: got ${verdict.actual} (${verdict.check})`);
}

/** Each regression of a baseline diff, on the baseline file. */
export function regressionAnnotations(diff: BaselineDiff, baselineFile: string, scenarioName: string): Annotation[] {
  return diff.items.filter((i) => i.status === "regression").map((i) => ({ level: "error" as const, file: baselineFile, title: `${scenarioName}: regression`, message: i.text }));
}
