import { dirname, isAbsolute, join, normalize } from "node:path";
import type { z } from "zod";
import { LocationIndex } from "./location-index.js";
import { howToRaise, LOADER_LIMITS, resolveLimits, type ScenarioLimits } from "./limits.js";
import { isMapping, mergeValues } from "./merge.js";
import { parseLocatedYaml } from "./parse-yaml.js";
import { ScenarioError, formatPath, sortProblems, type ScenarioProblem, type SourceLocation, type ValuePath } from "./problem.js";
import { scenarioSchema, serviceSchemas, taggedActionSchemas, taggedFaultSchemas, topologySchema, type ScenarioInput } from "./schema/scenario.js";
import { normalizeScenario } from "./normalize.js";
import { literalOf } from "./events/event-type.js";
import { applyOverrides, type Override } from "./overrides.js";
import { checkScenarioRules } from "./rules.js";
import { checkSizeLimits } from "./rules-limits.js";
import type { Scenario } from "./scenario.js";
import type { SourceReader } from "./source.js";
import { suggestion } from "./suggest.js";
import { zodProblems } from "./zod-problems.js";

/** A scenario that passed every check, with where its values came from. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly index: LocationIndex;
}

/** How to load: values to override before validation (`--set path=value`, sweep axes). */
export interface LoadOptions {
  readonly overrides?: readonly Override[];
}

/** The outcome of loading: the scenario, or every problem found. */
export type LoadResult = { ok: true; loaded: LoadedScenario } | { ok: false; problems: ScenarioProblem[] };

interface RegionResult {
  value: Record<string, unknown>;
  index: LocationIndex;
}

/** A schema and the name it answers to (`type` of a fault, `action` of an operator step). */
interface TaggedSchema {
  readonly tag: string;
  readonly schema: z.ZodObject;
}

const FAULTS: readonly TaggedSchema[] = taggedFaultSchemas;
const SERVICES: readonly TaggedSchema[] = serviceSchemas.map((schema): TaggedSchema => ({ tag: literalOf(schema, "kind"), schema }));
const ACTIONS: readonly TaggedSchema[] = taggedActionSchemas;

/** The fault types this version knows. */
export function knownFaultTypes(): string[] {
  return FAULTS.map((f) => f.tag);
}

/** The operator actions this version knows. */
export function knownActions(): string[] {
  return ACTIONS.map((a) => a.tag);
}

/**
 * Loads a scenario: YAML with locations → imports merged → strict schema → per-type schemas → named rules → normalized.
 * Every problem is collected; nothing is thrown for bad input.
 */
