import { describe, expect, it } from "vitest";
import { drawThresholds, sortByEffective } from "../../../src/model/compute/thresholds.js";
import { fakeRng } from "./fake-rng.js";

describe("per-server thresholds", () => {
  it("draws one threshold per server from the distribution, inside its clamp", () => {
    const t = drawThresholds(fakeRng(7), { dist: "normal", mean: 46, sd: 0.5, min: 45, max: 47 }, 20_000);
    let sum = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of t) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      sum += x;
    }
    expect(lo).toBeGreaterThanOrEqual(45);
    expect(hi).toBeLessThanOrEqual(47);
    expect(sum / t.length).toBeCloseTo(46, 1);
  });

  it("draws the same thresholds from the same stream", () => {
    const spec = { dist: "uniform", min: 40, max: 42 } as const;
    expect(drawThresholds(fakeRng(3), spec, 100)).toEqual(drawThresholds(fakeRng(3), spec, 100));
  });

  it("sorts servers by effective trip temperature (threshold − rack offset), ascending, with an inverse index", () => {
    const n = 5_000;
    const rng = fakeRng(11);
    const thr = drawThresholds(rng, { dist: "normal", mean: 41, sd: 0.7 }, n);
    const off = drawThresholds(rng, { dist: "normal", mean: 1.5, sd: 1.5 }, n);
    const s = sortByEffective(thr, off);
    for (let p = 1; p < n; p++) expect(s.effCelsius[p]!).toBeGreaterThanOrEqual(s.effCelsius[p - 1]!);
    for (let p = 0; p < n; p++) {
      const i = s.order[p]!;
      expect(s.pos[i]).toBe(p);
      expect(Math.abs(s.effCelsius[p]! - (thr[i]! - off[i]!))).toBeLessThan(1e-4);
    }
  });

  it("breaks ties by server index", () => {
    const s = sortByEffective(new Float32Array([40, 40, 39, 40]), new Float32Array(4));
    expect([...s.order]).toEqual([2, 0, 1, 3]);
  });
});
