import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "../../../src/model/apps/circuit-breaker.js";

const CONFIG = { failureRatio: 0.5, openForMs: 30_000, probeFraction: 0.1 };

describe("CircuitBreaker", () => {
  it("starts closed and lets everything through", () => {
    const breaker = new CircuitBreaker(CONFIG);
    expect(breaker.state).toBe("closed");
    expect(breaker.admitted()).toBe(1);
    expect(breaker.observe(0, 0.2)).toEqual({ changed: false, wakeAtMs: undefined });
  });

  it("opens when the failure ratio reaches the threshold and asks to look again after openForMs", () => {
    const breaker = new CircuitBreaker(CONFIG);
    expect(breaker.observe(1_000, 0.5)).toEqual({ changed: true, wakeAtMs: 31_000 });
    expect(breaker.state).toBe("open");
    expect(breaker.admitted()).toBe(0);
  });

  it("stays open before openForMs has passed, whatever it is fed, and repeats when to look again", () => {
    const breaker = new CircuitBreaker(CONFIG);
    breaker.observe(1_000, 0.9);
    expect(breaker.observe(20_000, 0)).toEqual({ changed: false, wakeAtMs: 31_000 });
    expect(breaker.observe(30_999, 0)).toEqual({ changed: false, wakeAtMs: 31_000 });
    expect(breaker.state).toBe("open");
  });

  it("goes half-open at the first observation at or after openForMs, letting probeFraction through", () => {
    const breaker = new CircuitBreaker(CONFIG);
    breaker.observe(1_000, 0.9);
    expect(breaker.observe(31_000, 0.9)).toEqual({ changed: true, wakeAtMs: undefined });
    expect(breaker.state).toBe("half-open");
    expect(breaker.admitted()).toBe(0.1);
  });

  it("reopens from half-open when the probes still fail, with a new openForMs from then", () => {
    const breaker = new CircuitBreaker(CONFIG);
    breaker.observe(1_000, 0.9);
    breaker.observe(40_000, 0);
    expect(breaker.observe(40_000, 0.7)).toEqual({ changed: true, wakeAtMs: 70_000 });
    expect(breaker.state).toBe("open");
    expect(breaker.observe(69_000, 0)).toEqual({ changed: false, wakeAtMs: 70_000 });
  });

  it("closes from half-open when the probes' failure ratio is below the threshold", () => {
    const breaker = new CircuitBreaker(CONFIG);
    breaker.observe(1_000, 0.9);
    breaker.observe(31_000, 0);
    expect(breaker.observe(31_000, 0.49)).toEqual({ changed: true, wakeAtMs: undefined });
    expect(breaker.state).toBe("closed");
    expect(breaker.admitted()).toBe(1);
  });

  it("can be tripped by hand and held open past openForMs until reset", () => {
    const breaker = new CircuitBreaker(CONFIG);
    expect(breaker.trip(0, true)).toEqual({ changed: true, wakeAtMs: undefined });
    expect(breaker.observe(1_000_000, 0)).toEqual({ changed: false, wakeAtMs: undefined });
    expect(breaker.state).toBe("open");
    expect(breaker.reset()).toBe(true);
    expect(breaker.state).toBe("closed");
    expect(breaker.reset()).toBe(false);
  });

  it("probes after openForMs when tripped by hand without a hold", () => {
    const breaker = new CircuitBreaker(CONFIG);
    expect(breaker.trip(5_000)).toEqual({ changed: true, wakeAtMs: 35_000 });
    expect(breaker.observe(35_000, 0).changed).toBe(true);
    expect(breaker.state).toBe("half-open");
  });

  it("rejects time going backwards and out-of-range settings", () => {
    const breaker = new CircuitBreaker(CONFIG);
    breaker.observe(10, 0);
    expect(() => breaker.observe(5, 0)).toThrow(/time went back/);
    expect(() => new CircuitBreaker({ ...CONFIG, failureRatio: 0 })).toThrow(/failureRatio/);
    expect(() => new CircuitBreaker({ ...CONFIG, openForMs: 0 })).toThrow(/openForMs/);
    expect(() => new CircuitBreaker({ ...CONFIG, probeFraction: 1.5 })).toThrow(/probeFraction/);
  });
});
