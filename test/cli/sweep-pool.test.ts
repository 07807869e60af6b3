import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/runner/run-scenario.js";
import { loadScenario } from "../../src/scenario/load.js";
import { fileReader } from "../../src/cli/io.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import type * as Pool from "../../src/cli/sweep-pool.js";
import { ROOT } from "../support/cli.js";

const SCENARIOS = join(ROOT, "scenarios");

function load(path: string): Scenario {
  const result = loadScenario(path, fileReader);
  if (!result.ok) throw new Error(`${path} did not load`);
  return result.loaded.scenario;
}

/** The built pool: its worker is the compiled sweep-worker.js beside it (npm test builds before it tests). */
async function builtPool(): Promise<typeof Pool> {
  return (await import(pathToFileURL(join(ROOT, "dist", "src", "cli", "sweep-pool.js")).href)) as typeof Pool;
}

describe("the sweep pool", () => {
  // Workers are handed the scenarios the main thread loaded, structured-cloned: a scenario must be plain data.
  it.each(readdirSync(SCENARIOS).filter((f) => f.endsWith(".yaml")))("runs %s identically from a structured clone", (file) => {
    const scenario = load(join(SCENARIOS, file));
    const clone = structuredClone(scenario);
    expect(JSON.stringify(runScenario(clone, { seed: 5 }))).toBe(JSON.stringify(runScenario(scenario, { seed: 5 })));
  });

  it("reports a crashed run with its seed and the cell it belongs to", async () => {
    const { runPool, RunCrash } = await builtPool();
    const scenario = load(join(ROOT, "fixtures", "sweep", "small-a.yaml"));
    const broken = { ...scenario, facility: null } as unknown as Scenario;
    const cell = { overrides: [], apps: [], checks: [] };
    const variants = [
      { scenario, horizonMs: null, cell, label: "" },
      { scenario: broken, horizonMs: null, cell, label: "the cell region.x=1" },
    ];
    const jobs = [0, 1, 2, 3].map((job) => ({ job, cell: job % 2, run: job >> 1, seed: 40 + job, variant: job % 2 }));
    const crash = await runPool({ setup: { variants }, jobs, workers: 1 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(crash).toBeInstanceOf(RunCrash);
    expect((crash as InstanceType<typeof RunCrash>).seed).toBe(41);
    expect((crash as InstanceType<typeof RunCrash>).label).toBe("the cell region.x=1");
  });
});
