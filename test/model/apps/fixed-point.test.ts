import { describe, expect, it } from "vitest";
import { solveLoad, HEALTHY_LOAD_STATE, type LoadApp, type LoadService } from "../../../src/model/apps/fixed-point.js";
import { DEFAULT_OVERLOAD } from "../../../src/model/apps/overload.js";

const NONE = new Map<string, number>();
const app = (id: string, baseRps: number, maxRetries: number, calls: readonly string[], admitted = 1): LoadApp => ({ id, baseRps, maxRetries, calls, admitted });
const service = (id: string, supplyRps: number, model = DEFAULT_OVERLOAD): LoadService => ({ id, supplyRps, model });
const get = (map: ReadonlyMap<string, number>, id: string): number => {
  const value = map.get(id);
  if (value === undefined) throw new Error(`no entry for ${id}`);
  return value;
};

describe("solveLoad without overload", () => {
  it("retries an unavailable call: availability 0.9 with one retry gives 0.99 and offers 110 attempts/s per 100 requests/s", () => {
    const solution = solveLoad([app("a", 100, 1, ["s"])], [service("s", 1e6)], new Map([["s", 0.9]]), HEALTHY_LOAD_STATE);
    expect(get(solution.appSuccess, "a")).toBeCloseTo(0.99, 12);
    expect(get(solution.offeredRps, "s")).toBeCloseTo(110, 9);
    expect(get(solution.serviceSuccess, "s")).toBe(1);
    expect(get(solution.state.appFailure, "a")).toBeCloseTo(0.1, 12);
    expect(solution.converged).toBe(true);
  });

  it("multiplies the calls of one attempt: 0.9 × 0.8 = 0.72 per attempt, 1 − 0.28³ with two retries", () => {
    const solution = solveLoad([app("a", 100, 2, ["s1", "s2"])], [service("s1", 1e6), service("s2", 1e6)], new Map([["s1", 0.9], ["s2", 0.8]]), HEALTHY_LOAD_STATE);
    expect(get(solution.appSuccess, "a")).toBeCloseTo(1 - 0.28 ** 3, 12);
    expect(get(solution.offeredRps, "s1")).toBeCloseTo(100 * (1 + 0.28 + 0.28 ** 2), 9);
    expect(get(solution.offeredRps, "s2")).toBeCloseTo(100 * (1 + 0.28 + 0.28 ** 2), 9);
  });

  it("counts refused requests as failed and offers only admitted ones", () => {
    const solution = solveLoad([app("a", 100, 3, ["s"], 0.25)], [service("s", 1000)], NONE, HEALTHY_LOAD_STATE);
    expect(get(solution.appSuccess, "a")).toBe(0.25);
    expect(get(solution.offeredRps, "s")).toBe(25);
  });

  it("takes a service missing from the availability map as fully available, and an app calling nothing as always successful", () => {
    const solution = solveLoad([app("a", 100, 0, ["s"]), app("b", 5, 0, [])], [service("s", 1000), service("idle", 10)], NONE, HEALTHY_LOAD_STATE);
    expect(get(solution.appSuccess, "a")).toBe(1);
    expect(get(solution.appSuccess, "b")).toBe(1);
    expect(get(solution.offeredRps, "idle")).toBe(0);
    expect(get(solution.serviceSuccess, "idle")).toBe(1);
  });

  it("stops after one evaluation when it starts at the fixed point", () => {
    expect(solveLoad([app("a", 100, 3, ["s"])], [service("s", 1000)], NONE, HEALTHY_LOAD_STATE).iterations).toBe(1);
  });
});

describe("solveLoad with apps sharing one overloaded service", () => {
  it("gives every caller the same success: 600 + 400 rps on 800 rps is ρ = 1.25, goodput 700, success 0.7", () => {
    const solution = solveLoad([app("a", 600, 0, ["s"]), app("b", 400, 0, ["s"])], [service("s", 800)], NONE, HEALTHY_LOAD_STATE);
    expect(get(solution.offeredRps, "s")).toBe(1000);
    expect(get(solution.goodputRps, "s")).toBe(700);
    expect(get(solution.appSuccess, "a")).toBeCloseTo(0.7, 12);
    expect(get(solution.appSuccess, "b")).toBeCloseTo(0.7, 12);
    expect(solution.iterations).toBe(2);
  });

  it("lets a retrying neighbour sink an app that alone would be healthy (why services are isolated)", () => {
    const alone = solveLoad([app("b", 300, 0, ["s"])], [service("s", 600)], NONE, HEALTHY_LOAD_STATE);
    expect(get(alone.appSuccess, "b")).toBe(1);
    const shared = solveLoad([app("a", 500, 3, ["s"]), app("b", 300, 0, ["s"])], [service("s", 600)], NONE, HEALTHY_LOAD_STATE);
    expect(get(shared.appSuccess, "b")).toBeLessThan(0.05);
    expect(get(shared.appSuccess, "a")).toBeLessThan(0.1);
    expect(get(shared.goodputRps, "s")).toBeCloseTo(30, 6);
    const isolated = solveLoad([app("a", 500, 3, ["s-a"]), app("b", 300, 0, ["s-b"])], [service("s-a", 300), service("s-b", 300)], NONE, HEALTHY_LOAD_STATE);
    expect(get(isolated.appSuccess, "b")).toBe(1);
  });

  it("serves exactly the goodput as successful requests: Σ baseRps × appSuccess = goodput", () => {
    const apps = [app("a", 500, 3, ["s"]), app("b", 300, 1, ["s"]), app("c", 200, 0, ["s"])];
    for (const supplyRps of [300, 700, 900, 1200]) {
      for (const model of [DEFAULT_OVERLOAD, { ...DEFAULT_OVERLOAD, shedding: true }]) {
        const solution = solveLoad(apps, [service("s", supplyRps, model)], NONE, HEALTHY_LOAD_STATE);
        const served = apps.reduce((sum, a) => sum + a.baseRps * get(solution.appSuccess, a.id), 0);
        expect(served).toBeCloseTo(get(solution.goodputRps, "s"), 4);
      }
    }
  });
});

