/**
 * The search of a hunt, level by level: level 0 is the scenario without hunted faults (the baseline), level k
 * the sets of k candidates. Every set runs on the same seeds (common random numbers). Level 1 is exhaustive.
 * From level 2 on, the pruned search tries a set for an objective only when
 *   - no smaller set inside it breaks the objective (a superset of a breaking set is not minimal), and
 *   - each of its faults, alone, reached the objective's causal support (changed the history of a component
 *     the app needs, compared with the baseline on the same seed): a fault whose lineage never touches what the
 *     app needs cannot be half of what breaks it.
 * Sets are tried in order of promise: first those whose faults each already impacted the app alone. The
 * exhaustive search (brute force) tries every set of size ≤ depth. Both are pure functions of the plan and the
 * records so far, so a shard and a merge replay exactly the same search.
 */
import type { HuntPlan, HuntRecord, Objective } from "./plan.js";
import type { HuntJob } from "./record.js";

/** How a run is judged, from the baseline: which checks are dependable and which objectives are already broken. */
export interface Judge {
  /** Per check: it passed on every baseline run (a check that fails without any hunted fault cannot tell anything). */
  readonly dependable: readonly boolean[];
  /** Per objective: broken on at least one baseline run (it is then not hunted). */
  readonly brokenAtBaseline: readonly boolean[];
  /** Per objective: judged by expectations (true) or by the impact threshold (false). */
  readonly byChecks: readonly boolean[];
}

/** Whether `record` breaks objective `o` (checks judged with `dependable`). */
function breaksWith(plan: HuntPlan, dependable: readonly boolean[], record: HuntRecord, o: Objective): boolean {
  const checks = o.checks.filter((k) => dependable[k] === true);
  if (checks.length > 0) return checks.some((k) => record.checks[k] !== true);
  if (o.kind === "check") return false;
  return (record.outageMinutes[o.app] as number) > plan.impactMinutes;
}

/** The judge of a hunt, from its baseline records. */
export function judgeOf(plan: HuntPlan, baseline: readonly HuntRecord[]): Judge {
  const dependable = plan.checks.map((_, k) => baseline.every((r) => r.checks[k] === true));
  return {
    dependable,
    brokenAtBaseline: plan.objectives.map((o) => (o.kind === "check" && !o.checks.some((k) => dependable[k])) || baseline.some((r) => breaksWith(plan, dependable, r, o))),
    byChecks: plan.objectives.map((o) => o.checks.some((k) => dependable[k] === true)),
  };
}

/** Whether a run breaks objective `o`. */
export function breaks(plan: HuntPlan, judge: Judge, record: HuntRecord, o: Objective): boolean {
  return breaksWith(plan, judge.dependable, record, o);
}

/** The key of a set: its members, ascending, comma-separated ("" for the empty set). */
export function setKey(members: readonly number[]): string {
  return members.join(",");
}

/** The records of each set tried so far, by key, each in run order. */
export type Results = ReadonlyMap<string, readonly HuntRecord[]>;

