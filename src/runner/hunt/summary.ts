/**
 * The summary of a hunt, computed from its plan and its records alone (so a merge of shards gives the same bytes
 * as the whole hunt): per objective, its minimal breaking sets ranked (single points of failure first), the
 * components no single fault breaks anything through, and the components × objectives matrix.
 */
import { formatOverrideValue } from "../../scenario/overrides.js";
import { distributionOf, shellWord } from "../sweep.js";
import type { HuntPlan, HuntRecord, Objective } from "./plan.js";
import { breaks, bruteForceRuns, replaySearch, setKey, type Judge, type Results } from "./search.js";

/** A minimal breaking set of one objective. */
export interface MinimalSet {
  /** Candidate ids. */
  readonly members: readonly string[];
  readonly labels: readonly string[];
  /** Fraction of the set's runs that broke the objective. */
  readonly pBreak: number;
  readonly breakingRuns: number;
  readonly runs: number;
  /** The app's outage over the set's runs, minutes (null for an objective that is not an app). */
  readonly outageMinutes: { readonly p50: number; readonly p90: number } | null;
  /** Mean user-minutes lost by the app over the set's runs (null for an objective that is not an app). */
  readonly userMinutesLost: number | null;
  /** The seed of the first run that broke it, and that run's chain of causes of the app's first impact. */
  readonly seed: number;
  readonly chain: readonly string[] | null;
  /** The command that replays that run. */
  readonly replay: string;
}

/** One objective's findings. */
export interface ObjectiveSummary {
  readonly id: string;
  readonly title: string;
  readonly kind: "app" | "check";
  /** How a run is judged: by the dependable expectations named, or by the impact threshold. */
  readonly judgedBy: { readonly kind: "expectations"; readonly checks: readonly string[] } | { readonly kind: "impact"; readonly minutes: number };
  /** Broken on some run without any hunted fault: not hunted, with the fraction of baseline runs broken. */
  readonly brokenWithoutFaults: number | null;
  readonly minimal: readonly MinimalSet[];
}

/** A single point of failure: one candidate and every objective it breaks alone. */
export interface SinglePoint {
  readonly candidate: string;
  readonly label: string;
  readonly target: { readonly id: string; readonly kind: string };
  readonly breaks: readonly { readonly objective: string; readonly pBreak: number }[];
}

/** A component through which no single fault (of those tried) breaks anything. */
export interface RedundantPart {
  readonly target: { readonly id: string; readonly kind: string };
  readonly faults: readonly string[];
  /** At depth ≥ 2: the objectives it breaks together with another fault. */
  readonly inPairs: readonly string[];
}

/** One level of the search as it ran. */
export interface LevelSummary {
  readonly level: number;
  readonly sets: number;
  readonly runs: number;
  readonly bruteForceSets: number;
  readonly overBudget: number;
}

/** The matrix of the HTML report: rows are the components hit, columns the objectives. */
export interface HuntMatrix {
  readonly rows: readonly { readonly id: string; readonly kind: string }[];
  readonly columns: readonly string[];
  /** cells[row][column]: the smallest minimal breaking set through this component, or null. */
  readonly cells: readonly (readonly ({ readonly size: number; readonly pBreak: number; readonly set: string } | null)[])[];
}

/** The summary of a hunt: what every report renders. */
export interface HuntSummary {
  readonly plan: HuntPlan;
  readonly runs: number;
  readonly bruteForceRuns: number;
  readonly levels: readonly LevelSummary[];
  /** The budget stopped the search before it tried every set it wanted. */
  readonly budgetReached: boolean;
  /** Checks that failed on some run without any hunted fault, so they judge nothing. */
  readonly ignoredChecks: readonly string[];
  readonly objectives: readonly ObjectiveSummary[];
  readonly singlePoints: readonly SinglePoint[];
  readonly redundant: readonly RedundantPart[];
  readonly matrix: HuntMatrix;
  /** Runs that hit a limit (event budget, or apps still impacted at the horizon). */
  readonly limitRuns: number;
}

