/**
 * Everything a hunt needs before it runs: the scenario and its `hunt` block loaded and checked, the candidates
 * listed from the registry and the region, each candidate's faults checked by the loader exactly as written
 * faults are (and normalized by it), the objectives, each app's causal support, and the plan.
 */
import { listCandidates, excludeCandidates, type Candidate } from "../runner/hunt/candidates.js";
import { DEFAULT_HUNT_RUNS, DEFAULT_IMPACT_MS, defaultStrikeMs, formatDuration, DEFAULT_DURATIONS_MS } from "../runner/hunt/defaults.js";
import { expandChecks, objectivesOf } from "../runner/hunt/objectives.js";
import type { HuntPlan } from "../runner/hunt/plan.js";
import { appSupports } from "../runner/hunt/support.js";
import { seedsFit } from "../runner/sweep.js";
import { readHuntSettings } from "../scenario/hunt-settings.js";
import { loadScenario } from "../scenario/load.js";
import { makeOverride, type Override } from "../scenario/overrides.js";
import { ScenarioError, type ScenarioProblem } from "../scenario/problem.js";
import type { FaultSpec } from "../scenario/scenario.js";
import { HUNT_LIMITS } from "../scenario/schema/hunt.js";
import type { SourceReader } from "../scenario/source.js";
import { suggestion } from "../scenario/suggest.js";
import { UserError } from "./exit-codes.js";
import { resolveScenarioPath } from "./io.js";
import type { HuntWorkerSetup } from "./hunt-worker.js";
import { readOnceReader } from "./sweep-pool.js";

/** What the command line says (undefined: the `hunt` block's value, else the default). */
export interface HuntCommandOptions {
  readonly depth?: number;
  readonly runs?: number;
  readonly seed?: number;
  readonly apps?: readonly string[];
  readonly budget?: number;
  readonly impactMs?: number;
  readonly keepFaults?: boolean;
  readonly exhaustive?: boolean;
  readonly horizon?: { readonly text: string; readonly ms: number };
}

/** A hunt ready to run. */
export interface PreparedHunt {
  readonly plan: HuntPlan;
  readonly setup: HuntWorkerSetup;
}

/** The candidate a problem's path is about (`faults.<name>…`), if any. */
function candidateOf(problem: ScenarioProblem, byFault: ReadonlyMap<string, Candidate>): Candidate | undefined {
  const m = /^faults\.([a-z0-9][a-z0-9-]*)/.exec(problem.path) ?? /^faults\[\"?([^\]"]+)\"?\]/.exec(problem.path);
  return m === null ? undefined : byFault.get(m[1] as string);
}

function overridesOf(candidates: readonly Candidate[]): Override[] {
  return candidates.flatMap((c) => c.faults.map((f) => {
    const made = makeOverride(`faults.${f.name}`, f.written);
    if (!made.ok) throw new Error(`hunt: candidate ${c.id}: ${made.message}`);
    return made.value;
  }));
}

/**
 * Loads the scenario with every candidate's faults added and keeps the candidates the loader accepts; a candidate
 * refused (a fault that does not apply to its component) is left out with the first reason.
 */
function checkCandidates(path: string, reader: SourceReader, candidates: readonly Candidate[], userTypes: ReadonlySet<string>): { kept: Candidate[]; rejected: { id: string; reason: string }[]; faults: Map<string, FaultSpec> } {
  let kept = [...candidates];
  const rejected: { id: string; reason: string }[] = [];
  const userProblems: ScenarioProblem[] = [];
  for (let round = 0; round < 4; round++) {
    const result = loadScenario(path, reader, { overrides: overridesOf(kept) });
    if (result.ok) {
      if (userProblems.length > 0) throw new ScenarioError(userProblems);
      return { kept, rejected, faults: new Map(result.loaded.scenario.faults.map((f) => [f.name, f])) };
    }
    const byFault = new Map<string, Candidate>();
    for (const c of kept) for (const f of c.faults) byFault.set(f.name, c);
    const refused = new Map<string, string>();
    const other: ScenarioProblem[] = [];
    for (const problem of result.problems) {
      const c = candidateOf(problem, byFault);
      if (c === undefined) other.push(problem);
      else if (!refused.has(c.id)) refused.set(c.id, problem.message);
    }
    if (other.length > 0) throw new ScenarioError(other);
    for (const [id, reason] of refused) rejected.push({ id, reason });
    const before = kept;
    kept = kept.filter((c) => !refused.has(c.id));
    // Parameters the user gave that no candidate of their type accepts are the user's mistake: say so.
    for (const type of userTypes) {
      const ofType = before.filter((c) => c.type === type);
      if (ofType.length > 0 && ofType.every((c) => refused.has(c.id)) && !candidates.some((c) => c.type === type && kept.includes(c))) {
        const first = result.problems.find((p) => candidateOf(p, byFault)?.type === type);
        if (first !== undefined && !userProblems.includes(first)) userProblems.push({ ...first, message: `${first.message} (every ${type} the hunt tried with hunt.params["${type}"] is refused)` });
      }
    }
  }
  throw new Error("hunt: the candidates did not settle after 4 loads");
}

