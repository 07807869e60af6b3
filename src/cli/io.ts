import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceReader } from "../scenario/source.js";
import { LOADER_LIMITS } from "../scenario/limits.js";
import { UserError } from "./exit-codes.js";
import { isWithin, readInputFile, realPathOf, writeOutputFile } from "./safe-io.js";

/** The package's root folder (where scenarios/ lives), found from this compiled file. */
export function packageRoot(): string {
  // Compiled, this file is dist/src/cli/io.js; run from source (tests), src/cli/io.ts: the first folder up with package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4 && !existsSync(join(dir, "package.json")); up++) dir = dirname(dir);
  return dir;
}

/** The folder of the shipped scenarios. */
export function shippedScenariosDir(): string {
  return join(packageRoot(), "scenarios");
}

/** Folders imports may read besides the importing scenario's own folder tree (`--import-root`). */
const extraImportRoots: string[] = [];

/** Allows imports from `dir` and everything under it, for every scenario loaded from now on. */
export function allowImportRoot(dir: string): void {
  extraImportRoots.push(realPathOf(dir));
}

/** The shipped topologies, importable from anywhere. */
export function shippedTopologiesDir(): string {
  return join(packageRoot(), "fixtures", "topologies");
}

/**
 * Reads files from disk for the scenario loader: opened once, a regular file under the size limit, read with the
 * limit. An import (`within` given) must resolve, links followed, inside one of those folders, a folder named with
 * --import-root, or the shipped topologies.
 */
export const fileReader: SourceReader = {
  read(path, within) {
    if (within !== undefined) {
      const real = realPathOf(path);
      const roots = [...within.map(realPathOf), ...extraImportRoots, realPathOf(shippedTopologiesDir())];
      if (!roots.some((root) => isWithin(real, root))) {
        return { ok: false, reason: `it is outside the scenario's folder (${within[0] ?? "."}); imports may only read files under the importing scenario's folder. Move the file there, or allow its folder with --import-root DIR` };
      }
    }
    const read = readInputFile(path, LOADER_LIMITS.maxFileBytes);
    return read.ok ? { ok: true, text: read.text } : read;
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

/**
 * Writes a whole output file: a regular file atomically (never half-written), a link's target, a device or FIFO
 * as a stream; see {@link writeOutputFile}.
 */
export function writeFileAtomic(path: string, content: string): void {
  writeOutputFile(path, content);
}
