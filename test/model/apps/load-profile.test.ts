import { describe, expect, it } from "vitest";
import {
  BUILTIN_PROFILES,
  isConstant,
  nextProfileChangeMinute,
  profileFromTable,
  profileMultiplier,
  wrapMinuteOfDay,
} from "../../../src/model/apps/load-profile.js";

const profile = (name: string) => {
  const found = BUILTIN_PROFILES[name];
  if (found === undefined) throw new Error(`no profile ${name}`);
  return found;
};

describe("profileFromTable", () => {
  it("turns hours into minutes of the day and sorts the rows", () => {
    expect(profileFromTable([[18, 1], [0, 0.2], [6.5, 0.8]]).points).toEqual([
      { minuteOfDay: 0, multiplier: 0.2 },
      { minuteOfDay: 390, multiplier: 0.8 },
      { minuteOfDay: 1080, multiplier: 1 },
    ]);
  });

  it("reads hour 24 as midnight, which must agree with hour 0 when both are given", () => {
    expect(profileFromTable([[6, 1], [24, 0.5]]).points).toEqual([{ minuteOfDay: 0, multiplier: 0.5 }, { minuteOfDay: 360, multiplier: 1 }]);
    expect(profileFromTable([[0, 0.5], [24, 0.5]]).points).toHaveLength(1);
    expect(() => profileFromTable([[0, 0.5], [24, 0.6]])).toThrow(/two multipliers/);
  });

  it("rejects an empty table, hours outside 0..24 and negative multipliers", () => {
    expect(() => profileFromTable([])).toThrow(/at least one/);
    expect(() => profileFromTable([[25, 1]])).toThrow(/0\.\.24/);
    expect(() => profileFromTable([[-1, 1]])).toThrow(/0\.\.24/);
    expect(() => profileFromTable([[3, -0.1]])).toThrow(/multiplier/);
  });
});

describe("profileMultiplier", () => {
  const table = profileFromTable([[0, 0.2], [6, 0.8], [18, 1]]);

  it("is the breakpoint's value at a breakpoint and linear between breakpoints", () => {
    expect(profileMultiplier(table, 0)).toBe(0.2);
    expect(profileMultiplier(table, 360)).toBe(0.8);
    expect(profileMultiplier(table, 180)).toBeCloseTo(0.5, 12);
    expect(profileMultiplier(table, 720)).toBeCloseTo(0.9, 12);
  });

  it("runs the last segment across midnight to the first breakpoint", () => {
    expect(profileMultiplier(table, 21 * 60)).toBeCloseTo(0.6, 12);
    expect(profileMultiplier(table, 23 * 60)).toBeCloseTo(1 - (0.8 * 300) / 360, 12);
  });

  it("wraps midnight when the first breakpoint is not at 00:00", () => {
    const night = profileFromTable([[4, 0.2], [22, 1]]);
    expect(profileMultiplier(night, 0)).toBeCloseTo(1 - (0.8 * 120) / 360, 12);
    expect(profileMultiplier(night, 23 * 60)).toBeCloseTo(1 - (0.8 * 60) / 360, 12);
    expect(profileMultiplier(night, 2 * 60)).toBeCloseTo(1 - (0.8 * 240) / 360, 12);
    expect(profileMultiplier(night, 13 * 60)).toBeCloseTo(0.6, 12);
  });

  it("reads minutes on later days and before midnight of day 0 as the same time of day", () => {
    expect(profileMultiplier(table, 1440 + 180)).toBeCloseTo(0.5, 12);
    expect(profileMultiplier(table, 3 * 1440 + 720)).toBeCloseTo(0.9, 12);
    expect(profileMultiplier(table, -60)).toBeCloseTo(profileMultiplier(table, 23 * 60), 12);
    expect(wrapMinuteOfDay(-60)).toBe(1380);
    expect(wrapMinuteOfDay(1440)).toBe(0);
  });

  it("is constant for a single breakpoint and 1 for an empty profile", () => {
    expect(profileMultiplier(profileFromTable([[9, 0.7]]), 123)).toBe(0.7);
    expect(profileMultiplier({ points: [] }, 600)).toBe(1);
  });
});

