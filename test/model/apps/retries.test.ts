import { describe, expect, it } from "vitest";
import { retryAmplification, successWithRetries } from "../../../src/model/apps/retries.js";

describe("retryAmplification", () => {
  it("is Σ f^k for k = 0..r: 1.875 attempts at f = 0.5 with 3 retries", () => {
    expect(retryAmplification(0.5, 3)).toBe(1.875);
    expect(retryAmplification(0.1, 2)).toBeCloseTo(1.11, 12);
  });

  it("is 1 when nothing fails or nothing is retried, and r + 1 when everything fails", () => {
    expect(retryAmplification(0, 5)).toBe(1);
    expect(retryAmplification(0.7, 0)).toBe(1);
    expect(retryAmplification(1, 3)).toBe(4);
  });

  it("clamps the failure ratio to 0..1", () => {
    expect(retryAmplification(1.5, 3)).toBe(4);
    expect(retryAmplification(-0.2, 3)).toBe(1);
  });

  it("rejects a negative, fractional or unbounded retry count", () => {
    expect(() => retryAmplification(0.5, -1)).toThrow(/maxRetries/);
    expect(() => retryAmplification(0.5, 1.5)).toThrow(/maxRetries/);
    expect(() => retryAmplification(0.5, 101)).toThrow(/maxRetries/);
  });
});

describe("successWithRetries", () => {
  it("is 1 − (1 − s)^(r+1): 0.9375 at s = 0.5 with 3 retries, 0.99 at s = 0.9 with one", () => {
    expect(successWithRetries(0.5, 3)).toBe(0.9375);
    expect(successWithRetries(0.9, 1)).toBeCloseTo(0.99, 12);
    expect(successWithRetries(0.3, 0)).toBeCloseTo(0.3, 12);
  });

  it("never succeeds when no attempt can", () => {
    expect(successWithRetries(0, 3)).toBe(0);
    expect(successWithRetries(1, 3)).toBe(1);
  });

  it("equals attempts × per-attempt success: every successful request has exactly one successful attempt", () => {
    for (const s of [0.01, 0.2, 0.5, 0.93]) {
      for (const r of [0, 1, 3, 7]) expect(retryAmplification(1 - s, r) * s).toBeCloseTo(successWithRetries(s, r), 12);
    }
  });
});
