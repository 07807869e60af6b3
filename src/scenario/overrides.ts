/**
 * Overrides: `--set path=value` and sweep axes, applied to the raw scenario document (after imports
 * are merged, before validation), so an override is checked exactly like a value written in the file.
 *
 * Path syntax (the same as the paths in problem messages):
 *   `faults.cooling-source-fails.at`         mapping keys separated by dots
 *   `region.plants[0].chillers.count`        `[n]` is the n-th element of a list (0-based)
 *   `region.plants[gz-a].chillers.count`     `[id]` (or `.id`) on a list picks the element whose `id` is id
 *   `region.services["odd key"].title`       a quoted key for keys with other characters
 * The value is parsed as YAML (`2`, `0.5`, `true`, `1h30m`, `"2"` for a string, `[a, b]`).
 */
import { parse, stringify } from "yaml";
import type { LocationIndex } from "./location-index.js";
import { FORBIDDEN_KEYS, LOADER_LIMITS } from "./limits.js";
import { estimateYamlDepth } from "./depth-scan.js";
import { isMapping } from "./merge.js";
import { parseLocatedYaml } from "./parse-yaml.js";
import type { ScenarioProblem, SourceLocation, ValuePath } from "./problem.js";
import { sweepSchema, SWEEP_LIMITS } from "./schema/sweep.js";
import type { SourceReader } from "./source.js";
import { zodProblems } from "./zod-problems.js";

/** One step of an override path: a mapping key, a list index, or a list element picked by its `id`. */
export type PathStep = { readonly kind: "key"; readonly key: string } | { readonly kind: "index"; readonly index: number };

/** One override: set the value at `path`. */
export interface Override {
  /** The path as written. */
  readonly path: string;
  readonly steps: readonly PathStep[];
  readonly value: unknown;
  /** `path=value` with the value in YAML flow form, as it would be typed after --set. */
  readonly text: string;
}

/** The outcome of parsing an override or a path. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const PLAIN_KEY = /^[A-Za-z0-9_:-]+/;

/** Parses an override path (see the file comment for the syntax). */
export function parseOverridePath(path: string): Parsed<PathStep[]> {
  const steps: PathStep[] = [];
  let rest = path;
  let first = true;
  while (rest.length > 0) {
    if (rest.startsWith("[")) {
      const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest);
      const bare = /^\[([A-Za-z0-9_:-]+)\]/.exec(rest);
      if (quoted !== null) {
        steps.push({ kind: "key", key: JSON.parse(quoted[1] as string) as string });
        rest = rest.slice(quoted[0].length);
      } else if (bare !== null) {
        const word = bare[1] as string;
        steps.push(/^\d+$/.test(word) ? { kind: "index", index: Number(word) } : { kind: "key", key: word });
        rest = rest.slice(bare[0].length);
      } else return { ok: false, message: `cannot read the path "${path}" at "${rest}": write [0] for a list index, [id] for a list element by id, or ["key"] for an unusual key` };
    } else {
      if (!first) {
        if (!rest.startsWith(".")) return { ok: false, message: `cannot read the path "${path}" at "${rest}": separate keys with dots, e.g. faults.chiller-trip.at` };
        rest = rest.slice(1);
      }
      const word = PLAIN_KEY.exec(rest);
      if (word === null) return { ok: false, message: `cannot read the path "${path}" at "${rest}": keys are letters, digits, "-", "_" or ":"; quote others as ["key"]` };
      steps.push({ kind: "key", key: word[0] });
      rest = rest.slice(word[0].length);
    }
    first = false;
  }
  if (steps.length === 0) return { ok: false, message: "the path is empty: write e.g. faults.chiller-trip.at=2h" };
  const forbidden = steps.find((s) => s.kind === "key" && FORBIDDEN_KEYS.has(s.key));
  if (forbidden !== undefined && forbidden.kind === "key") return { ok: false, message: `"${forbidden.key}" is not allowed as a key` };
  if (steps[0]?.kind === "key" && steps[0].key === "sweep") return { ok: false, message: "the sweep block cannot be overridden; give --runs and --set on the command line instead" };
  return { ok: true, value: steps };
}

