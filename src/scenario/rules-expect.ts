import { DATA_TOTAL_FIELDS } from "../model/core/data-ledger.js";
import { LocalClock } from "../model/core/local-clock.js";
import { clockRefToSimMs, parseCheck, type CheckExpr, type ClockRef } from "./check-language.js";
import type { Condition, ConditionValue } from "./condition.js";
import { facilityMetricNames } from "./facility-refs.js";
import type { ValuePath } from "./problem.js";
import type { Finding, Rule, RuleInput } from "./rules.js";
import { suggestion } from "./suggest.js";

/** Fields of an app a check may read, and whether they are clock times. */
export const APP_CHECK_FIELDS: Readonly<Record<string, "clock" | "number">> = {
  firstImpactAt: "clock",
  recoveredAt: "clock",
  outageMinutes: "number",
  worstSuccessRatio: "number",
  userMinutesLost: "number",
  impacted: "number",
};

/** Run-wide fields a check may read as `run.<field>`, and whether they are clock times. */
export const RUN_CHECK_FIELDS: Readonly<Record<string, "clock" | "number">> = {
  userMinutesLost: "number",
  impactedApps: "number",
  lastRecoveryAt: "clock",
};

/** Fields of any component a check may read as `component.<id>.<field>` (times from the trace). */
export const COMPONENT_CHECK_FIELDS: Readonly<Record<string, "clock" | "number">> = {
  firstFailureAt: "clock",
  recoveredAt: "clock",
};

/** Counts of the data ledger a check may read, as `data.<field>` (every component) or `data.<component>.<field>`. */
export const DATA_CHECK_FIELDS: readonly string[] = DATA_TOTAL_FIELDS;

const SAMPLED = "hall.<id>.inletCelsius, cluster.<id>.capacity, service.<id>.capacity or app.<id>.successRatio";

/** What the checks of one scenario may name: its apps, components and sampled metrics, and how clock times map to simulated time. */
interface Vocabulary {
  readonly apps: readonly string[];
  readonly components: readonly string[];
  /** Prefixes of facility components whose parts have ids of their own (a plant's chillers, a hall's CRAH units). */
  readonly facilityIds: readonly string[];
  readonly sampled: readonly string[];
  /** Components whose data the ledger counts: services and apps. */
  readonly dataComponents: readonly string[];
  readonly horizonMs: number;
  readonly clock: LocalClock;
}

function vocabularyOf({ scenario, apps, services, clusters }: RuleInput): Vocabulary {
  const facilityMetrics = facilityMetricNames(scenario.facility) ?? [];
  const facilityIds = [...new Set(facilityMetrics.map((m) => m.split(".")).filter((p) => p.length === 3).map((p) => p[1] as string))];
  const sampled = [
    ...facilityMetrics.filter((n) => /^hall\.[^.]+\.inletCelsius$/.test(n) || /^cluster\.[^.]+\.capacity$/.test(n)),
    ...services.map((s) => `service.${s}.capacity`),
    ...apps.map((a) => `app.${a}.successRatio`),
  ];
  const components = [...new Set([...facilityIds, ...clusters, ...services, ...apps, "outside-air"])];
  return { apps, components, facilityIds, sampled, dataComponents: [...services, ...apps], horizonMs: scenario.horizonMs, clock: new LocalClock(scenario.start) };
}

function componentProblem(id: string, v: Vocabulary): string | undefined {
  if (v.components.includes(id) || v.facilityIds.some((f) => id.startsWith(`${f}-`))) return undefined;
  return `unknown component "${id}". ${suggestion(id, v.components, "component")}`;
}

function kindProblem(metric: string, kind: "clock" | "number", condition: Condition): string | undefined {
  const values: ConditionValue[] = condition.op === "in" ? [condition.low, condition.high] : [condition.value];
  if (values.every((value) => (kind === "clock" ? value.kind === "clock" : value.kind === "number"))) return undefined;
  return kind === "clock" ? `${metric} is a local clock time. Compare it with HH:MM, e.g. ${metric} <= 10:15` : `${metric} is a number. Compare it with a number`;
}

function sampledProblem(pattern: string, v: Vocabulary): string | undefined {
  const parts = pattern.split(".");
  if (v.sampled.some((n) => { const m = n.split("."); return m.length === parts.length && parts.every((p, i) => p === "*" || p === m[i]); })) return undefined;
  if (parts[0] === "app" && parts.length === 3 && parts[1] !== "*" && !v.apps.includes(parts[1] as string)) return `unknown app "${parts[1]}". ${suggestion(parts[1] as string, v.apps, "app")}`;
  return `"${pattern}" is not a sampled metric. Sampled checks read ${SAMPLED}. ${suggestion(pattern, v.sampled, "metric", 8)}`;
}

function clockProblem(ref: ClockRef, v: Vocabulary): { ms: number; problem?: string } {
  const ms = clockRefToSimMs(ref, v.clock.startOfDayMs, (m) => v.clock.simMsOfClock(m));
  if (ms < 0) return { ms, problem: `${ref.text} is before the scenario's start (${v.clock.format(0)}). Use a later time` };
  if (ms > v.horizonMs) return { ms, problem: `${ref.text} is after the horizon (the run ends at ${v.clock.format(v.horizonMs)}). Use an earlier time or raise horizon` };
  return { ms };
}

