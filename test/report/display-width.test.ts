import { describe, expect, it } from "vitest";
import { displayWidth, padColumns, sliceColumns } from "../../src/report/display-width.js";
import { fit } from "../../src/report/style.js";

describe("display width in terminal columns", () => {
  it("counts ASCII as one, CJK, Hangul, kana and fullwidth forms as two", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("支付失败")).toBe(8);
    expect(displayWidth("결제")).toBe(4);
    expect(displayWidth("カタカナ")).toBe(8);
    expect(displayWidth("ＡＢ")).toBe(4);
    expect(displayWidth("→ °C …")).toBe(6);
  });

  it("counts emoji as two, with their modifiers, joiners and flags as one character", () => {
    expect(displayWidth("💳")).toBe(2);
    expect(displayWidth("❌")).toBe(2);
    expect(displayWidth("⚠️")).toBe(2);
    expect(displayWidth("👩‍👩‍👧")).toBe(2);
    expect(displayWidth("👍🏽")).toBe(2);
    expect(displayWidth("🇨🇳")).toBe(2);
    expect(displayWidth("é")).toBe(1);
  });

  it("fit() cuts at display columns, never inside a character, and marks the cut", () => {
    expect(fit("支付失败：无法连接", 9)).toBe("支付失败…");
    expect(displayWidth(fit("支付失败：无法连接", 9))).toBe(9);
    expect(fit("支付失败：无法连接", 10)).toBe("支付失败…");
    expect(fit("a💳b", 3)).toBe("a…");
    expect(fit("支付", 4)).toBe("支付");
    expect(fit("plain ascii text", 8)).toBe("plain a…");
  });

  it("slices and pads by columns", () => {
    expect(sliceColumns("👩‍👩‍👧x", 2)).toBe("👩‍👩‍👧");
    expect(padColumns("支付", 6)).toBe("支付  ");
  });
});
