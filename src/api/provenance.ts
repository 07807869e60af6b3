import { createHash } from "node:crypto";
import { dirname, relative, resolve } from "node:path";
import type { Provenance, SourceFile } from "../runner/provenance.js";
import type { SourceReader } from "../scenario/source.js";
import { toolVersion } from "./version.js";

/** A reader that remembers every file it read, in order, with the SHA-256 of its text. */
export interface RecordingReader extends SourceReader {
  /** The files read so far: path as the loader asked for it, and the hash. */
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
}

/** Lower-case hex SHA-256 of a text's UTF-8 bytes (the file's bytes, for a UTF-8 file). */
export function sha256Of(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Wraps a reader so the files the loader reads (the scenario and its imports) can be named and hashed afterwards. */
export function recordingReader(base: SourceReader): RecordingReader {
  const files: { path: string; sha256: string }[] = [];
  return {
    files,
    read(path) {
      const result = base.read(path);
      if (result.ok && !files.some((f) => f.path === path)) files.push({ path, sha256: sha256Of(result.text) });
      return result;
    },
  };
}

/** What the command line gave, besides the scenario. */
export interface GivenOptions {
  readonly seed?: number;
  /** A --horizon as typed. */
  readonly horizon?: string;
  /** Every --set as typed (`path=value`). */
  readonly set?: readonly string[];
}

/**
 * The provenance of a run: `given` is the scenario as the user named it, `path` the file it resolved
 * to; imports are named relative to the scenario's folder, so the record holds no machine's paths.
 */
export function buildProvenance(given: string, path: string, files: RecordingReader["files"], run: { seed: number; horizonMs: number }, options: GivenOptions): Provenance {
  const [first, ...rest] = files;
  const main: SourceFile = { path: given, sha256: first?.sha256 ?? "" };
  const folder = dirname(resolve(path));
  const imports = rest.map((f) => ({ path: relative(folder, resolve(f.path)).split("\\").join("/"), sha256: f.sha256 }));
  return {
    tool: { name: "outage-sim", version: toolVersion() },
    scenario: main,
    imports,
    seed: run.seed,
    horizonMs: run.horizonMs,
    overrides: { seed: options.seed ?? null, horizon: options.horizon ?? null, set: [...(options.set ?? [])] },
  };
}
