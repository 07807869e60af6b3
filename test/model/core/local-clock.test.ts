import { describe, expect, it } from "vitest";
import { LocalClock } from "../../../src/model/core/local-clock.js";

describe("LocalClock", () => {
  const clock = new LocalClock("2023-03-29T01:00:00+08:00");

  it("reads simulated time on the scenario's local wall clock", () => {
    expect(clock.format(0)).toBe("01:00");
    expect(clock.format(90 * 60_000)).toBe("02:30");
    expect(clock.formatSeconds(90 * 60_000 + 5_000)).toBe("02:30:05");
  });

  it("marks times on later days", () => {
    expect(clock.format(23 * 3_600_000)).toBe("00:00+1d");
    expect(clock.format(47 * 3_600_000 + 60_000)).toBe("00:01+2d");
  });

  it("maps a clock time to the first moment at or after the start", () => {
    expect(clock.simMsOfClock(10 * 60)).toBe(9 * 3_600_000);
    expect(clock.simMsOfClock(0)).toBe(23 * 3_600_000);
  });

  it("keeps the offset written in start, Z as +00:00", () => {
    expect(clock.offset).toBe("+08:00");
    expect(new LocalClock("2000-01-01T00:00:00Z").offset).toBe("+00:00");
  });
});
