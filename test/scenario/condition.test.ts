import { describe, expect, it } from "vitest";
import { compare, parseCondition } from "../../src/scenario/condition.js";

describe("parseCondition", () => {
  it("reads metric, operator and number", () => {
    expect(parseCondition("hall.gz-a-h2.inletCelsius > 40")).toEqual({ ok: true, condition: { metric: "hall.gz-a-h2.inletCelsius", op: ">", value: { kind: "number", value: 40 }, text: "hall.gz-a-h2.inletCelsius > 40" } });
  });

  it("reads clock times, percentages and ranges", () => {
    const clock = parseCondition("app.pc-login.recoveredAt <= 10:15");
    expect(clock.ok && clock.condition.op !== "in" && clock.condition.value).toEqual({ kind: "clock", minutes: 615, text: "10:15" });
    const percent = parseCondition("app.pay.worstSuccessRatio >= 99%");
    expect(percent.ok && percent.condition.op !== "in" && percent.condition.value).toEqual({ kind: "number", value: 0.99 });
    const range = parseCondition("app.payments.outageMinutes in [60, 600]");
    expect(range.ok && range.condition.op === "in" && [range.condition.low, range.condition.high]).toEqual([{ kind: "number", value: 60 }, { kind: "number", value: 600 }]);
  });

  it("explains what is wrong with malformed conditions", () => {
    for (const [text, words] of [["hall.h1.inletCelsius >> 40", "is not a condition"], ["Hall > 4", "not a metric name"], ["app.x.recoveredAt <= 25:00", "not a number or a clock time"], ["app.x.y in [1, 10:00]", "one kind"]] as const) {
      const parsed = parseCondition(text);
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.message).toContain(words);
    }
  });

  it("compares with every operator", () => {
    expect([compare(1, ">", 0), compare(1, ">=", 1), compare(0, "<", 1), compare(1, "<=", 1), compare(1, "==", 1), compare(1, "!=", 2)]).toEqual([true, true, true, true, true, true]);
    expect([compare(0, ">", 0), compare(2, "<=", 1), compare(1, "!=", 1)]).toEqual([false, false, false]);
  });
});
