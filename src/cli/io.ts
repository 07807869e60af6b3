import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceReader } from "../scenario/source.js";
import { LOADER_LIMITS } from "../scenario/limits.js";
import { UserError } from "./exit-codes.js";

/** The package's root folder (where scenarios/ lives), found from this compiled file. */
export function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
}

/** The folder of the shipped scenarios. */
export function shippedScenariosDir(): string {
  return join(packageRoot(), "scenarios");
}

/** Reads files from disk for the scenario loader, refusing what is too large before reading it. */
export const fileReader: SourceReader = {
  read(path) {
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) return { ok: false, reason: "it is a folder, not a file" };
      if (stat.size > LOADER_LIMITS.maxFileBytes) return { ok: false, reason: `it is larger than ${LOADER_LIMITS.maxFileBytes} bytes` };
      return { ok: true, text: readFileSync(path, "utf8") };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, reason: code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String((error as Error).message) };
    }
  },
};

/** The shipped scenario files, sorted by name. */
export function listShippedScenarios(): string[] {
  const dir = shippedScenariosDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort().map((f) => join(dir, f));
}

/** Resolves what a user typed: an existing path, or the name of a shipped scenario (with or without .yaml). */
export function resolveScenarioPath(given: string): string {
  if (existsSync(given)) return given;
  const name = given.endsWith(".yaml") ? given : `${given}.yaml`;
  if (basename(name) === name) {
    const shipped = join(shippedScenariosDir(), name);
    if (existsSync(shipped)) return shipped;
  }
  const known = listShippedScenarios().map((f) => basename(f)).join(", ");
  throw new UserError(`no scenario at "${given}". Give a path to a scenario file, or a shipped scenario name: ${known}`);
}

/** Writes a whole file atomically: a temporary file beside it, flushed, then renamed over the target. */
export function writeFileAtomic(path: string, content: string): void {
  const dir = dirname(resolve(path));
  if (!existsSync(dir)) throw new UserError(`cannot write "${path}": folder ${dir} does not exist. Create it first`);
  const temp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temp, "w");
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    if (error instanceof UserError) throw error;
    throw new UserError(`cannot write "${path}": ${(error as Error).message}`);
  }
}
