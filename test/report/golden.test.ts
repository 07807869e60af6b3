import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { renderJson } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderRunJunit } from "../../src/report/run-junit.js";
import { renderText } from "../../src/report/text.js";
import type { Run } from "../../src/runner/run.js";
import { GOLDEN_DIR, ROOT, shippedRun, shippedScenarioNames } from "./support.js";

// Golden outputs are updated on purpose only:  UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts
// then review the diff of fixtures/golden/ like any other change.
const UPDATE = process.env.UPDATE_GOLDEN === "1";

const FORMATS: readonly { readonly ext: string; readonly render: (run: Run) => string }[] = [
  { ext: "txt", render: (run) => renderText(run, { color: false, width: 80, detail: false }) },
  { ext: "json", render: renderJson },
  { ext: "md", render: renderMarkdown },
  { ext: "xml", render: renderRunJunit },
  { ext: "html", render: renderHtml },
];

describe("golden reports of the shipped scenarios", () => {
  const names = shippedScenarioNames();

  it("finds shipped scenarios to check", () => {
    expect(names.length).toBeGreaterThan(0);
  });

  for (const name of names) {
    for (const format of FORMATS) {
      it(`${name}.${format.ext} matches its golden file byte for byte`, () => {
        const path = join(GOLDEN_DIR, `${name}.${format.ext}`);
        const actual = format.render(shippedRun(name));
        if (UPDATE) {
          writeFileSync(path, actual);
          return;
        }
        if (!existsSync(path)) {
          throw new Error(`no golden file ${relative(ROOT, path)}: create it on purpose with UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts and review it`);
        }
        const expected = readFileSync(path, "utf8");
        // toBe on the whole text shows a line diff; the message says how to accept a deliberate change.
        expect(actual, `${relative(ROOT, path)} differs; if the change is intended, run UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts and review the diff`).toBe(expected);
      });
    }
  }

  it("renders every format byte-identically twice (no hidden clock or randomness)", () => {
    const name = names[0] as string;
    for (const format of FORMATS) expect(format.render(shippedRun(name))).toBe(format.render(shippedRun(name)));
  });
});