/** The command that replays one run of a set. */
export function huntReplayCommand(plan: HuntPlan, members: readonly number[], seed: number): string {
  const words = ["outage-sim", "run", shellWord(plan.scenario.path), "--seed", String(seed)];
  if (plan.horizon !== null) words.push("--horizon", shellWord(plan.horizon.text));
  if (plan.droppedFaults.length > 0) words.push("--set", shellWord("faults={}"));
  for (const m of members) {
    for (const fault of plan.candidates[m]?.faults ?? []) words.push("--set", shellWord(`faults.${fault.name}=${formatOverrideValue(fault.written)}`));
  }
  return words.join(" ");
}

function minimalSetsOf(plan: HuntPlan, judge: Judge, results: Results, o: Objective): MinimalSet[] {
  const breaking = new Map<string, readonly HuntRecord[]>();
  for (const [key, records] of results) {
    if (key === "") continue;
    if (records.some((r) => breaks(plan, judge, r, o))) breaking.set(key, records);
  }
  const out: { set: MinimalSet; size: number; lost: number }[] = [];
  for (const [key, records] of breaking) {
    const members = (records[0] as HuntRecord).members;
    // Minimal: no proper non-empty subset of it breaks the objective.
    const proper = members.length > 1 && subsetsOf(members).some((s) => breaking.has(setKey(s)));
    if (proper) continue;
    const broken = records.filter((r) => breaks(plan, judge, r, o));
    const first = broken[0] as HuntRecord;
    const outage = o.app >= 0 ? distributionOf(records.map((r) => r.outageMinutes[o.app] as number)) : null;
    let lost = 0;
    if (o.app >= 0) for (const r of records) lost += r.userMinutesLost[o.app] as number;
    const mean = o.app >= 0 ? Math.round(lost / records.length) : null;
    out.push({
      size: members.length,
      lost: mean ?? 0,
      set: {
        members: members.map((m) => plan.candidates[m]?.id ?? String(m)),
        labels: members.map((m) => plan.candidates[m]?.label ?? String(m)),
        pBreak: broken.length / records.length,
        breakingRuns: broken.length,
        runs: records.length,
        outageMinutes: outage === null ? null : { p50: outage.p50, p90: outage.p90 },
        userMinutesLost: mean,
        seed: first.seed,
        chain: o.app >= 0 ? (first.chains[o.app] ?? null) : null,
        replay: huntReplayCommand(plan, members, first.seed),
      },
    });
    void key;
  }
  out.sort((a, b) => a.size - b.size || b.set.pBreak - a.set.pBreak || b.lost - a.lost || (a.set.members.join(",") < b.set.members.join(",") ? -1 : a.set.members.join(",") > b.set.members.join(",") ? 1 : 0));
  return out.map((e) => e.set);
}

/** Every proper non-empty subset of a small set. */
function subsetsOf(members: readonly number[]): number[][] {
  const out: number[][] = [];
  const n = members.length;
  for (let mask = 1; mask < (1 << n) - 1; mask++) out.push(members.filter((_, i) => (mask & (1 << i)) !== 0));
  return out;
}

