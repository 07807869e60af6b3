import { describe, expect, it } from "vitest";
import { harness } from "./harness.js";
import type { FacilityInput } from "../../../src/model/facility/config.js";
import { normalizeFacility } from "../../../src/model/facility/config.js";
import { noCoolingBoundCelsius } from "../../../src/model/facility/thermal-zone.js";

const MIN = 60_000;

function region(): FacilityInput {
  return {
    power: {
      feeds: [
        { id: "it", ups: { batteryMinutes: 8 }, generators: { count: 2, needed: 1, startFailureProbability: 0.3 } },
        { id: "mech", generators: { count: 1, needed: 1, startFailureProbability: 0.3 } },
      ],
    },
    plants: [{ id: "p1", feed: "mech", chillers: { count: 4, standby: 1 }, storage: { rideThroughMinutes: 5 } }],
    halls: [
      { id: "h1", plant: "p1", feed: "it" },
      { id: "h2", plant: "p1", feed: "it", floorAreaM2: 600 },
    ],
    clusters: [
      { id: "c1", hall: "h1", role: "compute", servers: 600, kwPerServer: 0.5 },
      { id: "s1", hall: "h1", role: "storage", servers: 300, kwPerServer: 0.4 },
      { id: "c2", hall: "h2", role: "compute", servers: 500, kwPerServer: 0.3 },
    ],
  };
}

/** A run with faults and actions at seed-dependent times; samples every minute. */
function scenario(seed: number): { trace: string; maxOverBound: number; violations: string[] } {
  const input = region();
  const cfg = normalizeFacility(input);
  const h = harness(input, seed);
  const j = (k: number): number => ((seed * 7919 + k * 104_729) % 60) * MIN;
  const grid = { type: "power:utility-loss" } as const;
  h.faultAt(j(1), grid);
  h.clearAt(j(1) + 30 * MIN, grid);
  h.faultAt(j(2), { type: "cooling:chiller-fail", plant: "p1", count: 1 + (seed % 4) });
  h.actionAt(60 * MIN + j(3), { action: "shed-load", role: "storage", fraction: 0.5 });
  h.actionAt(90 * MIN + j(4), { action: "restart-chillers", plant: "p1" });
  h.actionAt(100 * MIN + j(5), { action: "power-on", hall: "h1", batchSize: 100, every: 3 * MIN });
  h.actionAt(100 * MIN + j(6), { action: "power-on", hall: "h2", batchSize: 100, every: 3 * MIN });
  let maxOverBound = Number.NEGATIVE_INFINITY;
  const violations: string[] = [];
  for (let m = 1; m <= 300; m++) {
    h.at(m * MIN, () => {
      violations.push(...h.model.invariantViolations());
      for (const hall of cfg.halls) {
        const t = h.model.readMetric(`hall.${hall.id}.inletCelsius`)!;
        const bound = noCoolingBoundCelsius({
          heatKw: hall.designItKw, coolingMaxKw: 0, setpointCelsius: hall.setpointCelsius, outsideCelsius: cfg.outsideCelsius,
          capacitanceKjPerK: hall.thermalCapacitanceKjPerK, conductanceKwPerK: hall.lossConductanceKwPerK,
        }, hall.setpointCelsius, m * 60);
        maxOverBound = Math.max(maxOverBound, t - bound);
      }
    });
  }
  h.run(300 * MIN);
  return { trace: JSON.stringify(h.trace.all()), maxOverBound, violations };
}

describe("properties over many seeds", () => {
  const seeds = Array.from({ length: 16 }, (_, i) => i + 1);

  it("a hall never gets hotter than it would with no cooling at all from the start", () => {
    for (const seed of seeds) expect(scenario(seed).maxOverBound).toBeLessThanOrEqual(1e-6);
  });

  it("no invariant breaks: no server up in a hall without power, counters agree", () => {
    for (const seed of seeds) expect(scenario(seed).violations).toEqual([]);
  });

  it("the same seed gives the same trace, byte for byte", () => {
    for (const seed of seeds.slice(0, 6)) expect(scenario(seed).trace).toBe(scenario(seed).trace);
  });

  it("different seeds give different runs", () => {
    expect(scenario(1).trace).not.toBe(scenario(2).trace);
  });
});
