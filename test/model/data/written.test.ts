import { describe, expect, it } from "vitest";
import { corruptedOf, writesBetween } from "../../../src/model/data/written.js";

describe("writesBetween", () => {
  it("integrates a constant rate exactly: 1,000 writes/s for an hour is 3.6M writes", () => {
    expect(writesBetween([{ atMs: 0, rps: 1000 }], [{ atMs: 0, capacity: 1 }], 0, 3_600_000)).toBe(3_600_000);
  });

  it("counts only the share of requests served", () => {
    const shares = [{ atMs: 0, capacity: 1 }, { atMs: 60_000, capacity: 0.5 }, { atMs: 120_000, capacity: 1 }];
    expect(writesBetween([{ atMs: 0, rps: 100 }], shares, 0, 180_000)).toBe(100 * 60 + 50 * 60 + 100 * 60);
  });

  it("follows a step rate between change points, and cuts the window exactly", () => {
    const rates = [{ atMs: 0, rps: 10 }, { atMs: 10_000, rps: 20 }, { atMs: 20_000, rps: 0 }];
    expect(writesBetween(rates, [], 5_000, 15_000)).toBe(10 * 5 + 20 * 5);
    expect(writesBetween(rates, [], 15_000, 60_000)).toBe(20 * 5);
  });

  it("stores nothing before the first rate point, and nothing over an empty window", () => {
    expect(writesBetween([{ atMs: 10_000, rps: 10 }], [], 0, 10_000)).toBe(0);
    expect(writesBetween([{ atMs: 0, rps: 10 }], [], 5_000, 5_000)).toBe(0);
  });

  it("is additive over adjacent windows", () => {
    const rates = [{ atMs: 0, rps: 7 }, { atMs: 1_234, rps: 13 }, { atMs: 9_999, rps: 3 }];
    const shares = [{ atMs: 0, capacity: 0.9 }, { atMs: 5_555, capacity: 0.4 }];
    const whole = writesBetween(rates, shares, 0, 20_000);
    expect(writesBetween(rates, shares, 0, 7_000) + writesBetween(rates, shares, 7_000, 20_000)).toBeCloseTo(whole, 9);
  });
});

describe("corruptedOf", () => {
  it("takes per mille of the writes", () => {
    expect(corruptedOf(3_600_000, 2)).toBe(7_200);
  });
});
