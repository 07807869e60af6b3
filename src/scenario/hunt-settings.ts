/**
 * The `hunt` block of a scenario, read with its locations: which fault types `outage-sim hunt` tries, with
 * which parameters, and how it judges a fault set. Names the block gives (types, params) are checked here
 * against the event-type registry, every problem at once and located; ids in `exclude` are checked by the
 * hunt against the region (a type, a component or a candidate may be named).
 */
import { FAULT_TYPES } from "./events/index.js";
import { isMapping } from "./merge.js";
import { parseLocatedYaml } from "./parse-yaml.js";
import type { ScenarioProblem, SourceLocation } from "./problem.js";
import { huntSchema, type HuntInput } from "./schema/hunt.js";
import type { SourceReader } from "./source.js";
import { suggestion } from "./suggest.js";
import { zodProblems } from "./zod-problems.js";

/** The `hunt` block as written (durations in ms), and where each part of it is. */
export interface HuntSettings {
  readonly input: HuntInput;
  /** Where the block (or the file, without one) starts. */
  readonly location: SourceLocation;
  /** Where each `exclude` entry is, in order. */
  readonly excludeLocations: readonly SourceLocation[];
}

/** Reads the `hunt` block of a scenario file; no block gives every default. */
export function readHuntSettings(file: string, reader: SourceReader): { ok: true; settings: HuntSettings } | { ok: false; problems: ScenarioProblem[] } {
  const start: SourceLocation = { file, line: 1, col: 1 };
  const read = reader.read(file);
  if (!read.ok) return { ok: false, problems: [{ location: start, path: "", message: `cannot read the scenario: ${read.reason}` }] };
  const doc = parseLocatedYaml(read.text, file);
  if (doc.problems.length > 0) return { ok: false, problems: doc.problems };
  if (!isMapping(doc.value) || doc.value.hunt === undefined) return { ok: true, settings: { input: {}, location: start, excludeLocations: [] } };
  const checked = huntSchema.safeParse(doc.value.hunt, { reportInput: true });
  if (!checked.success) return { ok: false, problems: zodProblems(checked.error.issues, huntSchema, doc.index, ["hunt"], start) };
  const input = checked.data;
  const names = FAULT_TYPES.map((t) => t.name);
  const problems: ScenarioProblem[] = [];
  (input.types ?? []).forEach((type, i) => {
    if (!names.includes(type)) problems.push({ location: doc.index.locate(["hunt", "types", i], start), path: `hunt.types[${i}]`, message: `unknown fault type "${type}". ${suggestion(type, names, "fault type")}` });
  });
  for (const type of Object.keys(input.params ?? {})) {
    if (!names.includes(type)) problems.push({ location: doc.index.locateKey(["hunt", "params", type], start), path: `hunt.params[${JSON.stringify(type)}]`, message: `unknown fault type "${type}". ${suggestion(type, names, "fault type")}` });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    settings: {
      input,
      location: doc.index.locate(["hunt"], start),
      excludeLocations: (input.exclude ?? []).map((_, i) => doc.index.locate(["hunt", "exclude", i], start)),
    },
  };
}
