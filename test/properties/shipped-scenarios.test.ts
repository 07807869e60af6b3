import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileReader } from "../../src/cli/io.js";
import { renderJson } from "../../src/report/json.js";
import { runScenario } from "../../src/runner/run-scenario.js";
import { loadScenario } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { ROOT } from "../support/cli.js";

const files = readdirSync(join(ROOT, "scenarios")).filter((f) => f.endsWith(".yaml")).sort();
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

function load(name: string): Scenario {
  const result = loadScenario(join(ROOT, "scenarios", name), fileReader);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  return result.loaded.scenario;
}

describe.each(files)("shipped scenario %s", (name) => {
  const scenario = load(name);

  it("is byte-identical when run twice with the same seed", () => {
    expect(renderJson(runScenario(scenario, { seed: 11 }))).toBe(renderJson(runScenario(scenario, { seed: 11 })));
  });

  it("over many seeds: ends within its limits, breaks no invariant, and every impacted app's cascade reaches an injected fault", () => {
    for (const seed of SEEDS) {
      const run = runScenario(scenario, { seed });
      expect(run.stop.reason, `seed ${seed}`).not.toBe("event-budget");
      expect(run.invariantViolations, `seed ${seed}`).toEqual([]);
      const impacted = run.impacts.filter((i) => i.impacted).map((i) => i.app);
      expect(run.explanations.map((e) => e.app), `seed ${seed}`).toEqual(impacted);
      for (const explanation of run.explanations) {
        const root = run.trace[explanation.chain[0] as number];
        expect(root?.causes, `seed ${seed} ${explanation.app}`).toEqual([]);
        expect(explanation.roots.some((id) => run.trace[id]?.layer === "fault"), `seed ${seed} ${explanation.app}`).toBe(true);
        expect(explanation.chain[explanation.chain.length - 1]).toBe(explanation.impactTransition);
      }
    }
  });

  it("over many seeds: trace causes always point back in time", () => {
    for (const seed of SEEDS.slice(0, 5)) {
      const run = runScenario(scenario, { seed });
      for (const t of run.trace) for (const c of t.causes) expect(run.trace[c]!.atMs).toBeLessThanOrEqual(t.atMs);
    }
  });
});
