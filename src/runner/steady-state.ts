import { LocalClock } from "../model/core/local-clock.js";
import type { Scenario } from "../scenario/scenario.js";
import { evaluateSteadyChecks, type EvaluableCheck } from "./expectations.js";
import type { CheckVerdict, Run } from "./run.js";

/** The verdict on the steady state: whether it held at every sample before the first fault. */
export interface SteadyStateResult {
  /** False when a critical steady-state check failed: the cascade that follows is not meaningful. */
  readonly held: boolean;
  /** The steady state was checked at the samples before this time (the first fault, or the end of the run). */
  readonly beforeMs: number;
  readonly verdicts: readonly CheckVerdict[];
}

/** The scenario's `expect.steadyState` checks (empty when the scenario has none, or was normalized without them). */
export function steadyStateChecksOf(scenario: Scenario): readonly EvaluableCheck[] {
  return (scenario as Scenario & { readonly steadyState?: readonly EvaluableCheck[] }).steadyState ?? [];
}

/** When the first fault struck in the run (its first `injected` transition), or when the run stopped if none did. */
export function firstFaultAtMs(run: Run): number {
  const first = run.trace.find((t) => t.layer === "fault" && t.to === "injected");
  return first === undefined ? run.stop.atMs : first.atMs;
}

/** Evaluates the steady-state checks on the series samples taken before the first fault; pure. */
export function evaluateSteadyState(checks: readonly EvaluableCheck[], run: Run): SteadyStateResult {
  const beforeMs = firstFaultAtMs(run);
  const verdicts = evaluateSteadyChecks(checks, run.series, beforeMs, new LocalClock(run.start));
  return { held: !verdicts.some((v) => !v.passed && v.severity === "critical"), beforeMs, verdicts };
}

/** One line per failed steady-state check, then a sentence saying why nothing else is reported, and what to fix. */
export function describeSteadyStateFailure(result: SteadyStateResult, run: Run): string {
  const clock = new LocalClock(run.start);
  const failed = result.verdicts.filter((v) => !v.passed);
  const lines = failed.map((v) => `steady state ${v.severity === "critical" ? "FAIL" : "warn"}  ${v.name}  got ${v.actual}  (${v.check})\n`);
  if (!result.held) {
    lines.push(`outage-sim: the steady state did not hold before the first fault (${clock.format(result.beforeMs)}), so the cascade is not reported. Fix the baseline topology or capacity, or the steadyState checks.\n`);
  }
  return lines.join("");
}
