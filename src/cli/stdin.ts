import { readFileSync } from "node:fs";
import { LOADER_LIMITS } from "../scenario/limits.js";
import type { SourceReader } from "../scenario/source.js";
import { UserError } from "./exit-codes.js";
import { fileReader } from "./io.js";

/** The name a scenario read from standard input goes by in problems and reports. */
export const STDIN_NAME = "<stdin>";

/** Reads all of standard input as text, refusing more than a scenario file may hold. */
function readStdin(): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(0);
  } catch (error) {
    throw new UserError(`cannot read the scenario from standard input: ${(error as Error).message}`);
  }
  if (bytes.length > LOADER_LIMITS.maxFileBytes) throw new UserError(`the scenario on standard input is larger than ${LOADER_LIMITS.maxFileBytes} bytes`);
  if (bytes.length === 0) throw new UserError("standard input is empty: pipe a scenario in, e.g. outage-sim run - < my.yaml");
  return bytes.toString("utf8");
}

/**
 * A reader for `run -`: the scenario comes from standard input (read once, named `<stdin>`); the
 * files it imports are read from disk, relative to the current folder.
 */
export function stdinReader(): SourceReader {
  const text = readStdin();
  return { read: (path) => (path === STDIN_NAME ? { ok: true, text } : fileReader.read(path)) };
}
