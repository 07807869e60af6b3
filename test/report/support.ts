import { readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileReader } from "../../src/cli/io.js";
import { buildProvenance, recordingReader } from "../../src/api/provenance.js";
import { runScenario } from "../../src/runner/run-scenario.js";
import type { Run } from "../../src/runner/run.js";
import { loadScenarioOrThrow } from "../../src/scenario/load.js";

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, "..", "..");

/** Where the golden outputs live. */
export const GOLDEN_DIR = join(ROOT, "fixtures", "golden");

/** The names of the shipped scenarios (file names without .yaml), sorted. */
export function shippedScenarioNames(): string[] {
  return readdirSync(join(ROOT, "scenarios")).filter((f) => f.endsWith(".yaml")).sort().map((f) => basename(f, ".yaml"));
}

const cache = new Map<string, Run>();

/** Runs a shipped scenario with its own seed, once per test process, with the provenance `outage-sim run <name>.yaml` records. */
export function shippedRun(name: string): Run {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const path = join(ROOT, "scenarios", `${name}.yaml`);
  const reader = recordingReader(fileReader);
  const loaded = loadScenarioOrThrow(path, reader);
  const bare = runScenario(loaded.scenario);
  const run: Run = { ...bare, provenance: buildProvenance(`${name}.yaml`, path, reader.files, bare, {}) };
  cache.set(name, run);
  return run;
}
