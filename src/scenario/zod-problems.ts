import type { z } from "zod";
import type { LocationIndex } from "./location-index.js";
import { formatPath, type ScenarioProblem, type SourceLocation, type ValuePath } from "./problem.js";
import { suggestion } from "./suggest.js";

type Def = { type: string; shape?: Record<string, unknown>; innerType?: unknown; valueType?: unknown; element?: unknown; in?: unknown; options?: unknown[] };

function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

/** The object schemas a value at `path` may be checked against (several under a union). */
function objectSchemasAt(schema: unknown, path: ValuePath): Def[] {
  const def = defOf(schema);
  if (def === undefined) return [];
  switch (def.type) {
    case "optional": case "default": case "nullable": case "prefault": case "readonly": case "catch": case "nonoptional":
      return objectSchemasAt(def.innerType, path);
    case "pipe":
      return objectSchemasAt(def.in, path);
    case "union":
      return (def.options ?? []).flatMap((option) => objectSchemasAt(option, path));
    case "object":
      if (path.length === 0) return [def];
      return objectSchemasAt(def.shape?.[String(path[0])], path.slice(1));
    case "record":
      return path.length === 0 ? [] : objectSchemasAt(def.valueType, path.slice(1));
    case "array":
      return path.length === 0 ? [] : objectSchemasAt(def.element, path.slice(1));
    default:
      return [];
  }
}

/** The keys a mapping at `path` may hold under `schema`. */
export function knownKeysAt(schema: unknown, path: ValuePath): string[] {
  const keys = new Set<string>();
  for (const def of objectSchemasAt(schema, path)) for (const key of Object.keys(def.shape ?? {})) keys.add(key);
  return [...keys];
}

/** The description of the field at `path`, if the schema gives one. */
function describedAt(schema: unknown, path: ValuePath): string | undefined {
  if (path.length === 0) return undefined;
  const parents = objectSchemasAt(schema, path.slice(0, -1));
  for (const parent of parents) {
    const field = parent.shape?.[String(path[path.length - 1])] as { description?: string } | undefined;
    if (field?.description !== undefined) return field.description;
  }
  return undefined;
}

function describeValue(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "object") return "a mapping";
  if (typeof input === "string") return `text "${input.length > 40 ? `${input.slice(0, 40)}…` : input}"`;
  return `${typeof input} ${String(input)}`;
}

const EXPECTED_WORDS: Record<string, string> = {
  object: "a mapping", record: "a mapping", array: "a list", string: "text", number: "a number", int: "a whole number", boolean: "true or false",
};

/** Turns zod issues into located problems with a fix, using the schema to name valid keys. */
export function zodProblems(
  issues: readonly z.core.$ZodIssue[],
  schema: unknown,
  index: LocationIndex,
  prefix: ValuePath,
  fallback: SourceLocation,
): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  for (const issue of issues) {
    const local = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    const path = [...prefix, ...local];
    const at = index.locate(path, fallback);
    switch (issue.code) {
      case "unrecognized_keys": {
        const known = knownKeysAt(schema, local);
        for (const key of issue.keys) {
          out.push({ location: index.locateKey([...path, key], fallback), path: formatPath([...path, key]), message: `unknown key "${key}". ${suggestion(key, known, "key")}` });
        }
        break;
      }
      case "invalid_type": {
        if (issue.input === undefined) {
          const what = describedAt(schema, local);
          out.push({ location: at, path: formatPath(path), message: `missing required key "${String(path[path.length - 1])}". Add it${what === undefined ? "" : `: ${what}`}` });
        } else if (!issue.message.startsWith("Invalid input")) {
          out.push({ location: at, path: formatPath(path), message: `${issue.message}, got ${describeValue(issue.input)}` });
        } else if (typeof issue.input === "number" && !Number.isFinite(issue.input)) {
          out.push({ location: at, path: formatPath(path), message: `${describeValue(issue.input)} is not a finite number. Write a finite number here` });
        } else {
          const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
          out.push({ location: at, path: formatPath(path), message: `expected ${expected}, got ${describeValue(issue.input)}. Write ${expected} here` });
        }
        break;
      }
      case "too_small":
      case "too_big": {
        const small = issue.code === "too_small";
        const bound = small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum;
        const inclusive = issue.inclusive !== false;
        const origin = issue.origin;
        if (origin === "array" || origin === "string") {
          out.push({ location: at, path: formatPath(path), message: issue.message.includes("Too") ? `${origin === "array" ? "list" : "text"} must have ${small ? "at least" : "at most"} ${String(bound)} ${origin === "array" ? "item(s)" : "character(s)"}. ${small ? "Add" : "Remove"} some` : issue.message });
        } else {
          const op = small ? (inclusive ? "≥" : ">") : inclusive ? "≤" : "<";
          out.push({ location: at, path: formatPath(path), message: `${describeValue(issue.input)} is out of range: it must be ${op} ${String(bound)}. Use a value in range` });
        }
        break;
      }
      case "invalid_value": {
        const values = issue.values.map((v) => String(v));
        const got = issue.input;
        const hint = typeof got === "string" ? suggestion(got, values, "value") : `Use one of: ${values.join(", ")}`;
        if (got === undefined) {
          out.push({ location: at, path: formatPath(path), message: `missing required key "${String(path[path.length - 1])}". Add it: one of ${values.join(", ")}` });
          break;
        }
        out.push({ location: at, path: formatPath(path), message: values.length === 1 && !issue.message.startsWith("Invalid") ? `${issue.message}. Write ${values[0]}` : `${describeValue(got)} is not allowed here. ${hint}` });
        break;
      }
      case "invalid_union": {
        const branches = issue.errors.filter((branch) => branch.length > 0);
        const best = branches.find((branch) => branch.every((i) => i.code !== "invalid_type" || i.path.length > 0));
        if (best !== undefined) out.push(...zodProblems(best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })), schema, index, prefix, fallback));
        else out.push({ location: at, path: formatPath(path), message: `${describeValue(issue.input)} does not fit here. See the scenario specification for the accepted forms` });
        break;
      }
      case "invalid_key": {
        const inner = issue.issues[0]?.message ?? "this key is not allowed";
        out.push({ location: index.locateKey(path, fallback), path: formatPath(path), message: `"${String(path[path.length - 1])}" is not a valid name: ${inner}` });
        break;
      }
      case "invalid_format":
        out.push({ location: at, path: formatPath(path), message: issue.message.endsWith(".") ? issue.message.slice(0, -1) : issue.message });
        break;
      default:
        out.push({ location: at, path: formatPath(path), message: issue.message });
    }
  }
  return out;
}
