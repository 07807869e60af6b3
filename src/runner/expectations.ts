import { LocalClock } from "../model/core/local-clock.js";
import { compare, type Condition, type ConditionValue } from "../scenario/condition.js";
import type { CheckSpec } from "../scenario/scenario.js";
import type { AppImpact, CheckVerdict } from "./run.js";

/** What checks read: the impacts, the data ledger and the local clock. */
export interface CheckContext {
  readonly impacts: readonly AppImpact[];
  readonly acknowledgedLost: number;
  readonly clock: LocalClock;
}

/** A measured value: a number, a time (sim ms), or absent (never impacted, not recovered). */
type Measured = { kind: "number"; value: number } | { kind: "time"; atMs: number } | { kind: "absent"; why: string };

function measureApp(impact: AppImpact, field: string): Measured {
  switch (field) {
    case "firstImpactAt":
      return impact.firstImpactAtMs === null ? { kind: "absent", why: "never impacted" } : { kind: "time", atMs: impact.firstImpactAtMs };
    case "recoveredAt":
      if (!impact.impacted) return { kind: "absent", why: "never impacted" };
      return impact.recoveredAtMs === null ? { kind: "absent", why: "not recovered" } : { kind: "time", atMs: impact.recoveredAtMs };
    case "outageMinutes": return { kind: "number", value: impact.outageMinutes };
    case "worstSuccessRatio": return { kind: "number", value: impact.worstSuccessRatio };
    case "userMinutesLost": return { kind: "number", value: impact.userMinutesLost };
    case "impacted": return { kind: "number", value: impact.impacted ? 1 : 0 };
    default: throw new Error(`expectations: unknown app field ${field}`);
  }
}

function target(value: ConditionValue, clock: LocalClock): number {
  return value.kind === "number" ? value.value : clock.simMsOfClock(value.minutes);
}

function holds(measured: Measured, condition: Condition, clock: LocalClock): boolean {
  if (measured.kind === "absent") return false;
  const left = measured.kind === "number" ? measured.value : measured.atMs;
  if (condition.op === "in") return left >= target(condition.low, clock) && left <= target(condition.high, clock);
  return compare(left, condition.op, target(condition.value, clock));
}

function show(measured: Measured, clock: LocalClock): string {
  if (measured.kind === "absent") return measured.why;
  if (measured.kind === "time") return clock.format(measured.atMs);
  return String(measured.value);
}

/** Evaluates every check against a finished run; `app.*` checks must hold for every app. */
export function evaluateChecks(checks: readonly CheckSpec[], context: CheckContext): CheckVerdict[] {
  return checks.map((check) => {
    const { metric } = check.condition;
    const parts = metric.split(".");
    let passed = true;
    const actuals: string[] = [];
    if (metric === "data.acknowledgedLost") {
      const measured: Measured = { kind: "number", value: context.acknowledgedLost };
      passed = holds(measured, check.condition, context.clock);
      actuals.push(show(measured, context.clock));
    } else {
      const id = parts[1] as string;
      const field = parts[2] as string;
      const impacts = id === "*" ? context.impacts : context.impacts.filter((i) => i.app === id);
      for (const impact of impacts) {
        const measured = measureApp(impact, field);
        const ok = holds(measured, check.condition, context.clock);
        passed &&= ok;
        if (id !== "*") actuals.push(show(measured, context.clock));
        else if (!ok) actuals.push(`${impact.app}: ${show(measured, context.clock)}`);
      }
      if (id === "*" && actuals.length === 0) actuals.push("all apps hold");
    }
    return { name: check.name, check: check.condition.text, severity: check.severity, passed, actual: actuals.join("; ") };
  });
}
