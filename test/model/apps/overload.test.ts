import { describe, expect, it } from "vitest";
import { checkOverloadModel, DEFAULT_OVERLOAD, goodputRps, latencyMs, successRatio } from "../../../src/model/apps/overload.js";

const SHEDDING = { ...DEFAULT_OVERLOAD, shedding: true };

describe("DEFAULT_OVERLOAD", () => {
  it("does not shed, loses half the supply per unit of overload and keeps a 5% floor", () => {
    expect(DEFAULT_OVERLOAD).toEqual({ shedding: false, collapse: 0.5, minGoodput: 0.05 });
  });
});

describe("goodputRps", () => {
  it("serves everything below saturation", () => {
    expect(goodputRps(800, 1000, DEFAULT_OVERLOAD)).toBe(800);
    expect(goodputRps(1000, 1000, DEFAULT_OVERLOAD)).toBe(1000);
  });

  it("without shedding, falls by collapse × (ρ − 1) of supply: 750 at ρ = 1.5, 500 at ρ = 2", () => {
    expect(goodputRps(1500, 1000, DEFAULT_OVERLOAD)).toBe(750);
    expect(goodputRps(2000, 1000, DEFAULT_OVERLOAD)).toBe(500);
  });

  it("without shedding, bottoms out at minGoodput × supply", () => {
    expect(goodputRps(2900, 1000, DEFAULT_OVERLOAD)).toBeCloseTo(50, 9);
    expect(goodputRps(5000, 1000, DEFAULT_OVERLOAD)).toBe(50);
  });

  it("with shedding, serves the whole supply however large the overload", () => {
    expect(goodputRps(5000, 1000, SHEDDING)).toBe(1000);
    expect(goodputRps(1001, 1000, SHEDDING)).toBe(1000);
  });

  it("is continuous at saturation and never above min(offered, supply)", () => {
    expect(goodputRps(1000.001, 1000, DEFAULT_OVERLOAD)).toBeCloseTo(1000, 3);
    for (const offered of [0, 10, 999, 1000, 1200, 3000, 1e6]) {
      for (const model of [DEFAULT_OVERLOAD, SHEDDING, { shedding: false, collapse: 0, minGoodput: 0 }]) {
        expect(goodputRps(offered, 1000, model)).toBeLessThanOrEqual(Math.min(offered, 1000));
      }
    }
  });

  it("is 0 with no supply or no load", () => {
    expect(goodputRps(100, 0, DEFAULT_OVERLOAD)).toBe(0);
    expect(goodputRps(0, 1000, DEFAULT_OVERLOAD)).toBe(0);
  });
});

describe("successRatio", () => {
  it("is goodput / offered, and 1 with nothing offered", () => {
    expect(successRatio(2000, 1000, DEFAULT_OVERLOAD)).toBe(0.25);
    expect(successRatio(2000, 1000, SHEDDING)).toBe(0.5);
    expect(successRatio(0, 0, DEFAULT_OVERLOAD)).toBe(1);
  });
});

describe("checkOverloadModel", () => {
  it("rejects a negative collapse and a floor outside 0..1", () => {
    expect(() => checkOverloadModel({ shedding: false, collapse: -1, minGoodput: 0 })).toThrow(/collapse/);
    expect(() => checkOverloadModel({ shedding: false, collapse: 0.5, minGoodput: 2 })).toThrow(/minGoodput/);
    expect(() => checkOverloadModel(DEFAULT_OVERLOAD)).not.toThrow();
  });
});

describe("latencyMs", () => {
  it("is base / (1 − ρ): 20 ms at ρ = 0.5 and 100 ms at ρ = 0.9 for a 10 ms base", () => {
    expect(latencyMs(500, 1000, 10, 1000)).toBe(20);
    expect(latencyMs(900, 1000, 10, 1000)).toBeCloseTo(100, 9);
    expect(latencyMs(0, 1000, 10, 1000)).toBe(10);
  });

  it("is capped at the timeout, and is the timeout at or past saturation or with no supply", () => {
    expect(latencyMs(999, 1000, 10, 1000)).toBe(1000);
    expect(latencyMs(1000, 1000, 10, 1000)).toBe(1000);
    expect(latencyMs(3000, 1000, 10, 1000)).toBe(1000);
    expect(latencyMs(10, 0, 10, 1000)).toBe(1000);
  });
});
