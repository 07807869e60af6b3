import { describe, expect, it } from "vitest";
import { compareSweeps, pairedDifference, studentTCdf, studentTQuantile } from "../../src/runner/compare.js";
import type { RunRecord, SweepCell, SweepPlan } from "../../src/runner/sweep.js";

describe("Student t", () => {
  it("has the textbook two-sided 95% quantiles", () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.2622, 4);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.0423, 4);
    expect(studentTQuantile(0.995, 10)).toBeCloseTo(3.1693, 4);
    expect(studentTQuantile(0.975, 100_000)).toBeCloseTo(1.96, 2);
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-2.2622, 4);
  });

  it("has a symmetric distribution function", () => {
    expect(studentTCdf(0, 5)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(1.5, 7) + studentTCdf(-1.5, 7)).toBeCloseTo(1, 12);
  });

  it("is deterministic to the last bit", () => {
    expect(studentTQuantile(0.975, 49)).toBe(studentTQuantile(0.975, 49));
  });
});

describe("pairedDifference", () => {
  it("gives the mean of B − A with a t interval", () => {
    // d = [-1, -2, -3, -4, -5]: mean −3, sd √2.5, t(0.975, 4) = 2.7764
    const d = pairedDifference([10, 10, 10, 10, 10], [9, 8, 7, 6, 5]);
    expect(d.meanDiff).toBe(-3);
    expect(d.sdDiff).toBeCloseTo(Math.sqrt(2.5), 12);
    const half = (2.7764451 * Math.sqrt(2.5)) / Math.sqrt(5);
    expect(d.low).toBeCloseTo(-3 - half, 5);
    expect(d.high).toBeCloseTo(-3 + half, 5);
    expect(d).toMatchObject({ n: 5, meanA: 10, meanB: 7, lower: 5, higher: 0, equal: 0 });
  });

  it("is exact when every seed has the same difference, and undefined for one seed", () => {
    const d = pairedDifference([3, 50, 7], [1, 48, 5]);
    expect([d.meanDiff, d.low, d.high]).toEqual([-2, -2, -2]);
    const one = pairedDifference([1], [2]);
    expect(one.meanDiff).toBe(1);
    expect(one.low).toBeNaN();
  });

  it("pairs: a shift hidden by noise between seeds is found exactly", () => {
    const a = Array.from({ length: 30 }, (_, i) => ((i * 7919) % 97) * 10);
    const b = a.map((x) => x - 42);
    const d = pairedDifference(a, b);
    expect(d.meanDiff).toBe(-42);
    expect(d.high - d.low).toBe(0);
  });
});

describe("compareSweeps", () => {
  const cellA: SweepCell = { overrides: [], apps: [{ id: "web", title: "Web" }, { id: "batch", title: "Batch" }], checks: [{ name: "c", severity: "critical" }] };
  const cellB: SweepCell = { overrides: ["x=1"], apps: [{ id: "batch", title: "Batch" }, { id: "web", title: "Web" }, { id: "new", title: "New" }], checks: [] };
  const plan = (cell: SweepCell): SweepPlan => ({ scenario: { path: "s.yaml", name: "s", title: "S", start: "2024-01-01T00:00:00Z" }, baseSeed: 1, runs: 10, horizon: null, axes: [], cells: [cell] });
  const rec = (run: number, web: number, batch: number, order: "ab" | "ba", checks: boolean[]): RunRecord => ({
    job: run, cell: 0, run, seed: 1 + run,
    impacted: order === "ab" ? [web > 0, batch > 0] : [batch > 0, web > 0, false],
    outageMinutes: order === "ab" ? [web, batch] : [batch, web, 0],
    recoveredAtMs: order === "ab" ? [null, null] : [null, null, null],
    userMinutesLost: order === "ab" ? [web * 10, batch * 10] : [batch * 10, web * 10, 0],
    dataLost: 0, checks, stop: "horizon", unsettled: 0,
  });

  it("matches apps by id and reports the paired difference per app", () => {
    const a = Array.from({ length: 10 }, (_, i) => rec(i, 30 + i * 3, 30, "ab", [i % 2 === 0]));
    const b = Array.from({ length: 10 }, (_, i) => rec(i, 30 + i * 3, 0, "ba", []));
    const summary = compareSweeps(plan(cellA), [...a].reverse(), plan(cellB), b);
    expect(summary.apps.map((x) => [x.app, x.outageMinutes.meanDiff, x.outageMinutes.low, x.outageMinutes.high])).toEqual([["web", 0, 0, 0], ["batch", -30, -30, -30]]);
    expect(summary.apps[1]).toMatchObject({ impactProbabilityA: 1, impactProbabilityB: 0 });
    expect(summary.apps[1]!.userMinutesLost.meanDiff).toBe(-300);
    expect(summary.onlyInB).toEqual(["new"]);
    expect(summary.checks).toEqual([{ name: "c", passRateA: 0.5, passRateB: null }]);
  });

  it("refuses sides that were not run on the same seeds", () => {
    const a = Array.from({ length: 10 }, (_, i) => rec(i, 1, 1, "ab", [true]));
    expect(() => compareSweeps(plan(cellA), a, { ...plan(cellA), baseSeed: 2 }, a)).toThrow(/seeds/);
  });
});
