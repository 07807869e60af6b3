/**
 * Checks sweep axes before anything runs: the scenario is loaded once with each value of each axis
 * alone, and every problem a value brings is reported, named by its axis and value (not only the
 * first, and not only when `sweep` gets to that cell). A value alone is checked, not every
 * combination: an axis of n values and one of m cost n + m loads, not n × m.
 */
import { loadScenario } from "./load.js";
import { readSweepSettings, type SweepAxis } from "./overrides.js";
import { formatProblem, type ScenarioProblem } from "./problem.js";
import type { SourceReader } from "./source.js";

/** A problem of applying an override starts with `--set <text>: `; under an axis of the file that would be misleading. */
function withoutSetPrefix(message: string, text: string): string {
  const prefix = `--set ${text}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/**
 * Every problem of the scenario at `file` with one axis value applied, for each value of each axis. A problem of an
 * axis written in the file is placed at that axis; one of a command-line axis keeps its own place and names the `--set`.
 * The scenario without overrides is expected to load (check it first: its problems would repeat for every value).
 */
export function checkAxes(file: string, axes: readonly SweepAxis[], reader: SourceReader): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const seen = new Set<string>();
  for (const axis of axes) {
    for (const value of axis.values) {
      const result = loadScenario(file, reader, { overrides: [value] });
      if (result.ok) continue;
      for (const problem of result.problems) {
        const made: ScenarioProblem =
          axis.location === undefined
            ? { ...problem, message: `${problem.message} (with --set ${value.text})` }
            : {
                location: axis.location,
                path: `sweep.axes[${JSON.stringify(axis.path)}]`,
                message: `the value ${value.text.slice(value.path.length + 1)}: ${problem.path === "" || problem.path === axis.path ? "" : `${problem.path}: `}${withoutSetPrefix(problem.message, value.text)}`,
              };
        const key = formatProblem(made);
        if (seen.has(key)) continue;
        seen.add(key);
        problems.push(made);
      }
    }
  }
  return problems;
}

/** Every problem of a scenario file's `sweep` block: how it is written, then each axis value applied (the file itself must load). */
export function checkSweepBlock(file: string, reader: SourceReader): ScenarioProblem[] {
  const settings = readSweepSettings(file, reader);
  return settings.ok ? checkAxes(file, settings.settings.axes, reader) : settings.problems;
}