/** The problem with one outcome check's names, kinds and times, or undefined when it is sound. */
function outcomeProblem(expr: CheckExpr, v: Vocabulary): string | undefined {
  if (expr.kind === "order") return componentProblem(expr.first.component, v) ?? componentProblem(expr.second.component, v);
  if (expr.kind === "state") return componentProblem(expr.component, v) ?? clockProblem(expr.at, v).problem;
  const { condition, qualifier } = expr;
  const metric = condition.metric;
  const parts = metric.split(".");
  if (qualifier !== undefined) {
    const problem = sampledProblem(metric, v) ?? kindProblem(metric, "number", condition);
    if (problem) return problem;
    if (qualifier.kind === "at") return clockProblem(qualifier.at, v).problem;
    const from = clockProblem(qualifier.from, v);
    const to = clockProblem(qualifier.to, v);
    if (from.problem || to.problem) return from.problem ?? to.problem;
    if (from.ms > to.ms) return `the window [${qualifier.from.text}, ${qualifier.to.text}] ends before it starts. Write the earlier time first (HH:MM+1d for the next day)`;
    return undefined;
  }
  if (parts[0] === "data" && (parts.length === 2 || parts.length === 3)) {
    const field = parts[parts.length - 1] as string;
    if (!DATA_CHECK_FIELDS.includes(field)) return `unknown data field "${field}". ${suggestion(field, DATA_CHECK_FIELDS, "field")}`;
    if (parts.length === 3 && !v.dataComponents.includes(parts[1] as string)) return `unknown component "${parts[1]}": data is recorded for services and apps. ${suggestion(parts[1] as string, v.dataComponents, "component")}`;
    return kindProblem(metric, "number", condition);
  }
  if (parts[0] === "app" && parts.length === 3) {
    const id = parts[1] as string;
    if (id !== "*" && !v.apps.includes(id)) return `unknown app "${id}". ${suggestion(id, v.apps, "app")}`;
    if (parts[2] === "successRatio") return `${metric} is sampled: say when, with \`at HH:MM\` or \`over [HH:MM, HH:MM]\`, e.g. "${metric} >= 0.99 over [02:00, 04:00]"`;
    const kind = APP_CHECK_FIELDS[parts[2] as string];
    if (kind === undefined) return `unknown app field "${parts[2]}". ${suggestion(parts[2] as string, [...Object.keys(APP_CHECK_FIELDS), "successRatio"], "field")}`;
    return kindProblem(metric, kind, condition);
  }
  if (parts[0] === "run" && parts.length === 2) {
    const kind = RUN_CHECK_FIELDS[parts[1] as string];
    if (kind === undefined) return `unknown run field "${parts[1]}". ${suggestion(parts[1] as string, Object.keys(RUN_CHECK_FIELDS), "field")}`;
    return kindProblem(metric, kind, condition);
  }
  if (parts[0] === "component" && parts.length === 3) {
    const problem = componentProblem(parts[1] as string, v);
    if (problem) return problem;
    const kind = COMPONENT_CHECK_FIELDS[parts[2] as string];
    if (kind === undefined) return `unknown component field "${parts[2]}". Components have ${Object.keys(COMPONENT_CHECK_FIELDS).join(", ")}, and .state (with \`at HH:MM\`)`;
    return kindProblem(metric, kind, condition);
  }
  if (sampledProblem(metric, v) === undefined) return `${metric} is sampled: say when, with \`at HH:MM\` or \`over [HH:MM, HH:MM]\`, e.g. "${metric} > 40 at 03:00"`;
  return `unknown metric "${metric}". Checks read app.<id|*>.<field> (${Object.keys(APP_CHECK_FIELDS).join(", ")}), run.<field>, component.<id>.<field>, data.<field> or data.<component>.<field> (${DATA_CHECK_FIELDS.join(", ")}), or a sampled metric with at/over`;
}

/** The problem with one steady-state check, or undefined when it is sound. */
function steadyProblem(expr: CheckExpr, v: Vocabulary): string | undefined {
  if (expr.kind !== "compare" || expr.qualifier !== undefined || expr.aggregate !== "every") {
    return `a steady-state check compares a sampled metric with a number, with no time: it must hold at every sample before the first fault, e.g. "app.*.successRatio >= 0.999"`;
  }
  return sampledProblem(expr.condition.metric, v) ?? kindProblem(expr.condition.metric, "number", expr.condition);
}

/** Checks of `expect.outcome` and `expect.steadyState`: they parse, name what exists with the right kind of value and times inside the run, and have unique names. */
export const checksValid: Rule = {
  name: "checks-valid",
  check(ruleInput) {
    const { input, scenario } = ruleInput;
    const out: Finding[] = [];
    const seen = new Set<string>();
    let vocabulary: Vocabulary | undefined;
    const each = (list: readonly { name: string; check: string }[] | undefined, section: "outcome" | "steadyState", problemOf: (expr: CheckExpr, v: Vocabulary) => string | undefined): void => {
      (list ?? []).forEach((check, i) => {
        const path: ValuePath = ["expect", section, i];
        if (seen.has(check.name)) out.push({ path: [...path, "name"], message: `check name "${check.name}" is used twice. Give each check its own name` });
        seen.add(check.name);
        const parsed = parseCheck(check.check);
        if (!parsed.ok) {
          out.push({ path: [...path, "check"], message: parsed.message });
          return;
        }
        vocabulary ??= vocabularyOf(ruleInput);
        const problem = problemOf(parsed.expr, vocabulary);
        if (problem) out.push({ path: [...path, "check"], message: problem });
      });
    };
    const steady = input.expect?.steadyState;
    each(steady, "steadyState", steadyProblem);
    each(input.expect?.outcome, "outcome", outcomeProblem);
    if ((steady ?? []).length > 0) {
      const first = Math.min(...scenario.faults.map((f) => f.atMs ?? Number.POSITIVE_INFINITY));
      if (first === 0) out.push({ path: ["expect", "steadyState"], message: "the first fault strikes at 0s, so there is no time to check the steady state. Start the first fault later (e.g. at: 10m)" });
    }
    return out;
  },
};
