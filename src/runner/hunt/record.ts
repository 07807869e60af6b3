/**
 * One run of a hunt: the scenario with a set of candidate faults added, on one seed, and the small record kept
 * of it. The record says, per app, whether the run changed the history of a component the app needs: with
 * common random numbers, a component no fault reaches draws the same numbers and has the same history as in the
 * run without hunted faults on that seed, so a difference is the fault's lineage, read from the trace.
 */
import { LocalClock } from "../../model/core/local-clock.js";
import type { Transition } from "../../model/core/trace.js";
import type { FaultSpec, Scenario } from "../../scenario/scenario.js";
import { runScenario } from "../run-scenario.js";
import type { Run } from "../run.js";
import type { HuntRecord } from "./plan.js";

/** What a hunt's runs are made of: the scenario without hunted faults, each candidate's faults, each app's support. */
export interface HuntRunSetup {
  /** The scenario as hunted: the scenario's faults kept or dropped, its checks split per app. */
  readonly scenario: Scenario;
  readonly horizonMs: number | null;
  /** The faults of each candidate, normalized by the loader. */
  readonly candidates: readonly (readonly FaultSpec[])[];
  /** Per app of the plan: the components of its causal support. */
  readonly supports: readonly (readonly string[])[];
  /** Per candidate: the components it strikes ("*": the whole region, e.g. the weather). */
  readonly targets: readonly (readonly string[])[];
}

/** One run to do. */
export interface HuntJob {
  readonly job: number;
  readonly level: number;
  readonly set: number;
  readonly run: number;
  readonly seed: number;
  readonly members: readonly number[];
}

const TRACKED = new Set(["facility", "compute", "cloud", "app"]);

/** Each component's history in a run (its changes of state with their times), as one text per component. */
export function historySignatures(trace: readonly Transition[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of trace) {
    if (!TRACKED.has(t.layer)) continue;
    out.set(t.component, `${out.get(t.component) ?? ""}${t.atMs}:${t.aspect}:${t.to}|`);
  }
  return out;
}

/** Runs the scenario with `members`' faults on `seed`. */
export function runSet(setup: HuntRunSetup, members: readonly number[], seed: number): Run {
  const faults = [...setup.scenario.faults, ...members.flatMap((m) => setup.candidates[m] ?? [])];
  return runScenario({ ...setup.scenario, faults }, { seed, ...(setup.horizonMs !== null ? { horizonMs: setup.horizonMs } : {}) });
}

/** The record of a finished run; `baseline` is the history of the run without hunted faults on the same seed. */
export function recordHuntRun(setup: HuntRunSetup, run: Run, job: HuntJob, baseline: ReadonlyMap<string, string>): HuntRecord {
  const clock = new LocalClock(run.start);
  const history = historySignatures(run.trace);
  const changed = new Set<string>();
  for (const [component, text] of history) if (baseline.get(component) !== text) changed.add(component);
  for (const component of baseline.keys()) if (!history.has(component)) changed.add(component);
  const apps = setup.scenario.apps;
  const byApp = new Map(run.impacts.map((i) => [i.app, i]));
  const byCheck = new Map(run.verdicts.map((v) => [v.name, v.passed]));
  const explained = new Map(run.explanations.map((e) => [e.app, e]));
  return {
    job: job.job,
    level: job.level,
    set: job.set,
    run: job.run,
    seed: job.seed,
    members: [...job.members],
    impacted: apps.map((a) => byApp.get(a.id)?.impacted ?? false),
    outageMinutes: apps.map((a) => byApp.get(a.id)?.outageMinutes ?? 0),
    userMinutesLost: apps.map((a) => byApp.get(a.id)?.userMinutesLost ?? 0),
    checks: setup.scenario.checks.map((c) => byCheck.get(c.name) ?? false),
    // A fault reaches what it strikes even when it changes nothing yet (a generator set that will not start, a
    // restart that will fail): such a latent fault shows only with the fault that calls on it.
    reach: setup.supports.map((support) => support.some((c) => changed.has(c)) || job.members.some((m) => (setup.targets[m] ?? []).some((t) => t === "*" || support.includes(t)))),
    reachAny: changed.size > 0,
    chains: apps.map((a) => {
      const e = explained.get(a.id);
      if (e === undefined) return null;
      return e.chain.map((id) => {
        const t = run.trace[id] as Transition;
        return `${clock.format(t.atMs)} ${t.component} ${t.to}`;
      });
    }),
    stop: run.stop.reason,
    unsettled: run.unsettled.length,
  };
}
