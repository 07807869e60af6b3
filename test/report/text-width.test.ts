import { describe, expect, it } from "vitest";
import { renderText } from "../../src/report/text.js";
import { shippedRun, shippedScenarioNames } from "./support.js";

const ANSI = /\u001b\[[0-9;]*m/g;

function longestLine(text: string): number {
  return Math.max(...text.split("\n").map((line) => [...line.replace(ANSI, "")].length));
}

describe("the terminal report fits its width", () => {
  for (const name of shippedScenarioNames()) {
    for (const width of [60, 72, 80, 100, 120, 160, 200]) {
      for (const detail of [false, true]) {
        it(`${name} at ${width} columns${detail ? " with --detail" : ""} has no line longer than ${width}`, () => {
          const text = renderText(shippedRun(name), { color: true, width, detail });
          expect(longestLine(text)).toBeLessThanOrEqual(width);
        });
      }
    }
  }

  it("draws the impact table's borders whole at 80 columns: every table line is a full row", () => {
    const text = renderText(shippedRun(shippedScenarioNames()[0] as string), { color: false, width: 80, detail: false });
    const section = text.slice(text.indexOf("\nImpact\n"), text.indexOf("acknowledged data lost"));
    const table = section.split("\n").filter((line) => /^[┌│├└]/.test(line));
    expect(table.length).toBeGreaterThan(3);
    const widths = new Set(table.map((line) => [...line].length));
    expect(widths.size).toBe(1);
    for (const line of table) expect(line).toMatch(/[┐│┤┘]$/);
  });

  it("shows user-minutes lost even at 80 columns, and spells the numbers out on wide terminals", () => {
    const run = shippedRun(shippedScenarioNames()[0] as string);
    expect(renderText(run, { color: false, width: 80, detail: false })).toContain("user-min");
    const wide = renderText(run, { color: false, width: 160, detail: false });
    expect(wide).toContain("user-minutes lost");
    expect(wide).toContain("title");
  });

  it("uses colour only when asked", () => {
    const run = shippedRun(shippedScenarioNames()[0] as string);
    expect(renderText(run, { color: false, width: 80, detail: false })).not.toMatch(ANSI);
    expect(renderText(run, { color: true, width: 80, detail: false })).toMatch(ANSI);
  });

  it("keeps the cascade tree's indentation shallow: indentation grows only where chains branch", () => {
    const text = renderText(shippedRun(shippedScenarioNames()[0] as string), { color: false, width: 80, detail: false });
    const cascade = text.slice(text.indexOf("Why:"), text.indexOf("\n\n", text.indexOf("Why:")));
    const indents = cascade.split("\n").slice(1).map((line) => /^[│├└─ ]*/.exec(line)?.[0].length ?? 0);
    expect(Math.max(...indents)).toBeLessThanOrEqual(24);
  });
});
