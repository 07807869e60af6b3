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

/** The command that makes the same report again: the scenario as given, the seed, a given horizon and every `--set`. */
export function replayCommand(provenance: Provenance): string {
  const words = ["outage-sim", "run", shellWord(provenance.scenario.path), "--seed", String(provenance.seed)];
  if (provenance.overrides.horizon !== null) words.push("--horizon", shellWord(provenance.overrides.horizon));
  for (const set of provenance.overrides.set) words.push("--set", shellWord(set));
  return words.join(" ");
}

/** The same command as an argument list (without the program name), for tools that spawn it. */
export function replayArguments(provenance: Provenance): string[] {
  const args = ["run", provenance.scenario.path, "--seed", String(provenance.seed)];
  if (provenance.overrides.horizon !== null) args.push("--horizon", provenance.overrides.horizon);
  for (const set of provenance.overrides.set) args.push("--set", set);
  return args;
}