/** Loads, checks and plans a hunt; every problem is a user error (exit 2). */
export function prepareHunt(given: string, opts: HuntCommandOptions): PreparedHunt {
  const path = resolveScenarioPath(given);
  const reader = readOnceReader();
  const settings = readHuntSettings(path, reader);
  if (!settings.ok) throw new ScenarioError(settings.problems);
  const base = loadScenario(path, reader);
  if (!base.ok) throw new ScenarioError(base.problems);
  const scenario = base.loaded.scenario;
  const input = settings.settings.input;
  const depth = opts.depth ?? input.depth ?? 1;
  const runs = opts.runs ?? input.runs ?? DEFAULT_HUNT_RUNS;
  const impactMs = opts.impactMs ?? input.impact ?? DEFAULT_IMPACT_MS;
  const keepFaults = opts.keepFaults ?? input.keepFaults ?? false;
  const horizonMs = opts.horizon?.ms ?? scenario.horizonMs;
  const atMs = input.at ?? defaultStrikeMs(horizonMs);
  if (atMs >= horizonMs) {
    throw new ScenarioError([{ location: settings.settings.location, path: "hunt.at", message: `hunted faults strike at ${formatDuration(atMs)}, not before the horizon (${formatDuration(horizonMs)}). Give an earlier hunt.at` }]);
  }
  const listed = listCandidates(scenario, { input, atMs, durationsMs: input.durations ?? DEFAULT_DURATIONS_MS });
  const excluded = excludeCandidates(listed.candidates, input.exclude ?? []);
  if (excluded.unknown.length > 0) {
    const known = [...new Set(listed.candidates.flatMap((c) => [c.type, c.target.id]))];
    throw new ScenarioError(excluded.unknown.map((i) => {
      const word = (input.exclude ?? [])[i] as string;
      return { location: settings.settings.excludeLocations[i] ?? settings.settings.location, path: `hunt.exclude[${i}]`, message: `"${word}" names no fault type, component or candidate of this hunt. ${suggestion(word, known, "name")}` };
    }));
  }
  if (excluded.kept.length > HUNT_LIMITS.maxCandidates) throw new UserError(`the hunt has ${excluded.kept.length} candidate faults; the limit is ${HUNT_LIMITS.maxCandidates}. Narrow it with hunt.types or hunt.exclude`);
  if (excluded.kept.length === 0) throw new UserError("the hunt has no candidate faults (hunt.types and hunt.exclude leave none). Hunt more fault types");
  const checked = checkCandidates(path, reader, excluded.kept, new Set(Object.keys(input.params ?? {})));
  const candidates = checked.kept;
  if (candidates.length === 0) throw new UserError("no candidate fault applies to this region. Hunt more fault types");
  const appIds = scenario.apps.map((a) => a.id);
  if (opts.apps !== undefined) {
    for (const app of opts.apps) if (!appIds.includes(app)) throw new UserError(`--apps: no app "${app}". ${suggestion(app, appIds, "app")}`);
  }
  const expanded = expandChecks(scenario.checks, appIds);
  const apps = scenario.apps.map((a) => ({ id: a.id, title: a.title }));
  const objectives = objectivesOf(apps, expanded.checks, opts.apps);
  const baseSeed = opts.seed ?? scenario.seed;
  if (!seedsFit(baseSeed, runs)) throw new UserError(`seeds ${baseSeed} + 0…${runs - 1} do not fit in exact integers. Use a smaller --seed`);
  if (opts.budget !== undefined && opts.budget < runs) throw new UserError(`a budget of ${opts.budget} runs does not cover the ${runs} runs of the scenario without hunted faults. Give --budget ${runs} or more`);
  const plan: HuntPlan = {
    scenario: { path: given, name: scenario.name, title: scenario.title, start: scenario.start },
    baseSeed,
    runs,
    depth,
    exhaustive: opts.exhaustive === true,
    budget: opts.budget ?? null,
    impactMinutes: impactMs / 60_000,
    horizon: opts.horizon === undefined ? null : { text: opts.horizon.text, ms: opts.horizon.ms },
    at: formatDuration(atMs),
    droppedFaults: keepFaults ? [] : scenario.faults.map((f) => f.name),
    keepFaults,
    apps,
    checks: expanded.checks,
    objectives,
    candidates: candidates.map((c) => ({ id: c.id, type: c.type, target: c.target, duration: c.duration, label: c.label, faults: c.faults })),
    skippedTypes: listed.skipped,
    rejected: checked.rejected,
  };
  const run = {
    scenario: { ...scenario, faults: keepFaults ? scenario.faults : [], checks: expanded.specs },
    horizonMs: opts.horizon?.ms ?? null,
    candidates: candidates.map((c) => c.faults.map((f) => checked.faults.get(f.name) as FaultSpec)),
    supports: appSupports(scenario, appIds),
    targets: candidates.map((c) => (c.target.kind === "region" ? ["*"] : c.type === "zone" ? c.faults.map((f) => String(f.written.cluster)) : [c.target.id])),
  };
  return { plan, setup: { variants: [{ label: "" }], run } };
}
