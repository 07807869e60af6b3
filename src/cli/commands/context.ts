import { InvalidArgumentError } from "commander";
import { MAX_HORIZON_MS, parseDurationMs } from "../../scenario/schema/units.js";
import { writeFileAtomic } from "../io.js";

/** Output streams, injectable so the CLI can run in-process too. */
export interface Streams {
  out(text: string): void;
  err(text: string): void;
}

/** The options every command accepts, before or after its name (`outage-sim --no-color validate x.yaml`). */
export interface GlobalOptions {
  /** False with --no-color. */
  readonly color: boolean;
  /** --width N, when given. */
  readonly width: number | undefined;
}

/** What every command is given: where to write, the global options, and how to set the exit code and the seed for error messages. */
export interface CommandContext {
  readonly streams: Streams;
  setCode(code: number): void;
  setSeed(seed: number): void;
  /** The global options of this invocation (known once the command's options are parsed). */
  globals(): GlobalOptions;
}

/** Parses --width: a whole number of columns. */
export function parseWidth(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 100_000) throw new InvalidArgumentError("the width is a whole number of columns, e.g. --width 100.");
  return Number(value);
}

/** Parses --seed: a whole number ≥ 0. */
export function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError("the seed is a whole number ≥ 0, e.g. --seed 42.");
  return Number(value);
}

/** Parses --horizon: a duration with a unit. */
export function parseHorizon(value: string): number {
  const ms = parseDurationMs(value);
  if (ms === undefined || ms <= 0) throw new InvalidArgumentError("write a duration with a unit, e.g. --horizon 16h or --horizon 90m.");
  if (ms > MAX_HORIZON_MS) throw new InvalidArgumentError("the horizon is at most 366d.");
  return ms;
}

/** Writes output to stdout, or atomically to a file. */
export function emit(content: string, outFile: string | undefined, streams: Streams): void {
  if (outFile === undefined) streams.out(content);
  else writeFileAtomic(outFile, content);
}