describe("solveLoad with retries under overload", () => {
  it("makes overload worse with retries than without: 0.4375 with none, 0.03125 with three, on 800 rps and 500 rps of supply", () => {
    const without = solveLoad([app("a", 800, 0, ["s"])], [service("s", 500)], NONE, HEALTHY_LOAD_STATE);
    expect(get(without.appSuccess, "a")).toBeCloseTo(0.4375, 12); // goodput 500 × (1 − 0.5 × 0.6) = 350 of 800
    const withRetries = solveLoad([app("a", 800, 3, ["s"])], [service("s", 500)], NONE, HEALTHY_LOAD_STATE);
    expect(get(withRetries.appSuccess, "a")).toBeCloseTo(0.03125, 9); // the floor: 25 rps of goodput for 800 rps of requests
    expect(get(withRetries.offeredRps, "s")).toBeGreaterThan(3 * 800);
  });

  it("reports an unconverged solution when capped at one iteration on the way to collapse", () => {
    const solution = solveLoad([app("a", 800, 3, ["s"])], [service("s", 500)], NONE, HEALTHY_LOAD_STATE, 1);
    expect(solution.converged).toBe(false);
    expect(solution.iterations).toBe(1);
  });

  it("converges within the default iterations over a grid of shared, multi-service set-ups", () => {
    for (const supplyRps of [100, 400, 800, 1000, 1500]) {
      for (const start of [0, 0.5, 1]) {
        const apps = [app("a", 500, 3, ["s1", "s2"]), app("b", 300, 2, ["s2"]), app("c", 400, 1, ["s1"])];
        const previous = { appFailure: new Map([["a", start], ["b", 1 - start], ["c", start]]) };
        const solution = solveLoad(apps, [service("s1", supplyRps), service("s2", supplyRps / 2)], new Map([["s1", 0.95]]), previous);
        expect(solution.converged).toBe(true);
      }
    }
  });
});

describe("solveLoad's contract", () => {
  it("carries a state for the current apps only, starting new apps at f = 0", () => {
    const previous = { appFailure: new Map([["gone", 0.5], ["a", 0]]) };
    const solution = solveLoad([app("a", 10, 0, ["s"]), app("new", 10, 0, ["s"])], [service("s", 100)], NONE, previous);
    expect([...solution.state.appFailure.keys()]).toEqual(["a", "new"]);
    expect(get(solution.state.appFailure, "new")).toBe(0);
  });

  it("gives the same solution for the same inputs", () => {
    const run = () => solveLoad([app("a", 800, 3, ["s"]), app("b", 100, 1, ["s"])], [service("s", 500)], NONE, HEALTHY_LOAD_STATE);
    expect(run()).toEqual(run());
  });

  it("rejects unknown services, duplicate ids and out-of-range numbers", () => {
    const s = [service("s", 100)];
    expect(() => solveLoad([app("a", 1, 0, ["x"])], s, NONE, HEALTHY_LOAD_STATE)).toThrow(/unknown service x/);
    expect(() => solveLoad([app("a", 1, 0, ["s"]), app("a", 1, 0, ["s"])], s, NONE, HEALTHY_LOAD_STATE)).toThrow(/twice/);
    expect(() => solveLoad([app("a", 1, 0, ["s"], 1.5)], s, NONE, HEALTHY_LOAD_STATE)).toThrow(/admitted/);
    expect(() => solveLoad([app("a", -1, 0, ["s"])], s, NONE, HEALTHY_LOAD_STATE)).toThrow(/baseRps/);
    expect(() => solveLoad([app("a", 1, -1, ["s"])], s, NONE, HEALTHY_LOAD_STATE)).toThrow(/maxRetries/);
    expect(() => solveLoad([], s, new Map([["s", 2]]), HEALTHY_LOAD_STATE)).toThrow(/availability/);
    expect(() => solveLoad([], [service("s", -5)], NONE, HEALTHY_LOAD_STATE)).toThrow(/supplyRps/);
    expect(() => solveLoad([], s, NONE, HEALTHY_LOAD_STATE, 0)).toThrow(/maxIterations/);
  });
});