/** Writes a value in YAML flow form, as it can be typed after `--set path=`. */
export function formatOverrideValue(value: unknown): string {
  return stringify(value, { collectionStyle: "flow", lineWidth: 0 }).trimEnd();
}

/** Makes an override from a path and an already parsed value (sweep axes). */
export function makeOverride(path: string, value: unknown): Parsed<Override> {
  const steps = parseOverridePath(path);
  if (!steps.ok) return steps;
  return { ok: true, value: { path, steps: steps.value, value, text: `${path}=${formatOverrideValue(value)}` } };
}

/** Parses `path=value` as given to --set; the value is YAML (`2`, `1h`, `true`, `"text"`, `[a, b]`). */
export function parseOverride(text: string): Parsed<Override> {
  const eq = text.indexOf("=");
  if (eq <= 0) return { ok: false, message: `"${text}" is not path=value. Write e.g. --set faults.chiller-trip.at=2h` };
  const path = text.slice(0, eq);
  let value: unknown;
  const deep = estimateYamlDepth(text.slice(eq + 1), LOADER_LIMITS.maxDepth);
  if (deep.depth > LOADER_LIMITS.maxDepth) return { ok: false, message: `the value of --set ${path} nests deeper than ${LOADER_LIMITS.maxDepth} levels. Flatten it` };
  try {
    value = parse(text.slice(eq + 1), { strict: true, uniqueKeys: true });
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, message: `the value of --set ${path} nests too deeply. Flatten it` };
    return { ok: false, message: `the value of --set ${path} is not valid YAML (${(error as Error).message.split("\n")[0]}). Quote text that contains special characters` };
  }
  if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return { ok: false, message: `the value of --set ${path} (${text.slice(eq + 1).trim()}) is too large to keep exactly: whole numbers are kept exactly up to 9007199254740991 (2^53 − 1). Write a smaller number` };
  }
  return makeOverride(path, value === undefined ? null : value);
}

/** The result of applying overrides: the new document, or every override that could not be applied. */
export type OverrideResult = { ok: true; value: Record<string, unknown> } | { ok: false; problems: ScenarioProblem[] };

/**
 * Applies overrides in order to a parsed scenario document and returns a new document (the input is
 * not changed). Missing mapping keys are created; list elements must exist. Problems are located at
 * the nearest value of the file that the path reaches.
 */
export function applyOverrides(value: Record<string, unknown>, overrides: readonly Override[], start: SourceLocation, index?: LocationIndex): OverrideResult {
  const problems: ScenarioProblem[] = [];
  let doc: Record<string, unknown> = value;
  for (const override of overrides) {
    const reached: (string | number)[] = [];
    const result = setAt(doc, override.steps, override.value, reached);
    if (result instanceof Refusal) {
      problems.push({ location: index?.locate(reached, start) ?? start, path: override.path, message: `--set ${override.text}: ${result.message}` });
    } else doc = result as Record<string, unknown>;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: doc };
}

/** Why an override could not be set (a class, so it cannot be confused with a string value). */
class Refusal {
  constructor(readonly message: string) {}
}

