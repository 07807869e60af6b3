import { describe, expect, it } from "vitest";
import { harness, minutes, oneHall } from "./harness.js";
import type { FacilityInput } from "../../../src/model/facility/config.js";

/** Time of the first thermal shutdown in cluster c1 (ms), or Infinity. */
function firstShutdownMs(h: ReturnType<typeof harness>): number {
  return h.of("c1").find((t) => t.detail?.includes("shut down") === true)?.atMs ?? Number.POSITIVE_INFINITY;
}

/** Time the hall first enters a band (ms), or Infinity. */
function bandMs(h: ReturnType<typeof harness>, label: string): number {
  return h.of("h1").find((t) => t.to === label)?.atMs ?? Number.POSITIVE_INFINITY;
}

function totalLoss(input: FacilityInput, horizonMs = 3 * 3_600_000, seed = 1): ReturnType<typeof harness> {
  const h = harness(input, seed);
  h.faultAt(0, { type: "cooling:chiller-fail", plant: "p1" });
  h.run(horizonMs);
  return h;
}

describe("calibration against published orders of magnitude", () => {
  it("a 5 kW/rack hall with total cooling loss reaches its first protective shutdown in 2–5 minutes", () => {
    for (const seed of [1, 2, 3]) {
      const t = minutes(firstShutdownMs(totalLoss(oneHall({ racks: 100, kwPerRack: 5 }), 3_600_000, seed)));
      expect(t).toBeGreaterThan(2);
      expect(t).toBeLessThan(5);
    }
  });

  it("a 10 kW/rack hall sheds its first servers in about a minute or two", () => {
    const t = minutes(firstShutdownMs(totalLoss(oneHall({ racks: 100, kwPerRack: 10 }), 3_600_000)));
    expect(t).toBeGreaterThan(0.5);
    expect(t).toBeLessThan(2.5);
  });

  it("a low-density hall (1.5 kW/rack, large room) takes tens of minutes", () => {
    const t = minutes(firstShutdownMs(totalLoss(oneHall({ racks: 100, kwPerRack: 1.5, floorM2PerRack: 8 }))));
    expect(t).toBeGreaterThan(10);
    expect(t).toBeLessThan(60);
  });

  it("shedding half the IT load at the fault visibly slows the rise to 40 °C", () => {
    const input = oneHall({ racks: 100, kwPerRack: 5 });
    const plain = totalLoss(input);
    const shed = harness(input);
    shed.faultAt(0, { type: "cooling:chiller-fail", plant: "p1" });
    shed.actionAt(0, { action: "shed-load", hall: "h1", fraction: 0.5 });
    shed.run(3_600_000);
    const a = bandMs(plain, "above 40 °C");
    const b = bandMs(shed, "above 40 °C");
    expect(Number.isFinite(a)).toBe(true);
    expect(b).toBeGreaterThan(1.6 * a);
  });

  it("with cooling back, the hall returns below 27 °C and servers come back in batches", () => {
    const input = oneHall({ racks: 100, kwPerRack: 5 });
    input.plants![0]!.chillers.restartFailureProbability = 0;
    const h = harness(input);
    h.faultAt(0, { type: "cooling:chiller-fail", plant: "p1" });
    h.actionAt(20 * 60_000, { action: "restart-chillers", plant: "p1" });
    h.actionAt(25 * 60_000, { action: "power-on", hall: "h1", batchSize: 200, every: 5 * 60_000 });
    let minUp = Infinity;
    for (let m = 1; m <= 180; m++) h.at(m * 60_000, () => { minUp = Math.min(minUp, h.model.readMetric("cluster.c1.serversUp")!); });
    h.run(3 * 3_600_000);
    expect(minUp).toBeLessThan(100);
    expect(h.of("h1").some((t) => t.to === "normal" && t.atMs > 20 * 60_000)).toBe(true);
    const batches = h.of("c1").filter((t) => t.detail?.startsWith("powered on") === true);
    expect(batches.length).toBeGreaterThanOrEqual(4);
    for (const b of batches) expect(Number(/powered on ([\d,]+)/.exec(b.detail!)![1]!.replace(/,/g, ""))).toBeLessThanOrEqual(200);
    expect(h.model.readMetric("cluster.c1.serversUp")).toBe(1_000);
    expect(h.model.readMetric("hall.h1.inletCelsius")).toBeLessThan(27);
  });
});
