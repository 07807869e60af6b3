/**
 * Provenance: what a report was made from, enough to make it again. Every report format prints it,
 * and the replay command is built from it alone.
 */
import { shellWord } from "./sweep.js";

/** One file the scenario was read from, with the SHA-256 of its bytes. */
export interface SourceFile {
  /** The path: the scenario's as the user gave it; an import's relative to the scenario's folder. */
  readonly path: string;
  /** Lower-case hex SHA-256 of the file's bytes. */
  readonly sha256: string;
}

/** What a run was made from: the tool, the files, the seed, the horizon and every override. */
export interface Provenance {
  readonly tool: { readonly name: string; readonly version: string };
  /** The scenario file, its path as given (a path, or a shipped scenario's name). */
  readonly scenario: SourceFile;
  /** Every file the scenario imports, directly or not, in the order they were read. */
  readonly imports: readonly SourceFile[];
  /** The seed the run used (the scenario's, or the one given). */
  readonly seed: number;
  /** The horizon the run used, in ms. */
  readonly horizonMs: number;
  /** What the command line changed: a seed, a horizon (as typed), values (`path=value`, in order). */
  readonly overrides: {
    readonly seed: number | null;
    readonly horizon: string | null;
    readonly set: readonly string[];
  };
}

/**
 * The command that makes the same report again, byte for byte: the scenario as given, then the
 * options that were given (`--seed`, `--horizon`, every `--set`). Without a `--seed` the scenario's
 * own seed is used again; the recorded SHA-256 says whether the file is still the same.
 */
export function replayCommand(provenance: Provenance): string {
  const words = ["outage-sim", "run", shellWord(provenance.scenario.path)];
  if (provenance.overrides.seed !== null) words.push("--seed", String(provenance.overrides.seed));
  if (provenance.overrides.horizon !== null) words.push("--horizon", shellWord(provenance.overrides.horizon));
  for (const set of provenance.overrides.set) words.push("--set", shellWord(set));
  return words.join(" ");
}
