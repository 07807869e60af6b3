import { describe, expect, it } from "vitest";
import { solveLoad, HEALTHY_LOAD_STATE, type LoadSolution, type LoadState } from "../../../src/model/apps/fixed-point.js";
import { DEFAULT_OVERLOAD, type OverloadModel } from "../../../src/model/apps/overload.js";

/**
 * The metastable case: one service of 1000 rps, one app sending 800 rps with 3 retries, default overload model.
 * The same inputs give a healthy or a collapsed system depending only on the state it starts from.
 */
const BASE_RPS = 800;
const NO_AVAILABILITY_LOSS = new Map<string, number>();

function step(previous: LoadState, supplyRps: number, admitted = 1, model: OverloadModel = DEFAULT_OVERLOAD): LoadSolution {
  return solveLoad([{ id: "chat", baseRps: BASE_RPS, maxRetries: 3, calls: ["msg"], admitted }], [{ id: "msg", supplyRps, model }], NO_AVAILABILITY_LOSS, previous);
}
const success = (solution: LoadSolution): number => solution.appSuccess.get("chat") as number;
const offered = (solution: LoadSolution): number => solution.offeredRps.get("msg") as number;

describe("metastable overload: 800 rps with 3 retries on a 1000 rps service", () => {
  const healthy = step(HEALTHY_LOAD_STATE, 1000);
  const collapsed = step(healthy.state, 500);
  const supplyBackFromCollapsed = step(collapsed.state, 1000);
  const supplyBackFromHealthy = step(healthy.state, 1000);

  it("(1) is healthy at full supply: success 1, 800 rps offered", () => {
    expect(success(healthy)).toBe(1);
    expect(offered(healthy)).toBe(800);
  });

  it("(2) collapses when supply halves to 500 rps: retries push the offered load past 3000 rps and goodput to its 25 rps floor", () => {
    expect(collapsed.converged).toBe(true);
    expect(success(collapsed)).toBeCloseTo(25 / 800, 9);
    expect(offered(collapsed)).toBeGreaterThan(3000);
    expect(collapsed.goodputRps.get("msg")).toBeCloseTo(25, 9);
  });

  it("(3) stays collapsed when supply is back to 1000 rps, starting from the collapsed state: success 0.0625 < 0.2", () => {
    expect(supplyBackFromCollapsed.converged).toBe(true);
    expect(success(supplyBackFromCollapsed)).toBeLessThan(0.2);
    expect(success(supplyBackFromCollapsed)).toBeCloseTo(50 / 800, 9);
    expect(offered(supplyBackFromCollapsed)).toBeGreaterThan(3000);
  });

  it("(4) is healthy with the very same inputs started from a healthy state: two outcomes, hence metastable", () => {
    expect(success(supplyBackFromHealthy)).toBe(1);
    expect(offered(supplyBackFromHealthy)).toBe(800);
  });

  it("(5) recovers when half the load is shed, and stays healthy when it is let back in", () => {
    const shed = step(supplyBackFromCollapsed.state, 1000, 0.5);
    expect(success(shed)).toBe(0.5);
    expect(shed.state.appFailure.get("chat")).toBe(0);
    const readmitted = step(shed.state, 1000, 1);
    expect(success(readmitted)).toBe(1);
    expect(offered(readmitted)).toBe(800);
  });

  it("(6) does not stay collapsed when the service sheds load itself", () => {
    const shedding = { ...DEFAULT_OVERLOAD, shedding: true };
    const degraded = step(healthy.state, 500, 1, shedding);
    expect(success(degraded)).toBeCloseTo(500 / 800, 6); // it serves its whole supply: degraded, not collapsed
    const recovered = step(collapsed.state, 1000, 1, shedding);
    expect(success(recovered)).toBe(1);
    expect(offered(recovered)).toBe(800);
  });

  it("needs retries to sustain the collapse: without them, supply back to 1000 rps recovers at once", () => {
    const noRetries = (previous: LoadState, supplyRps: number) =>
      solveLoad([{ id: "chat", baseRps: BASE_RPS, maxRetries: 0, calls: ["msg"], admitted: 1 }], [{ id: "msg", supplyRps, model: DEFAULT_OVERLOAD }], NO_AVAILABILITY_LOSS, previous);
    const down = noRetries(HEALTHY_LOAD_STATE, 500);
    expect(down.appSuccess.get("chat")).toBeCloseTo(0.4375, 12);
    expect(noRetries(down.state, 1000).appSuccess.get("chat")).toBe(1);
  });
});
