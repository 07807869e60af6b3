import { existsSync } from "node:fs";
import { createBaseline, parseBaseline, renderBaseline, type Baseline } from "../runner/baseline.js";
import type { Run } from "../runner/run.js";
import { LOADER_LIMITS } from "../scenario/limits.js";
import { UserError } from "./exit-codes.js";
import { writeFileAtomic } from "./io.js";
import { readInputFile } from "./safe-io.js";

/** The outcome of reading a baseline file: the baseline, or a one-sentence reason with a fix (for `test`, which goes on to the next scenario). */
export type BaselineRead = { ok: true; baseline: Baseline } | { ok: false; message: string };

/** Reads and checks a baseline file without throwing; `fixHint` is the command that re-creates it. */
export function tryReadBaseline(file: string, fixHint: string): BaselineRead {
  if (!existsSync(file)) return { ok: false, message: `no baseline at "${file}". Create it with \`${fixHint}\`` };
  const read = readInputFile(file, LOADER_LIMITS.maxFileBytes);
  if (!read.ok) return { ok: false, message: `cannot read the baseline "${file}": ${read.reason}. Give the path of a .baseline.json file, or re-create it with \`${fixHint}\`` };
  const text = read.text;
  const parsed = parseBaseline(text);
  if (!parsed.ok) return { ok: false, message: `the baseline "${file}" is broken: ${parsed.message}. Re-create it with \`${fixHint}\`` };
  return parsed;
}

/** Reads and checks a baseline file, or throws a {@link UserError} (exit 2) saying what is wrong and how to re-create it. */
export function readBaseline(file: string, fixHint: string): Baseline {
  const read = tryReadBaseline(file, fixHint);
  if (!read.ok) throw new UserError(read.message);
  return read.baseline;
}

/** Writes a baseline file atomically. */
export function writeBaseline(baseline: Baseline, file: string): void {
  writeFileAtomic(file, renderBaseline(baseline));
}

/** Writes the cascade signature of a run to `file`, atomically (for `run --save-baseline FILE`). */
export function saveBaseline(run: Run, file: string): void {
  writeBaseline(createBaseline(run), file);
}

/** The error of a baseline recorded for another scenario, or undefined when it belongs to this one. */
export function baselineMismatch(baseline: Baseline, scenarioName: string, file: string): string | undefined {
  if (baseline.scenario === scenarioName) return undefined;
  return `the baseline "${file}" is for scenario "${baseline.scenario}", not "${scenarioName}". Pass the right --baseline, or re-create it with --update`;
}
