import { describe, expect, it } from "vitest";
import { admittedFraction, admittedRps } from "../../../src/model/apps/rate-limit.js";

describe("admittedRps", () => {
  it("caps the flow at users × perUserPerMinute / 60: 6000 users at 1/min let 100 rps through", () => {
    expect(admittedRps(1000, 6000, 1)).toBe(100);
    expect(admittedRps(1000, 6000, 3)).toBe(300);
  });

  it("lets everything through below the cap", () => {
    expect(admittedRps(50, 6000, 1)).toBe(50);
  });

  it("admits nothing with no users or a zero allowance", () => {
    expect(admittedRps(50, 0, 1)).toBe(0);
    expect(admittedRps(50, 6000, 0)).toBe(0);
  });
});

describe("admittedFraction", () => {
  it("is admitted / offered, and 1 when nothing is offered", () => {
    expect(admittedFraction(1000, 6000, 1)).toBe(0.1);
    expect(admittedFraction(50, 6000, 1)).toBe(1);
    expect(admittedFraction(0, 6000, 1)).toBe(1);
  });
});
