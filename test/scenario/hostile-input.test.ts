import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import { estimateYamlDepth } from "../../src/scenario/depth-scan.js";
import { formatProblem } from "../../src/scenario/problem.js";
import { parseOverride } from "../../src/scenario/overrides.js";
import { memoryReader } from "../../src/scenario/source.js";

const HEAD = `apiVersion: outage-sim/v1
kind: Scenario
name: deep
title: deep
horizon: 1h
region:
  services:
    api: {}
`;

function problemsOf(text: string): string[] {
  const result = loadScenario("s.yaml", memoryReader({ "s.yaml": text }));
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe("nesting deeper than the YAML parser's stack", () => {
  it("reports the depth, located, for 5,000 flow levels (was 'Maximum call stack size exceeded' as a syntax error)", () => {
    const problems = problemsOf(`${HEAD}description: ${"[".repeat(5000)}${"]".repeat(5000)}\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^s\.yaml:9:\d+ +nesting is deeper than 32 levels\. Flatten the structure$/);
  });

  it("reports the depth for 2,000 block levels", () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `${" ".repeat(i + 1)}k${i}:`).join("\n");
    const problems = problemsOf(`${HEAD}description:\n${lines} x\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^s\.yaml:\d+:\d+ +nesting is deeper than 32 levels/);
  });

  it("reports the depth for 3,000 nested sequence markers on one line", () => {
    const problems = problemsOf(`${HEAD}description:\n  ${"- ".repeat(3000)}x\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/nesting is deeper than 32 levels/);
  });

  it("refuses a --set value nested 1,000 levels deep with a sentence", () => {
    const parsed = parseOverride(`description=${"[".repeat(1000)}${"]".repeat(1000)}`);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.message).toBe("the value of --set description nests deeper than 32 levels. Flatten it");
  });

  it("does not count brackets in quotes, comments or block scalars", () => {
    const text = `a: "[[[[[[[[[[[[[[[["\nb: '{{{{{{{{{{{{{{'  # [[[[[[[[[[[[[[[[[[\nc: |\n  [[[[[[[[[[[[[[[[\n    [[[[[[[[[[[[[[\nd: [x, [y]]\n`;
    expect(estimateYamlDepth(text).depth).toBe(3);
  });

  it("never estimates below the real depth of a shipped-style document", () => {
    expect(estimateYamlDepth("a:\n  b:\n    - c: 1\n      d: [1, {e: 2}]\n").depth).toBeGreaterThanOrEqual(5);
  });
});
