/**
 * What a hunt judges: expectations split per app, and the objectives (apps, and checks about no app). A check
 * `app.*.recoveredAt <= 11:00` becomes one check per app, so a set that delays one app breaks that app only.
 */
import type { CheckSpec } from "../../scenario/scenario.js";
import type { HuntCheck, Objective } from "./plan.js";

function withMetric(check: CheckSpec, app: string): CheckSpec {
  const expr = check.expr;
  if (expr.kind !== "compare") return check;
  const metric = expr.condition.metric.split(".").map((part, i) => (i === 1 ? app : part)).join(".");
  return { ...check, name: `${check.name}[${app}]`, expr: { ...expr, condition: { ...expr.condition, metric } } };
}

function appsOf(check: CheckSpec, apps: readonly string[]): string[] {
  const expr = check.expr;
  if (expr.kind === "compare") {
    const parts = expr.condition.metric.split(".");
    return parts[0] === "app" && apps.includes(parts[1] as string) ? [parts[1] as string] : [];
  }
  if (expr.kind === "state") return apps.includes(expr.component) ? [expr.component] : [];
  return [expr.first.component, expr.second.component].filter((c, i, all) => apps.includes(c) && all.indexOf(c) === i);
}

/** The checks a hunt evaluates (wildcard app checks split per app), as specs for the runner and as the plan lists them. */
export function expandChecks(checks: readonly CheckSpec[], apps: readonly string[]): { specs: CheckSpec[]; checks: HuntCheck[] } {
  const specs: CheckSpec[] = [];
  for (const check of checks) {
    const expr = check.expr;
    const wildcard = expr.kind === "compare" && expr.condition.metric.startsWith("app.*.");
    if (wildcard) for (const app of apps) specs.push(withMetric(check, app));
    else specs.push(check);
  }
  return { specs, checks: specs.map((s) => ({ name: s.name, text: s.text, severity: s.severity, apps: appsOf(s, apps) })) };
}

/** The objectives: each app hunted (all, or those asked for), then, when every app is hunted, each critical check about no app. */
export function objectivesOf(apps: readonly { id: string; title: string }[], checks: readonly HuntCheck[], only: readonly string[] | undefined): Objective[] {
  const critical = checks.map((c, i) => ({ c, i })).filter(({ c }) => c.severity === "critical");
  const out: Objective[] = [];
  apps.forEach((app, a) => {
    if (only !== undefined && !only.includes(app.id)) return;
    out.push({ id: app.id, title: app.title, kind: "app", app: a, checks: critical.filter(({ c }) => c.apps.includes(app.id)).map(({ i }) => i) });
  });
  if (only === undefined) {
    for (const { c, i } of critical) if (c.apps.length === 0) out.push({ id: `expect:${c.name}`, title: c.text, kind: "check", app: -1, checks: [i] });
  }
  return out;
}
