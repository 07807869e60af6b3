import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileReader } from "../../src/cli/io.js";
import { runScenario } from "../../src/runner/run-scenario.js";
import { loadScenario } from "../../src/scenario/load.js";
import { ROOT } from "../support/cli.js";

describe("fixtures/scenarios/zone-storage.yaml", () => {
  it("fails the single-zone storage pool and keeps the multi-zone one, in the same region and the same fault", () => {
    const loaded = loadScenario(join(ROOT, "fixtures", "scenarios", "zone-storage.yaml"), fileReader);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const run = runScenario(loaded.loaded.scenario);
    const impact = (app: string) => run.impacts.find((i) => i.app === app);
    expect(impact("photos-lrs")?.impacted).toBe(true);
    expect(impact("photos-zrs")?.impacted).toBe(false);
    expect(run.verdicts.every((v) => v.passed)).toBe(true);
    expect(run.trace.some((t) => t.component === "cos-lrs" && t.to === "down")).toBe(true);
    expect(run.trace.some((t) => t.component === "cos-zrs" && t.to !== "healthy")).toBe(false);
  });
});
