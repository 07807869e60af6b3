import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileReader } from "../../../src/cli/io.js";
import { loadScenario } from "../../../src/scenario/load.js";
import { Simulation } from "../../../src/engine/simulation.js";
import { TraceRecorder } from "../../../src/model/core/trace.js";
import { deriveStream } from "../../../src/engine/rng.js";
import { buildFacility, facilityMetricNames, normalizeFacility } from "../../../src/model/facility/facility-model.js";

/** Every valid scenario shipped or kept as a fixture. */
function scenarioFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".yaml")) out.push(path);
    }
  };
  walk("scenarios");
  walk("fixtures");
  return out;
}

describe("facilityMetricNames", () => {
  const loaded = scenarioFiles().map((file) => ({ file, result: loadScenario(file, fileReader) })).filter((x) => x.result.ok);

  it("covers a fair number of scenarios", () => {
    expect(loaded.length).toBeGreaterThan(10);
  });

  it.each(loaded.map((x) => [x.file, x.result] as const))("lists exactly what the built facility answers: %s", (_file, result) => {
    if (!result.ok) throw new Error("unreachable");
    const config = normalizeFacility(result.loaded.scenario.facility);
    const sim = new Simulation();
    const built = buildFacility(config, { sim, trace: new TraceRecorder(), stream: (id, p) => deriveStream(1, id, p), capacityChanged: () => {} });
    expect(facilityMetricNames(config)).toEqual(built.metricNames());
  });
});
