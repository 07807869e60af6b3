import { describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { failedRequests, type RatePoint } from "../../src/runner/impacts.js";
import type { CapacityPoint } from "../../src/model/core/propagation.js";

/** The integral by its definition: every change point of either list (and endMs), sorted, and each span's rate × failure. */
function reference(rates: readonly RatePoint[], success: readonly CapacityPoint[], endMs: number): number {
  const times = [...new Set([...rates.map((r) => r.atMs), ...success.map((p) => p.atMs), endMs])].filter((t) => t <= endMs).sort((a, b) => a - b);
  let total = 0;
  for (let i = 0; i + 1 < times.length; i++) {
    const from = times[i] as number;
    const rate = rates.filter((p) => p.atMs <= from).at(-1);
    const point = success.filter((p) => p.atMs <= from).at(-1);
    total += (rate?.rps ?? 0) * (1 - (point?.capacity ?? 1)) * (((times[i + 1] as number) - from) / 1000);
  }
  return Math.round(total);
}

/** A step function in time order: change points on a coarse grid, so both lists share some times and repeat others. */
function steps<T>(rng: () => number, count: number, value: () => T): { atMs: number; value: T }[] {
  const out: { atMs: number; value: T }[] = [];
  let at = Math.floor(rng() * 3) * 60_000;
  for (let i = 0; i < count; i++) {
    out.push({ atMs: at, value: value() });
    at += Math.floor(rng() * 3) * 60_000; // 0 repeats a time: the later point wins
  }
  return out;
}

describe("failedRequests", () => {
  it("integrates rate × failure exactly over the change points of both step functions", () => {
    const rates: RatePoint[] = [{ atMs: 0, rps: 100 }, { atMs: 120_000, rps: 200 }];
    const success: CapacityPoint[] = [{ atMs: 0, capacity: 1 }, { atMs: 60_000, capacity: 0.5 }, { atMs: 180_000, capacity: 1 }];
    // 60 s at 100 rps and 60 s at 200 rps, half of them failing.
    expect(failedRequests(rates, success, 600_000)).toBe(100 * 0.5 * 60 + 200 * 0.5 * 60);
    expect(failedRequests(rates, success, 90_000)).toBe(100 * 0.5 * 30);
    expect(failedRequests([], success, 600_000)).toBe(0);
    expect(failedRequests(rates, [], 600_000)).toBe(0);
  });

  it("agrees with the definition on random step functions, repeated times and points after the end included", () => {
    const rng = seedrandom("failed-requests");
    for (let trial = 0; trial < 300; trial++) {
      const rates = steps(rng, Math.floor(rng() * 12), () => Math.round(rng() * 1000)).map((p) => ({ atMs: p.atMs, rps: p.value }));
      const success = steps(rng, Math.floor(rng() * 12), () => (rng() < 0.3 ? 1 : rng())).map((p) => ({ atMs: p.atMs, capacity: p.value }));
      const endMs = Math.floor(rng() * 20) * 60_000 + (rng() < 0.5 ? 0 : 30_000);
      expect(failedRequests(rates, success, endMs), `trial ${trial}`).toBe(reference(rates, success, endMs));
    }
  });
});
