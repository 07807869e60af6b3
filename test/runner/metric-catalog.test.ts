import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileReader } from "../../src/cli/io.js";
import { CLOUD_KIND_METRICS } from "../../src/model/cloud/metric-catalog.js";
import { buildServiceBehavior, CLOUD_KINDS } from "../../src/model/cloud/index.js";
import { fakeContext } from "../model/cloud/harness.js";
import { facilityMetricNames } from "../../src/model/facility/metric-catalog.js";
import { buildWorld } from "../../src/runner/world.js";
import { loadScenario } from "../../src/scenario/load.js";
import { ROOT } from "../support/cli.js";

const FILES = [
  ...readdirSync(join(ROOT, "scenarios")).filter((f) => f.endsWith(".yaml")).map((f) => join("scenarios", f)),
  ...readdirSync(join(ROOT, "fixtures", "load")).filter((f) => f.endsWith(".yaml")).map((f) => join("fixtures", "load", f)),
  join("fixtures", "scenarios", "zone-storage.yaml"),
];

describe("the metric catalog", () => {
  it.each(FILES)("%s: the facility's catalog and every kind's list are what the built world answers", (file) => {
    const loaded = loadScenario(join(ROOT, file), fileReader);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    const scenario = loaded.loaded.scenario;
    const world = buildWorld(scenario, scenario.seed);
    expect(facilityMetricNames(world.facilityConfig)).toEqual(world.facility.metricNames());
    for (const s of scenario.services) {
      if (s.kind === "generic") continue;
      const built = Object.keys(world.network.behaviorMetrics(s.id) ?? {});
      expect(built, `${file}: ${s.id} (${s.kind})`).toEqual(CLOUD_KIND_METRICS[s.kind as keyof typeof CLOUD_KIND_METRICS]);
    }
  });

  it("covers every cloud kind (the shipped scenarios and fixtures have all but replicated, built here)", () => {
    const kinds = new Set<string>(["replicated"]);
    for (const file of FILES) {
      const loaded = loadScenario(join(ROOT, file), fileReader);
      if (loaded.ok) for (const s of loaded.loaded.scenario.services) kinds.add(s.kind);
    }
    expect([...kinds].filter((k) => k !== "generic").sort()).toEqual([...CLOUD_KINDS].sort());
    const replicated = buildServiceBehavior("r", { kind: "replicated", clusters: ["c1", "c2", "c3"], replicas: 3, needed: 2 }, fakeContext({ c1: 10, c2: 10, c3: 10 }));
    expect(Object.keys(replicated.metrics())).toEqual(CLOUD_KIND_METRICS.replicated);
  });
});
