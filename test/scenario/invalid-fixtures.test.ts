import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import { formatProblem } from "../../src/scenario/problem.js";
import { fileReader } from "../../src/cli/io.js";
import { ROOT } from "../support/cli.js";

/**
 * Each file under fixtures/invalid/ is a broken scenario whose leading `# expect: ` lines are
 * the exact problems the loader must report, in order (paths relative to the repository root).
 */
const DIR = "fixtures/invalid";
const cases = readdirSync(join(ROOT, DIR)).filter((f) => f.endsWith(".yaml")).sort();

function expectedLines(file: string): string[] {
  return readFileSync(join(ROOT, file), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("# expect: "))
    .map((line) => line.slice("# expect: ".length));
}

describe("invalid scenarios", () => {
  it("has a table of at least 20 broken scenarios", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const name of cases) {
    const file = `${DIR}/${name}`;
    it(`${name} gives exactly its expected problems`, () => {
      const expected = expectedLines(file);
      expect(expected.length, `${file} declares no "# expect: " line`).toBeGreaterThan(0);
      expect(process.cwd(), "run the tests from the repository root (npm test)").toBe(ROOT);
      const result = loadScenario(file, fileReader);
      expect(result.ok).toBe(false);
      const got = result.ok ? [] : result.problems.map(formatProblem);
      expect(got).toEqual(expected);
    });
  }
});