/** Groups records by set, each group in run order. */
export function groupResults(records: readonly HuntRecord[]): Map<string, HuntRecord[]> {
  const out = new Map<string, HuntRecord[]>();
  for (const r of records) {
    const key = setKey(r.members);
    const list = out.get(key) ?? [];
    list.push(r);
    out.set(key, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.run - b.run);
  return out;
}

/** Whether set `key` broke objective `o` on at least one of its runs. */
export function setBreaks(plan: HuntPlan, judge: Judge, results: Results, key: string, o: Objective): boolean {
  return (results.get(key) ?? []).some((r) => breaks(plan, judge, r, o));
}

/** Candidates that are alternatives of each other (the same fault on the same component, with another duration) share a group. */
function groupsOf(plan: HuntPlan): number[] {
  const seen = new Map<string, number>();
  return plan.candidates.map((c) => {
    const key = `${c.type}\u0000${c.target.field}\u0000${c.target.id}`;
    if (!seen.has(key)) seen.set(key, seen.size);
    return seen.get(key) as number;
  });
}

/** Every k-subset of `pool` (ascending), skipping those with two alternatives of one fault. */
function* combinations(pool: readonly number[], k: number, group: readonly number[]): Generator<number[]> {
  const pick: number[] = [];
  function* walk(from: number): Generator<number[]> {
    if (pick.length === k) {
      yield [...pick];
      return;
    }
    for (let i = from; i <= pool.length - (k - pick.length); i++) {
      const c = pool[i] as number;
      if (pick.some((p) => group[p] === group[c])) continue;
      pick.push(c);
      yield* walk(i + 1);
      pick.pop();
    }
  }
  yield* walk(0);
}

/** Sets of size k a brute-force search tries (alternatives of one fault never together). */
export function bruteForceSets(plan: HuntPlan, k: number): number {
  const group = groupsOf(plan);
  const sizes = new Map<number, number>();
  for (const g of group) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  // Elementary symmetric polynomial of the group sizes: one member from each of k distinct groups.
  const e = [1, ...Array.from({ length: k }, () => 0)];
  for (const size of sizes.values()) for (let j = k; j >= 1; j--) e[j] = (e[j] as number) + (e[j - 1] as number) * size;
  return e[k] as number;
}

/** Runs a brute-force search of the plan's depth takes (the baseline included). */
export function bruteForceRuns(plan: HuntPlan): number {
  let sets = 1;
  for (let k = 1; k <= plan.depth; k++) sets += bruteForceSets(plan, k);
  return sets * plan.runs;
}

/** The sets of one level, in the order they are tried, and how many more the budget left out. */
export interface LevelPlan {
  readonly level: number;
  readonly sets: readonly (readonly number[])[];
  /** Sets the search wanted to try but the budget did not allow. */
  readonly overBudget: number;
}

/** Whether candidate `c` alone reached objective `o`'s causal support on some seed (an objective about no app: any component of the region). */
function reaches(results: Results, c: number, o: Objective): boolean {
  if (o.kind === "check") return (results.get(String(c)) ?? []).some((r) => r.reachAny === true);
  return (results.get(String(c)) ?? []).some((r) => r.reach[o.app] === true);
}

/** Whether candidate `c` alone impacted `o`'s app on some seed, without breaking it (a half of a pair). */
function harms(results: Results, c: number, o: Objective): boolean {
  if (o.kind === "check") return false;
  return (results.get(String(c)) ?? []).some((r) => r.impacted[o.app] === true);
}

/**
 * The sets of level `level` (≥ 1), from the results of the levels below, with at most `runsLeft` runs (null: no
 * budget). Level 1 is every candidate. Deterministic: the same plan and results give the same list.
 */
export function planLevel(plan: HuntPlan, judge: Judge, results: Results, level: number, runsLeft: number | null): LevelPlan {
  const n = plan.candidates.length;
  const group = groupsOf(plan);
  const all = Array.from({ length: n }, (_, i) => i);
  const wanted = new Map<string, { members: number[]; objectives: number; score: number }>();
  const live = plan.objectives.map((o, i) => ({ o, i })).filter(({ i }) => judge.brokenAtBaseline[i] !== true);
  if (level === 1 || plan.exhaustive) {
    for (const members of combinations(all, level, group)) wanted.set(setKey(members), { members, objectives: 0, score: 0 });
  } else {
    for (const { o } of live) {
      const pool = all.filter((c) => reaches(results, c, o) && results.has(String(c)) && !setBreaks(plan, judge, results, String(c), o));
      for (const members of combinations(pool, level, group)) {
        const subsetsClear = members.every((_, drop) => {
          const key = setKey(members.filter((__, i) => i !== drop));
          return results.has(key) && !setBreaks(plan, judge, results, key, o);
        });
        if (!subsetsClear) continue;
        const key = setKey(members);
        const score = members.filter((c) => harms(results, c, o)).length;
        const entry = wanted.get(key);
        if (entry === undefined) wanted.set(key, { members, objectives: 1, score });
        else {
          entry.objectives++;
          entry.score = Math.max(entry.score, score);
        }
      }
    }
  }
  const ordered = [...wanted.values()].sort((a, b) => b.score - a.score || b.objectives - a.objectives || compareSets(a.members, b.members));
  const fit = runsLeft === null ? ordered.length : Math.max(0, Math.floor(runsLeft / plan.runs));
  return { level, sets: ordered.slice(0, fit).map((e) => e.members), overBudget: Math.max(0, ordered.length - fit) };
}

function compareSets(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

/** The jobs of a level's sets: set × runs + run, seeds base + run. */
export function levelJobs(plan: HuntPlan, level: number, sets: readonly (readonly number[])[]): HuntJob[] {
  const jobs: HuntJob[] = [];
  sets.forEach((members, set) => {
    for (let run = 0; run < plan.runs; run++) jobs.push({ job: set * plan.runs + run, level, set, run, seed: plan.baseSeed + run, members });
  });
  return jobs;
}

/** A shard of a hunt: its levels below the depth run in full (they decide the last level), the last level is split. */
export interface HuntShard {
  readonly index: number;
  readonly count: number;
}

/** The range of the last level's jobs that shard `index` of `count` runs. */
export function huntShardRange(total: number, shard: HuntShard): { from: number; to: number } {
  return { from: Math.floor(((shard.index - 1) * total) / shard.count), to: Math.floor((shard.index * total) / shard.count) };
}

/** What a search did, level by level. */
export interface SearchTrace {
  readonly levels: readonly LevelPlan[];
  readonly judge: Judge;
  readonly results: Results;
}

/**
 * Runs the search: the baseline, then each level up to the plan's depth, each level's jobs through `run` (a worker
 * pool, or anything that returns their records). With a shard, the last level runs only the shard's range of jobs.
 */
export async function searchHunt(plan: HuntPlan, run: (jobs: HuntJob[], level: number) => Promise<HuntRecord[]>, shard?: HuntShard): Promise<{ records: HuntRecord[]; trace: SearchTrace; lastRange: { from: number; to: number; total: number } }> {
  const records: HuntRecord[] = [];
  let used = 0;
  const levels: LevelPlan[] = [];
  const baseJobs = levelJobs(plan, 0, [[]]);
  const lastIsBaseline = plan.depth === 0;
  const base = await run(baseJobs, 0);
  records.push(...base);
  used += baseJobs.length;
  const judge = judgeOf(plan, base);
  const results = groupResults(records);
  let lastRange = { from: 0, to: baseJobs.length, total: baseJobs.length };
  if (lastIsBaseline) return { records, trace: { levels, judge, results }, lastRange };
  for (let level = 1; level <= plan.depth; level++) {
    const planned = planLevel(plan, judge, results, level, plan.budget === null ? null : plan.budget - used);
    levels.push(planned);
    const jobs = levelJobs(plan, level, planned.sets);
    const last = level === plan.depth;
    const range = last && shard !== undefined ? huntShardRange(jobs.length, shard) : { from: 0, to: jobs.length };
    const done = await run(jobs.slice(range.from, range.to), level);
    records.push(...done);
    used += jobs.length;
    for (const [key, list] of groupResults(done)) results.set(key, list);
    if (last) lastRange = { ...range, total: jobs.length };
  }
  return { records, trace: { levels, judge, results }, lastRange };
}

/**
 * Replays the search over finished records (of a whole hunt, or merged shards): the same levels, checked against
 * the records; returns a sentence when the records are not exactly that search's runs.
 */
export function replaySearch(plan: HuntPlan, records: readonly HuntRecord[]): SearchTrace | string {
  const byLevel = new Map<number, HuntRecord[]>();
  for (const r of records) {
    const list = byLevel.get(r.level) ?? [];
    list.push(r);
    byLevel.set(r.level, list);
  }
  const check = (level: number, sets: readonly (readonly number[])[]): string | undefined => {
    const got = [...(byLevel.get(level) ?? [])].sort((a, b) => a.job - b.job);
    const want = levelJobs(plan, level, sets);
    if (got.length !== want.length) return `level ${level} has ${got.length} run records; the search makes ${want.length}`;
    for (let i = 0; i < want.length; i++) {
      const g = got[i] as HuntRecord;
      const w = want[i] as HuntJob;
      if (g.job !== w.job || g.set !== w.set || g.run !== w.run || g.seed !== w.seed || setKey(g.members) !== setKey(w.members)) return `level ${level}: run ${w.job} is missing or differs from the search`;
    }
    return undefined;
  };
  const baseProblem = check(0, [[]]);
  if (baseProblem !== undefined) return baseProblem;
  const judge = judgeOf(plan, [...(byLevel.get(0) ?? [])].sort((a, b) => a.run - b.run));
  const results = groupResults(byLevel.get(0) ?? []);
  const levels: LevelPlan[] = [];
  let used = plan.runs;
  for (let level = 1; level <= plan.depth; level++) {
    const planned = planLevel(plan, judge, results, level, plan.budget === null ? null : plan.budget - used);
    levels.push(planned);
    const problem = check(level, planned.sets);
    if (problem !== undefined) return problem;
    used += planned.sets.length * plan.runs;
    for (const [key, list] of groupResults(byLevel.get(level) ?? [])) results.set(key, list);
  }
  const extra = [...byLevel.keys()].find((l) => l < 0 || l > plan.depth);
  if (extra !== undefined) return `records of level ${extra}, beyond the hunt's depth ${plan.depth}`;
  return { levels, judge, results };
}