/** Summarizes a hunt; throws when the records are not exactly the plan's search (callers check with {@link replaySearch}). */
export function summarizeHunt(plan: HuntPlan, records: readonly HuntRecord[]): HuntSummary {
  const replayed = replaySearch(plan, records);
  if (typeof replayed === "string") throw new Error(`summarizeHunt: ${replayed}`);
  const { judge, results, levels } = replayed;
  const baseline = results.get("") ?? [];
  const objectives: ObjectiveSummary[] = plan.objectives.map((o, i) => {
    const dependable = o.checks.filter((k) => judge.dependable[k] === true);
    const brokenRuns = baseline.filter((r) => breaks(plan, judge, r, o)).length;
    const broken = judge.brokenAtBaseline[i] === true;
    return {
      id: o.id,
      title: o.title,
      kind: o.kind,
      judgedBy: dependable.length > 0 ? { kind: "expectations", checks: dependable.map((k) => plan.checks[k]?.name ?? String(k)) } : { kind: "impact", minutes: plan.impactMinutes },
      brokenWithoutFaults: broken ? (baseline.length === 0 ? 1 : brokenRuns / baseline.length) : null,
      minimal: broken ? [] : minimalSetsOf(plan, judge, results, o),
    };
  });
  const singles = new Map<string, SinglePoint>();
  const byCandidate = new Map(plan.candidates.map((c) => [c.id, c]));
  objectives.forEach((o) => {
    for (const set of o.minimal) {
      if (set.members.length !== 1) continue;
      const id = set.members[0] as string;
      const c = byCandidate.get(id);
      if (c === undefined) continue;
      const entry = singles.get(id) ?? { candidate: id, label: c.label, target: { id: c.target.id, kind: c.target.kind }, breaks: [] };
      singles.set(id, { ...entry, breaks: [...entry.breaks, { objective: o.id, pBreak: set.pBreak }] });
    }
  });
  const singlePoints = plan.candidates.filter((c) => singles.has(c.id)).map((c) => singles.get(c.id) as SinglePoint);
  const targets: { id: string; kind: string }[] = [];
  for (const c of plan.candidates) if (!targets.some((t) => t.id === c.target.id && t.kind === c.target.kind)) targets.push({ id: c.target.id, kind: c.target.kind });
  const columns = objectives.map((o) => o.id);
  const cells = targets.map((t) => objectives.map((o) => {
    let best: { size: number; pBreak: number; set: string } | null = null;
    for (const set of o.minimal) {
      const on = set.members.some((m) => { const c = byCandidate.get(m); return c !== undefined && c.target.id === t.id && c.target.kind === t.kind; });
      if (!on) continue;
      if (best === null || set.members.length < best.size || (set.members.length === best.size && set.pBreak > best.pBreak)) best = { size: set.members.length, pBreak: set.pBreak, set: set.members.join(" + ") };
    }
    return best;
  }));
  const redundant: RedundantPart[] = [];
  targets.forEach((t, row) => {
    const line = cells[row] as ({ size: number } | null)[];
    if (line.some((cell) => cell !== null && cell.size === 1)) return;
    const faults = plan.candidates.filter((c) => c.target.id === t.id && c.target.kind === t.kind).map((c) => c.duration === null ? c.type : `${c.type} for ${c.duration}`);
    const tried = plan.candidates.some((c) => c.target.id === t.id && c.target.kind === t.kind && results.has(String(plan.candidates.indexOf(c))));
    if (!tried) return;
    redundant.push({ target: t, faults, inPairs: columns.filter((_, col) => line[col] !== null) });
  });
  const levelSummaries: LevelSummary[] = [
    { level: 0, sets: 1, runs: plan.runs, bruteForceSets: 1, overBudget: 0 },
    ...levels.map((l) => ({ level: l.level, sets: l.sets.length, runs: l.sets.length * plan.runs, bruteForceSets: bruteSets(plan, l.level), overBudget: l.overBudget })),
  ];
  return {
    plan,
    runs: records.length,
    bruteForceRuns: bruteForceRuns(plan),
    levels: levelSummaries,
    budgetReached: levels.some((l) => l.overBudget > 0),
    ignoredChecks: plan.checks.filter((_, k) => judge.dependable[k] !== true).map((c) => c.name),
    objectives,
    singlePoints,
    redundant,
    matrix: { rows: targets, columns, cells },
    limitRuns: records.filter((r) => r.stop === "event-budget" || r.unsettled > 0).length,
  };
}

function bruteSets(plan: HuntPlan, level: number): number {
  return Math.round(bruteForceRuns({ ...plan, depth: level }) / plan.runs - bruteForceRuns({ ...plan, depth: level - 1 }) / plan.runs);
}
