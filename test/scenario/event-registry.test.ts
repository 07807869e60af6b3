import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_TYPES, FAULT_TYPES, actionType, faultType } from "../../src/scenario/events/index.js";
import { scenarioJsonSchema } from "../../src/scenario/json-schema.js";
import { ROOT } from "../support/cli.js";

const DOC = readFileSync(join(ROOT, "docs", "scenario-format.md"), "utf8");

/** The rows of the markdown table that follows `heading`: first cell (without backticks) → the other cells. */
function tableAfter(heading: string): Map<string, string[]> {
  const start = DOC.indexOf(heading);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const rows = new Map<string, string[]>();
  const lines = DOC.slice(start).split("\n").slice(1);
  let inTable = false;
  for (const line of lines) {
    if (line.startsWith("|")) inTable = true;
    else if (inTable) break;
    else continue;
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    const name = (cells[0] ?? "").replace(/`/g, "");
    if (name === "type" || name === "action" || /^-+$/.test(name)) continue;
    rows.set(name, cells.slice(1));
  }
  return rows;
}

describe("the event-type registry", () => {
  it("names each fault type and each action once", () => {
    const faults = FAULT_TYPES.map((t) => t.name);
    const actions = ACTION_TYPES.map((t) => t.name);
    expect(new Set(faults).size).toBe(faults.length);
    expect(new Set(actions).size).toBe(actions.length);
    for (const name of faults) expect(faultType(name)?.name).toBe(name);
    for (const name of actions) expect(actionType(name)?.name).toBe(name);
    expect(faultType("cooling:chiller-trip")).toBeUndefined();
  });

  it("is what docs/scenario-format.md's fault table lists, with the same no-duration types", () => {
    const rows = tableAfter("### 8.2 Fault types");
    expect([...rows.keys()].sort()).toEqual(FAULT_TYPES.map((t) => t.name).sort());
    for (const t of FAULT_TYPES) {
      const whenDurationEnds = (rows.get(t.name) as string[])[2] ?? "";
      expect(whenDurationEnds.startsWith("no `duration`"), `${t.name}: "${whenDurationEnds}"`).toBe(!t.takesDuration);
    }
  });

  it("is what docs/scenario-format.md's action table lists", () => {
    const rows = tableAfter("| `action` | fields | effect |");
    expect([...rows.keys()].sort()).toEqual(ACTION_TYPES.map((t) => t.name).sort());
  });

  it("gives the editor schema one branch per fault type and per action, discriminated on type and action", () => {
    const text = JSON.stringify(scenarioJsonSchema());
    for (const t of FAULT_TYPES) expect(text).toContain(JSON.stringify(t.name));
    for (const t of ACTION_TYPES) expect(text).toContain(JSON.stringify(t.name));
    const schema = scenarioJsonSchema() as { properties: { faults: { additionalProperties: { oneOf?: unknown[]; anyOf?: unknown[] } } } };
    const branches = schema.properties.faults.additionalProperties.oneOf ?? schema.properties.faults.additionalProperties.anyOf ?? [];
    expect(branches).toHaveLength(FAULT_TYPES.length);
  });
});