export function loadScenario(file: string, reader: SourceReader, options: LoadOptions = {}): LoadResult {
  const problems: ScenarioProblem[] = [];
  const start: SourceLocation = { file, line: 1, col: 1 };
  const read = reader.read(file);
  if (!read.ok) return { ok: false, problems: [{ location: start, path: "", message: `cannot read the scenario: ${read.reason}. Check the path, or run \`outage-sim list\` for the shipped scenarios` }] };
  const doc = parseLocatedYaml(read.text, file);
  if (doc.problems.length > 0) return { ok: false, problems: sortProblems(doc.problems) };
  if (!isMapping(doc.value)) {
    return { ok: false, problems: [{ location: start, path: "", message: "a scenario is a YAML mapping with apiVersion, kind, name, title, horizon and region. Start from a shipped scenario (outage-sim list)" }] };
  }

  const index = new LocationIndex();
  index.graft([], doc.index);
  let value: Record<string, unknown> = { ...doc.value };
  if (isMapping(value.region)) {
    const budget: ImportBudget = { limits: resolveLimits(value.limits), imports: 0, bytes: 0, within: [normalize(dirname(file))], stopped: false };
    const region = resolveRegion(file, value.region, doc.index, reader, [normalize(file)], problems, budget);
    value = { ...value, region: region.value };
    index.graft(["region"], region.index, ["region"]);
  }
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  if (options.overrides !== undefined && options.overrides.length > 0) {
    const applied = applyOverrides(value, options.overrides, start, index);
    if (!applied.ok) return { ok: false, problems: sortProblems(applied.problems) };
    value = applied.value;
  }

  const parsed = scenarioSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) problems.push(...zodProblems(parsed.error.issues, scenarioSchema, index, [], start));

  const typed = parsed.success ? parsed.data : undefined;
  const faults = parseTagged(value.faults, "faults", "type", FAULTS, "fault type", index, start, problems);
  const region = isMapping(value.region) ? value.region : {};
  const services = parseTagged(region.services, "services", "kind", SERVICES, "service kind", index, start, problems, [], ["region"], "generic");
  const operators = isMapping(value.operators) ? value.operators : {};
  const actions: Record<string, Record<string, unknown>> = {};
  for (const [name, step] of Object.entries(operators)) {
    if (!isMapping(step) || !isMapping(step.do)) continue;
    const one = parseTagged({ [name]: step.do }, "operators", "action", ACTIONS, "action", index, start, problems, ["do"]);
    if (one[name] !== undefined) actions[name] = one[name];
  }
  if (problems.length > 0 || typed === undefined) return { ok: false, problems: sortProblems(problems) };

  const counted = countComponents(typed);
  if (counted > LOADER_LIMITS.maxComponents) {
    problems.push({ location: index.locate(["region"], start), path: "region", message: `the region has ${counted} components; the limit is ${LOADER_LIMITS.maxComponents}. Model groups of servers as clusters, not one by one` });
  }
  const eventCount = Object.keys(typed.faults ?? {}).length + Object.keys(typed.operators ?? {}).length;
  if (eventCount > LOADER_LIMITS.maxEvents) {
    problems.push({ location: start, path: "", message: `${eventCount} faults and operator steps; the limit is ${LOADER_LIMITS.maxEvents}. Use fewer, broader faults` });
  }
  // Sizes are checked before anything of their size is built (the rules build parts of the model).
  problems.push(...checkSizeLimits(typed, resolveLimits(typed.limits), index, start));
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  const scenario = normalizeScenario(file, typed, services, faults, actions);
  problems.push(...checkScenarioRules(scenario, typed, index, start));
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, loaded: { scenario, index } };
}

/** Loads a scenario or throws a {@link ScenarioError} with every problem. */
export function loadScenarioOrThrow(file: string, reader: SourceReader, options: LoadOptions = {}): LoadedScenario {
  const result = loadScenario(file, reader, options);
  if (!result.ok) throw new ScenarioError(result.problems);
  return result.loaded;
}

function parseTagged(
  entries: unknown,
  section: string,
  tagKey: string,
  known: readonly TaggedSchema[],
  noun: string,
  index: LocationIndex,
  start: SourceLocation,
  problems: ScenarioProblem[],
  inner: ValuePath = [],
  outer: ValuePath = [],
  defaultTag?: string,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  if (!isMapping(entries)) return out;
  for (const [name, entry] of Object.entries(entries)) {
    const path = [...outer, section, name, ...inner];
    if (!isMapping(entry)) continue;
    const tag = entry[tagKey] ?? defaultTag;
    if (typeof tag !== "string") continue;
    const match = known.find((k) => k.tag === tag);
    if (match === undefined) {
      problems.push({ location: index.locate([...path, tagKey], start), path: formatPath([...path, tagKey]), message: `unknown ${noun} "${tag}". ${suggestion(tag, known.map((k) => k.tag), noun)}` });
      continue;
    }
    const parsed = match.schema.safeParse(entry, { reportInput: true });
    if (!parsed.success) problems.push(...zodProblems(parsed.error.issues, match.schema, index, path, start));
    else out[name] = parsed.data as Record<string, unknown>;
  }
  return out;
}