describe("nextProfileChangeMinute", () => {
  const table = profileFromTable([[0, 0.2], [6, 0.8], [18, 1]]);

  it("is the next breakpoint strictly after the minute", () => {
    expect(nextProfileChangeMinute(table, 180)).toBe(360);
    expect(nextProfileChangeMinute(table, 360)).toBe(1080);
    expect(nextProfileChangeMinute(table, 0)).toBe(360);
  });

  it("crosses midnight after the last breakpoint, in the caller's unwrapped frame", () => {
    expect(nextProfileChangeMinute(table, 1200)).toBe(1440);
    expect(nextProfileChangeMinute(table, 1440 + 180)).toBe(1440 + 360);
    expect(nextProfileChangeMinute(table, -60)).toBe(0);
    expect(nextProfileChangeMinute(profileFromTable([[4, 0.2], [22, 1]]), 23 * 60)).toBe(1440 + 240);
  });

  it("is Infinity for a profile that never changes", () => {
    expect(nextProfileChangeMinute(profile("flat"), 100)).toBe(Number.POSITIVE_INFINITY);
    expect(nextProfileChangeMinute(profileFromTable([[0, 0.5], [12, 0.5]]), 100)).toBe(Number.POSITIVE_INFINITY);
    expect(isConstant(profile("diurnal-cn"))).toBe(false);
  });
});

describe("BUILTIN_PROFILES", () => {
  const minutes = Array.from({ length: 1440 }, (_, m) => m);
  const values = (name: string) => minutes.map((m) => profileMultiplier(profile(name), m));

  it("offers flat, diurnal-cn, diurnal-us and business-hours, each peaking at exactly 1", () => {
    expect(Object.keys(BUILTIN_PROFILES).sort()).toEqual(["business-hours", "diurnal-cn", "diurnal-us", "flat"]);
    for (const name of Object.keys(BUILTIN_PROFILES)) {
      expect(Math.max(...values(name))).toBe(1);
      expect(Math.min(...values(name))).toBeGreaterThan(0);
    }
    expect(values("flat").every((v) => v === 1)).toBe(true);
  });

  it("puts diurnal-cn's trough of 0.2 at 04:00–05:00 and its peak of 1 at 21:00–22:00", () => {
    const cn = profile("diurnal-cn");
    expect(Math.min(...values("diurnal-cn"))).toBe(0.2);
    expect(profileMultiplier(cn, 4 * 60)).toBe(0.2);
    expect(profileMultiplier(cn, 4.5 * 60)).toBe(0.2);
    expect(profileMultiplier(cn, 21 * 60)).toBe(1);
    expect(profileMultiplier(cn, 21.5 * 60)).toBe(1);
  });

  it("gives diurnal-cn a morning ramp and a lunch bump above late morning and early afternoon", () => {
    const cn = profile("diurnal-cn");
    for (let hour = 5; hour < 9; hour++) expect(profileMultiplier(cn, (hour + 1) * 60)).toBeGreaterThan(profileMultiplier(cn, hour * 60));
    expect(profileMultiplier(cn, 12 * 60)).toBeGreaterThan(profileMultiplier(cn, 11 * 60));
    expect(profileMultiplier(cn, 12 * 60)).toBeGreaterThan(profileMultiplier(cn, 14 * 60));
  });

  it("peaks diurnal-us in the evening and keeps business-hours low at night", () => {
    expect(profileMultiplier(profile("diurnal-us"), 20.5 * 60)).toBe(1);
    expect(profileMultiplier(profile("diurnal-us"), 4 * 60)).toBeLessThan(0.3);
    expect(profileMultiplier(profile("business-hours"), 3 * 60)).toBe(0.1);
    expect(profileMultiplier(profile("business-hours"), 10 * 60)).toBe(1);
  });
});
