import { replayCommand, type Provenance } from "../runner/provenance.js";

/** One file of the provenance in words: its role, its path and its full hash. */
export interface ProvenanceFile {
  readonly role: "scenario" | "import";
  readonly path: string;
  readonly sha256: string;
}

/** The files a run was made from, scenario first. */
export function provenanceFiles(p: Provenance): ProvenanceFile[] {
  return [{ role: "scenario", ...p.scenario }, ...p.imports.map((f) => ({ role: "import" as const, ...f }))];
}

/** The overrides in words: "seed 42, horizon 12h, --set a=b", or "none". */
export function overridesInWords(p: Provenance): string {
  const parts: string[] = [];
  if (p.overrides.seed !== null) parts.push(`seed ${p.overrides.seed}`);
  if (p.overrides.horizon !== null) parts.push(`horizon ${p.overrides.horizon}`);
  for (const set of p.overrides.set) parts.push(`--set ${set}`);
  return parts.length === 0 ? "none" : parts.join(", ");
}

/**
 * The replay command broken into lines no longer than `width`, joined by shell line continuations
 * (` \`), so a narrow terminal shows the whole command and a copy of it still runs.
 */
export function wrapCommand(command: string, width: number, indent = "    "): string[] {
  const words = command.split(/ (?=(?:[^']*'[^']*')*[^']*$)/);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (line !== "" && candidate.length + 2 > width) {
      lines.push(`${line} \\`);
      line = `${indent}${word}`;
    } else line = candidate;
  }
  lines.push(line);
  return lines;
}

export { replayCommand };
