/** A place in a scenario file, 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** One thing wrong with a scenario: where, the path of keys, what is wrong and how to fix it. */
export interface ScenarioProblem {
  readonly location: SourceLocation;
  /** Dotted path from the root of the scenario ("faults.chiller-trip.at"), or "" for the whole file. */
  readonly path: string;
  /** "what is wrong. how to fix it" */
  readonly message: string;
}

/** A path of keys and indexes into a parsed document. */
export type ValuePath = readonly (string | number)[];

/** Formats a path as `a.b[0].c`; keys that are not simple words are quoted. */
export function formatPath(path: ValuePath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z0-9_:-]+$/.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** Formats a problem as `file:line:col  path  message` (the path column is left out when empty). */
export function formatProblem(problem: ScenarioProblem): string {
  const { file, line, col } = problem.location;
  const where = `${file}:${line}:${col}`;
  // One problem, one line: a control character quoted from the file (a newline in a value) is shown escaped.
  const message = problem.message.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
  return problem.path === "" ? `${where}  ${message}` : `${where}  ${problem.path}  ${message}`;
}

/** Sorts problems by file, line, column, then message, so reports are stable. */
export function sortProblems(problems: readonly ScenarioProblem[]): ScenarioProblem[] {
  return [...problems].sort((a, b) =>
    a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1
      : a.location.line - b.location.line || a.location.col - b.location.col || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** Raised when a scenario cannot be used; carries every problem found. */
export class ScenarioError extends Error {
  constructor(readonly problems: readonly ScenarioProblem[]) {
    super(`${problems.length} problem(s) in scenario`);
    this.name = "ScenarioError";
  }
}
