import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/report/json.js";
import { ROOT, shippedRun, shippedScenarioNames } from "./support.js";

/** The subset of JSON Schema that schema/report.schema.json uses. */
interface Schema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Record<string, Schema>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly items?: Schema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly $defs?: Record<string, Schema>;
}

const KNOWN = new Set(["$schema", "$id", "$ref", "$defs", "title", "description", "type", "properties", "required", "additionalProperties", "items", "enum", "const", "minimum", "maximum", "minLength", "pattern"]);

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Validates `value` against `schema`, returning every problem with its JSON path; a tiny validator for the keywords above. */
function validate(value: unknown, schema: Schema, root: Schema, path = "$"): string[] {
  for (const key of Object.keys(schema)) if (!KNOWN.has(key)) return [`${path}: the test's validator does not know the keyword "${key}"; teach it`];
  if (schema.$ref !== undefined) {
    const target = root.$defs?.[schema.$ref.replace("#/$defs/", "")];
    return target === undefined ? [`${path}: unresolved ${schema.$ref}`] : validate(value, target, root, path);
  }
  const problems: string[] = [];
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const allowed = typeof schema.type === "string" ? [schema.type] : schema.type;
    const ok = allowed.includes(actual) || (actual === "integer" && allowed.includes("number"));
    if (!ok) return [`${path}: expected ${allowed.join(" | ")}, got ${actual}`];
  }
  if (schema.const !== undefined && value !== schema.const) problems.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (schema.enum !== undefined && !schema.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${path}: ${value} < ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${path}: ${value} > ${schema.maximum}`);
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) problems.push(`${path}: does not match ${schema.pattern}`);
  }
  if (Array.isArray(value) && schema.items !== undefined) value.forEach((item, i) => problems.push(...validate(item, schema.items as Schema, root, `${path}[${i}]`)));
  if (actual === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${path}: missing ${key}`);
    for (const [key, v] of Object.entries(record)) {
      const sub = schema.properties?.[key];
      if (sub !== undefined) problems.push(...validate(v, sub, root, `${path}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${path}: unexpected property ${key}`);
    }
  }
  return problems;
}

const schema = JSON.parse(readFileSync(join(ROOT, "schema", "report.schema.json"), "utf8")) as Schema;

describe("the JSON report matches schema/report.schema.json", () => {
  for (const name of shippedScenarioNames()) {
    it(`${name}: --format json validates against the schema`, () => {
      expect(validate(JSON.parse(renderJson(shippedRun(name))), schema, schema)).toEqual([]);
    });

    it(`${name}: top-level keys come in the schema's documented order`, () => {
      expect(Object.keys(JSON.parse(renderJson(shippedRun(name))))).toEqual(Object.keys(schema.properties ?? {}));
    });
  }

  it("the validator catches a wrong type, a missing field, an unknown field and a bad enum", () => {
    const report = JSON.parse(renderJson(shippedRun(shippedScenarioNames()[0] as string))) as Record<string, unknown>;
    const broken = { ...report, seed: "7", extra: true, stop: { reason: "bored", atMs: 0 } } as Record<string, unknown>;
    delete broken.trace;
    const problems = validate(broken, schema, schema);
    expect(problems).toEqual(expect.arrayContaining(["$.seed: expected integer, got string", "$: missing trace", "$: unexpected property extra", '$.stop.reason: "bored" not in ["horizon","drained","event-budget","work-budget","stopped"]', "$.stop: missing eventsProcessed"]));
  });

  it("every top-level field of the schema is documented in docs/report-json.md", () => {
    const doc = readFileSync(join(ROOT, "docs", "report-json.md"), "utf8");
    const missing = Object.keys(schema.properties ?? {}).filter((key) => !doc.includes(`\`${key}`));
    expect(missing).toEqual([]);
  });
});
