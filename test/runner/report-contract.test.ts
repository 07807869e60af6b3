import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileReader } from "../../src/cli/io.js";
import { renderJson } from "../../src/report/json.js";
import { runScenario } from "../../src/runner/run-scenario.js";
import { loadScenarioOrThrow } from "../../src/scenario/load.js";
import { reportProblem } from "../../fuzz/oracle.js";
import { ROOT } from "../support/cli.js";

/** Every runnable scenario of the repository: the shipped ones and the fixtures that run. */
const FILES = [
  ...readdirSync(join(ROOT, "scenarios")).filter((f) => f.endsWith(".yaml")).map((f) => join("scenarios", f)),
  ...["load", "ci", "scenarios", "sweep"].flatMap((dir) => readdirSync(join(ROOT, "fixtures", dir)).filter((f) => f.endsWith(".yaml")).map((f) => join("fixtures", dir, f))),
].sort();

describe("the report keeps its contract", () => {
  for (const file of FILES) {
    it(`${file}: every transition's causes reach a fault, an operator step or the apps' own demand, and the numbers are finite`, () => {
      const loaded = loadScenarioOrThrow(join(ROOT, file), fileReader);
      expect(reportProblem(renderJson(runScenario(loaded.scenario)))).toBeUndefined();
    });
  }

  it("roots a daily peak that overloads a service in the apps' demand, not in the service (or in an old surge)", () => {
    const loaded = loadScenarioOrThrow(join(ROOT, "fixtures", "load", "surge-then-daily-peak.yaml"), fileReader);
    const run = runScenario(loaded.scenario);
    const degraded = run.trace.find((t) => t.component === "api" && t.to === "degraded")!;
    expect(degraded.causes.map((c) => run.trace[c]?.component)).toEqual(["load-demand"]);
    expect(run.trace[degraded.causes[0]!]?.detail).toMatch(/^the apps' own demand \(their daily profiles\), no fault: web [\d,]+ req\/s$/);
  });
});
