import { describe, expect, it } from "vitest";
import { curveFromUsers, curveMultiplier, nextCurveChangeMs, SEED_002_SIGNUP_USERS } from "../../../src/model/apps/load-curve.js";

const MINUTE_MS = 60_000;

describe("curveMultiplier", () => {
  const curve = { points: [{ atMs: 0, multiplier: 1 }, { atMs: 1000, multiplier: 3 }, { atMs: 2000, multiplier: 2 }] };

  it("interpolates linearly between breakpoints", () => {
    expect(curveMultiplier(curve, 500)).toBe(2);
    expect(curveMultiplier(curve, 1500)).toBe(2.5);
    expect(curveMultiplier(curve, 1000)).toBe(3);
  });

  it("holds the first value before the first point and the last value after the last", () => {
    expect(curveMultiplier(curve, -5)).toBe(1);
    expect(curveMultiplier(curve, 2000)).toBe(2);
    expect(curveMultiplier(curve, 5_000_000)).toBe(2);
  });

  it("is 1 for a curve with no points", () => {
    expect(curveMultiplier({ points: [] }, 10)).toBe(1);
  });

  it("names the next breakpoint, then Infinity once the curve holds", () => {
    expect(nextCurveChangeMs(curve, 0)).toBe(1000);
    expect(nextCurveChangeMs(curve, 1000)).toBe(2000);
    expect(nextCurveChangeMs(curve, 2000)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("curveFromUsers", () => {
  const surge = curveFromUsers(SEED_002_SIGNUP_USERS);

  it("divides seed 002's users by the 1.25M at the start: 1.33M at 5 min is ×1.064, 8.07M is ×6.456", () => {
    const expected = [1, 1.064, 1.168, 1.432, 2.032, 3.448, 4, 6.384, 6.456];
    expect(surge.points.map((p) => p.multiplier)).toHaveLength(expected.length);
    surge.points.forEach((p, i) => expect(p.multiplier).toBeCloseTo(expected[i] as number, 12));
    expect(surge.points.map((p) => p.atMs / MINUTE_MS)).toEqual([0, 5, 10, 30, 60, 101, 221, 701, 791]);
  });

  it("reads the surge between its reports and after the entry closed at 09:30", () => {
    expect(curveMultiplier(surge, 2.5 * MINUTE_MS)).toBeCloseTo(1.032, 12);
    expect(curveMultiplier(surge, 45 * MINUTE_MS)).toBeCloseTo((1.432 + 2.032) / 2, 12);
    expect(curveMultiplier(surge, 48 * 3_600_000)).toBeCloseTo(6.456, 12);
  });

  it("requires a first point at t=0 with users, and increasing times", () => {
    expect(() => curveFromUsers([])).toThrow(/atMs 0/);
    expect(() => curveFromUsers([{ atMs: 5, users: 1 }])).toThrow(/atMs 0/);
    expect(() => curveFromUsers([{ atMs: 0, users: 0 }])).toThrow(/> 0/);
    expect(() => curveFromUsers([{ atMs: 0, users: 1 }, { atMs: 0, users: 2 }])).toThrow(/increase/);
    expect(() => curveFromUsers([{ atMs: 0, users: 1 }, { atMs: 10, users: -2 }])).toThrow(/users/);
  });
});
