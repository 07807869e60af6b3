import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { fileReader } from "../../src/cli/io.js";
import { runScenario } from "../../src/runner/run-scenario.js";
import { scenarioJsonSchema } from "../../src/scenario/json-schema.js";
import { knownActions, knownFaultTypes, loadScenario } from "../../src/scenario/load.js";
import { formatProblem } from "../../src/scenario/problem.js";
import { ROOT } from "../support/cli.js";

/**
 * The examples of docs/scenario-format.md are part of the specification, so they are run:
 *
 * - every ```yaml scenario block is a complete scenario: it must load without a problem, run to
 *   its horizon without exhausting the event budget, keep the model's invariants and pass its
 *   own critical expectations;
 * - every ```yaml file=NAME block is a file the scenario examples may import (a topology); it is
 *   written as NAME beside them;
 * - every plain ```yaml block is a fragment: it must at least be well-formed YAML;
 * - every key of the JSON Schema must be named somewhere in inline code (`key` or `a.key`).
 */

const DOC_PATH = join(ROOT, "docs", "scenario-format.md");
const MIN_RUNNABLE_EXAMPLES = 12;

interface Block {
  /** The info string after the opening fence, e.g. "yaml scenario". */
  readonly info: string;
  readonly body: string;
  /** 1-based line of the opening fence in the document. */
  readonly line: number;
}

/** Every fenced code block of a markdown text (``` fences, not nested). */
function fencedBlocks(markdown: string): Block[] {
  const lines = markdown.split("\n");
  const blocks: Block[] = [];
  let open: { info: string; line: number; body: string[] } | undefined;
  lines.forEach((text, i) => {
    const fence = /^```(.*)$/.exec(text);
    if (open === undefined) {
      if (fence) open = { info: (fence[1] ?? "").trim(), line: i + 1, body: [] };
    } else if (fence && (fence[1] ?? "").trim() === "") {
      blocks.push({ info: open.info, body: `${open.body.join("\n")}\n`, line: open.line });
      open = undefined;
    } else {
      open.body.push(text);
    }
  });
  if (open !== undefined) throw new Error(`${DOC_PATH}:${open.line}: code block never closed`);
  return blocks;
}

/** Every property name a JSON Schema declares, at any depth. */
function schemaKeys(node: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) schemaKeys(item, into);
  } else if (typeof node === "object" && node !== null) {
    const record = node as Record<string, unknown>;
    const properties = record.properties;
    if (typeof properties === "object" && properties !== null) {
      for (const key of Object.keys(properties)) into.add(key);
    }
    for (const value of Object.values(record)) schemaKeys(value, into);
  }
  return into;
}

function mapping(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const markdown = readFileSync(DOC_PATH, "utf8");
const blocks = fencedBlocks(markdown);
const scenarios = blocks.filter((b) => b.info === "yaml scenario");
const files = blocks.filter((b) => /^yaml file=\S+$/.test(b.info));
const fragments = blocks.filter((b) => b.info === "yaml");

const dir = mkdtempSync(join(tmpdir(), "outage-sim-doc-examples-"));
for (const file of files) writeFileSync(join(dir, file.info.slice("yaml file=".length)), file.body);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function nameOf(block: Block): string {
  return /^name:\s*(\S+)/m.exec(block.body)?.[1] ?? "unnamed";
}

describe("docs/scenario-format.md examples", () => {
  it(`has at least ${MIN_RUNNABLE_EXAMPLES} runnable scenario examples`, () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(MIN_RUNNABLE_EXAMPLES);
  });

  it("gives every runnable example its own scenario name", () => {
    const names = scenarios.map(nameOf);
    expect(new Set(names).size, names.join(", ")).toBe(names.length);
  });

  scenarios.forEach((block, i) => {
    const label = `example ${i + 1} "${nameOf(block)}" (line ${block.line})`;
    const path = join(dir, `example-${String(i + 1).padStart(2, "0")}.yaml`);
    writeFileSync(path, block.body);

    describe(label, () => {
      const result = loadScenario(path, fileReader);

      it("is a valid scenario", () => {
        const problems = result.ok ? [] : result.problems.map(formatProblem);
        expect(problems, `${label} has problems:\n${problems.join("\n")}`).toEqual([]);
      });

      it("runs to its horizon within the event budget, keeping the model's invariants", () => {
        if (!result.ok) throw new Error(`${label} does not load`);
        const run = runScenario(result.loaded.scenario);
        expect(run.stop.reason, `${label} stopped after ${run.stop.eventsProcessed} events`).not.toBe("event-budget");
        expect(run.invariantViolations).toEqual([]);
        const failed = run.verdicts.filter((v) => !v.passed && v.severity === "critical").map((v) => `${v.name}: ${v.check} (got ${v.actual})`);
        expect(failed, `${label}: critical expectations the document claims but the run does not meet`).toEqual([]);
      });
    });
  });

  it("covers every fault type and every operator action in the runnable examples", () => {
    const types = new Set<string>();
    const actions = new Set<string>();
    for (const block of scenarios) {
      const value = mapping(parseDocument(block.body).toJS());
      for (const fault of Object.values(mapping(value.faults))) types.add(String(mapping(fault).type));
      for (const step of Object.values(mapping(value.operators))) actions.add(String(mapping(mapping(step).do).action));
    }
    expect(knownFaultTypes().filter((t) => !types.has(t)), "fault types without a runnable example").toEqual([]);
    expect(knownActions().filter((a) => !actions.has(a)), "operator actions without a runnable example").toEqual([]);
  });

  it("names every key of the scenario schema in inline code", () => {
    const words = new Set<string>();
    for (const span of markdown.matchAll(/`([^`\n]+)`/g)) for (const word of (span[1] ?? "").matchAll(/[A-Za-z][A-Za-z0-9]*/g)) words.add(word[0]);
    const missing = [...schemaKeys(scenarioJsonSchema())].filter((key) => !words.has(key)).sort();
    expect(missing, "schema keys docs/scenario-format.md never names (document them, e.g. in a field table)").toEqual([]);
  });

  it("writes every fragment as well-formed YAML", () => {
    const broken = fragments.flatMap((block) => {
      const doc = parseDocument(block.body, { uniqueKeys: true });
      return doc.errors.map((e) => `line ${block.line}: ${e.message.split("\n")[0] ?? e.message}`);
    });
    expect(broken).toEqual([]);
  });
});
