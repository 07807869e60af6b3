import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";

/**
 * Output samples in the README and docs/ are cut from the golden reports, never typed by hand, so
 * they cannot drift from what the tool prints. A sample is a fenced block between two markers:
 *
 *     <!-- sample: fixtures/golden/tencent-cooling.txt | $ npx outage-sim run tencent-cooling.yaml | header; Timeline 9; Impact 10 -->
 *     ```
 *     …generated…
 *     ```
 *     <!-- end sample -->
 *
 * Fields are separated by `|`: the golden file; optionally a first line to show (the command);
 * then parts separated by `;`: `header` (the lines up to the first blank one), `<Heading> N` (the
 * first N lines of the blank-line-separated section that starts with Heading, then `…` when there
 * is more), `lines A-B`, `json KEY` (a top-level key of a JSON report), or `all`.
 * Regenerate on purpose with:  UPDATE_SAMPLES=1 npx vitest run test/docs/samples.test.ts
 */

const UPDATE = process.env.UPDATE_SAMPLES === "1";
const MARKER = /<!-- sample: (.+?) -->\n(```[a-z]*)\n(?:[\s\S]*?\n)?```\n<!-- end sample -->/g;

function sections(text: string): string[][] {
  const out: string[][] = [[]];
  for (const line of text.replace(/\n$/, "").split("\n")) {
    if (line === "") out.push([]);
    else (out[out.length - 1] as string[]).push(line);
  }
  return out.filter((s) => s.length > 0);
}

/** The lines of one part of a golden file. */
function part(spec: string, text: string, file: string): string[] {
  const lines = text.replace(/\n$/, "").split("\n");
  if (spec === "all") return lines;
  if (spec === "header") return sections(text)[0] ?? [];
  const range = /^lines (\d+)-(\d+)$/.exec(spec);
  if (range !== null) return lines.slice(Number(range[1]) - 1, Number(range[2]));
  const json = /^json (\w+)$/.exec(spec);
  if (json !== null) {
    const value = (JSON.parse(text) as Record<string, unknown>)[json[1] as string];
    if (value === undefined) throw new Error(`${file} has no key ${json[1]}`);
    return `"${json[1]}": ${JSON.stringify(value, null, 2)}`.split("\n");
  }
  const section = /^(.+) (\d+)$/.exec(spec);
  if (section === null) throw new Error(`cannot read the sample part "${spec}"`);
  const found = sections(text).find((s) => (s[0] as string).startsWith(section[1] as string));
  if (found === undefined) throw new Error(`${file} has no section starting with "${section[1]}"`);
  const n = Number(section[2]);
  return found.length > n ? [...found.slice(0, n), "…"] : found;
}

/** The text of a sample block from its marker. */
export function renderSample(marker: string): string {
  const fields = marker.split(" | ");
  const file = fields[0] as string;
  const command = fields.length === 3 ? fields[1] : undefined;
  const parts = (fields[fields.length - 1] as string).split("; ");
  const text = readFileSync(join(ROOT, file), "utf8");
  const body = parts.map((p) => part(p, text, file).join("\n")).join("\n\n");
  return command === undefined ? body : `${command}\n${body}`;
}

function docs(): string[] {
  return ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => join("docs", f))];
}

describe("output samples in the docs come from the golden reports", () => {
  it("finds the samples of the README and docs/reports.md", () => {
    const count = (file: string): number => [...readFileSync(join(ROOT, file), "utf8").matchAll(MARKER)].length;
    expect(count("README.md")).toBeGreaterThanOrEqual(1);
    expect(count(join("docs", "reports.md"))).toBeGreaterThanOrEqual(3);
  });

  for (const file of docs()) {
    it(`${file}: every sample matches its golden file`, () => {
      const path = join(ROOT, file);
      const text = readFileSync(path, "utf8");
      const regenerated = text.replace(MARKER, (_all, marker: string, fence: string) => `<!-- sample: ${marker} -->\n${fence}\n${renderSample(marker)}\n\`\`\`\n<!-- end sample -->`);
      if (UPDATE) {
        if (regenerated !== text) writeFileSync(path, regenerated);
        return;
      }
      expect(text, `${relative(ROOT, path)}: a sample differs from the golden report; regenerate with UPDATE_SAMPLES=1 npx vitest run test/docs/samples.test.ts and review the diff`).toBe(regenerated);
    });
  }

  it("the drift check is live: a sample edited by hand no longer matches", () => {
    const marker = "fixtures/golden/tencent-cooling.txt | header";
    expect(renderSample(marker)).toContain("tencent-cooling: ");
    expect(renderSample(marker)).not.toContain("1,524 events");
  });

  it("names no source file that does not exist", () => {
    const missing = docs().flatMap((file) =>
      [...readFileSync(join(ROOT, file), "utf8").matchAll(/`((?:src|test|bench|scripts)\/[\w./-]+\.ts)`/g)]
        .map((m) => m[1] as string)
        .filter((p) => { try { readFileSync(join(ROOT, p)); return false; } catch { return true; } })
        .map((p) => `${file}: ${p}`));
    expect(missing).toEqual([]);
  });
});