function resolveRegion(
  file: string,
  region: Record<string, unknown>,
  fileIndex: LocationIndex,
  reader: SourceReader,
  chain: string[],
  problems: ScenarioProblem[],
  budget: ImportBudget,
): RegionResult {
  const index = new LocationIndex();
  const imports = region.import;
  const list = typeof imports === "string" ? [imports] : Array.isArray(imports) ? imports : [];
  const badImport = imports !== undefined && !(typeof imports === "string" || (Array.isArray(imports) && imports.every((i) => typeof i === "string")));
  if (badImport) {
    problems.push({ location: fileIndex.locate(["region", "import"], { file, line: 1, col: 1 }), path: "region.import", message: "import takes a file path or a list of file paths, relative to this file. Write e.g. import: ../topologies/region.yaml" });
  }
  let merged: Record<string, unknown> = {};
  list.forEach((entry, i) => {
    const path = typeof imports === "string" ? ["region", "import"] : ["region", "import", i];
    const at = fileIndex.locate(path, { file, line: 1, col: 1 });
    if (typeof entry !== "string") return;
    const target = normalize(isAbsolute(entry) ? entry : join(dirname(file), entry));
    if (chain.includes(target)) {
      problems.push({ location: at, path: formatPath(path), message: `import cycle: ${[...chain, target].join(" → ")}. Remove one of these imports` });
      return;
    }
    if (chain.length > LOADER_LIMITS.maxImportDepth) {
      problems.push({ location: at, path: formatPath(path), message: `imports nest deeper than ${LOADER_LIMITS.maxImportDepth} files. Flatten the topology` });
      return;
    }
    if (budget.stopped) return;
    if (++budget.imports > budget.limits.maxImports) {
      budget.stopped = true;
      problems.push({ location: at, path: formatPath(path), message: `more than ${budget.limits.maxImports} imports (every import counts, the same file imported twice counts twice); the limit is ${budget.limits.maxImports}. ${howToRaise("maxImports", "import a topology once and share it")}` });
      return;
    }
    const read = reader.read(target, budget.within);
    if (!read.ok) {
      problems.push({ location: at, path: formatPath(path), message: `cannot import "${entry}" (${target}): ${read.reason}. Paths are relative to the importing file` });
      return;
    }
    budget.bytes += read.text.length;
    if (budget.bytes > budget.limits.maxImportBytes) {
      budget.stopped = true;
      problems.push({ location: at, path: formatPath(path), message: `the imported files add up to more than ${budget.limits.maxImportBytes} bytes; the limit is ${budget.limits.maxImportBytes}. ${howToRaise("maxImportBytes", "import fewer or smaller topologies")}` });
      return;
    }
    const doc = parseLocatedYaml(read.text, target);
    // What is not a topology is described, never quoted: an import must not print a file it should not have read.
    if (doc.problems.length > 0 && !/^\s*(#.*)?region\s*:/m.test(read.text)) {
      problems.push({ location: at, path: formatPath(path), message: `cannot import "${entry}": it is not a topology file (a YAML mapping with a region: key). Import a topology file` });
      return;
    }
    if (doc.problems.length > 0) {
      problems.push(...doc.problems);
      return;
    }
    if (!isMapping(doc.value) || !("region" in doc.value)) {
      problems.push({ location: at, path: formatPath(path), message: `cannot import "${entry}": it is not a topology file (a YAML mapping with a region: key). Import a topology file` });
      return;
    }
    const checked = topologySchema.safeParse(doc.value, { reportInput: true });
    if (!checked.success) {
      problems.push(...zodProblems(checked.error.issues, topologySchema, doc.index, [], { file: target, line: 1, col: 1 }));
      return;
    }
    const inner = resolveRegion(target, checked.data.region, doc.index, reader, [...chain, target], problems, budget);
    merged = mergeValues(merged, inner.value) as Record<string, unknown>;
    index.graft(["region"], inner.index, ["region"]);
  });
  const own: Record<string, unknown> = { ...region };
  delete own.import;
  index.graft(["region"], fileIndex, ["region"]);
  return { value: mergeValues(merged, own) as Record<string, unknown>, index };
}

/** What the imports of one scenario may still read, and where from. */
interface ImportBudget {
  readonly limits: ScenarioLimits;
  readonly within: readonly string[];
  imports: number;
  bytes: number;
  stopped: boolean;
}

function countComponents(input: ScenarioInput): number {
  let count = 0;
  const region = input.region as Record<string, unknown>;
  for (const value of Object.values(region)) {
    if (Array.isArray(value)) count += value.length;
    else if (isMapping(value)) count += Object.keys(value).length;
  }
  return count;
}