/** Returns a copy of `node` with `value` set at `steps`, or a {@link Refusal}; `reached` receives the path walked. */
function setAt(node: unknown, steps: readonly PathStep[], value: unknown, reached: (string | number)[]): unknown {
  const [step, ...rest] = steps;
  if (step === undefined) return value;
  if (Array.isArray(node)) {
    const at = step.kind === "index" ? step.index : node.findIndex((item) => isMapping(item) && item.id === step.key);
    if (at < 0 || at >= node.length) {
      const ids = node.filter(isMapping).map((item) => item.id).filter((id): id is string => typeof id === "string");
      return new Refusal(step.kind === "index"
        ? `index ${step.index} is past the end of the list (${node.length} element(s))`
        : `no element with id "${step.key}" in this list${ids.length > 0 ? ` (ids: ${ids.join(", ")})` : ""}`);
    }
    reached.push(at);
    const child = setAt(node[at], rest, value, reached);
    if (child instanceof Refusal) return child;
    const copy = [...node];
    copy[at] = child;
    return copy;
  }
  if (isMapping(node)) {
    const key = step.kind === "key" ? step.key : String(step.index);
    const exists = Object.prototype.hasOwnProperty.call(node, key);
    if (exists) reached.push(key);
    const next = rest[0];
    const fresh = next === undefined ? undefined : next.kind === "index" ? [] : {};
    const child = setAt(exists ? node[key] : fresh, rest, value, reached);
    if (child instanceof Refusal) return child;
    return { ...node, [key]: child };
  }
  return new Refusal(`${describe(node)} has no field "${step.kind === "key" ? step.key : `[${step.index}]`}"`);
}

function describe(node: unknown): string {
  return node === null ? "null" : typeof node === "object" ? "this value" : `the ${typeof node} ${JSON.stringify(node)}`;
}

/** One axis of a sweep: a path and the values it takes, in order. */
export interface SweepAxis {
  readonly path: string;
  /** One override per value. */
  readonly values: readonly Override[];
  /** Where the axis is written in the scenario's `sweep.axes`; absent for an axis of the command line. */
  readonly location?: SourceLocation;
}

/** The `sweep` block of a scenario, read and checked. */
export interface SweepSettings {
  readonly runs?: number;
  readonly axes: readonly SweepAxis[];
}

/** Reads the `sweep` block of a scenario file (runs and axes), with located problems; no block gives no axes. */
export function readSweepSettings(file: string, reader: SourceReader): { ok: true; settings: SweepSettings } | { ok: false; problems: ScenarioProblem[] } {
  const start: SourceLocation = { file, line: 1, col: 1 };
  const read = reader.read(file);
  if (!read.ok) return { ok: false, problems: [{ location: start, path: "", message: `cannot read the scenario: ${read.reason}` }] };
  const doc = parseLocatedYaml(read.text, file);
  if (doc.problems.length > 0) return { ok: false, problems: doc.problems };
  if (!isMapping(doc.value) || doc.value.sweep === undefined) return { ok: true, settings: { axes: [] } };
  const checked = sweepSchema.safeParse(doc.value.sweep, { reportInput: true });
  if (!checked.success) return { ok: false, problems: zodProblems(checked.error.issues, sweepSchema, doc.index, ["sweep"], start) };
  const problems: ScenarioProblem[] = [];
  const axes: SweepAxis[] = [];
  for (const [path, values] of Object.entries(checked.data.axes ?? {})) {
    const made = values.map((v) => makeOverride(path, v));
    const bad = made.find((m) => !m.ok);
    if (bad !== undefined && !bad.ok) problems.push({ location: doc.index.locateKey(["sweep", "axes", path], start), path: `sweep.axes[${JSON.stringify(path)}]`, message: bad.message });
    else axes.push({ path, values: made.map((m) => (m as { ok: true; value: Override }).value), location: doc.index.locateKey(["sweep", "axes", path], start) });
  }
  if (problems.length > 0) return { ok: false, problems };
  const cells = axes.reduce((n, a) => n * a.values.length, 1);
  if (cells > SWEEP_LIMITS.maxCells) {
    return { ok: false, problems: [{ location: doc.index.locate(["sweep", "axes"], start), path: "sweep.axes", message: `the axes make ${cells} cells; the limit is ${SWEEP_LIMITS.maxCells}. Sweep fewer values at once` }] };
  }
  return { ok: true, settings: { ...(checked.data.runs !== undefined ? { runs: checked.data.runs } : {}), axes } };
}
