import type { Condition, ConditionValue } from "./condition.js";
import { parseCondition } from "./condition.js";
import type { Finding, Rule } from "./rules.js";
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

/** Run-wide values a check may read. */
export const DATA_CHECK_FIELDS: readonly string[] = ["data.acknowledgedLost"];

function valueKindOk(field: "clock" | "number", value: ConditionValue): boolean {
  return field === "clock" ? value.kind === "clock" : value.kind === "number";
}

function checkCheckCondition(condition: Condition, apps: readonly string[]): string | undefined {
  const parts = condition.metric.split(".");
  let kind: "clock" | "number" | undefined;
  if (condition.metric === "data.acknowledgedLost") kind = "number";
  else if (parts[0] === "app" && parts.length === 3) {
    const id = parts[1] as string;
    if (id !== "*" && !apps.includes(id)) return `unknown app "${id}". ${suggestion(id, apps, "app")}`;
    kind = APP_CHECK_FIELDS[parts[2] as string];
    if (kind === undefined) return `unknown app field "${parts[2]}". ${suggestion(parts[2] as string, Object.keys(APP_CHECK_FIELDS), "field")}`;
  } else return `unknown metric "${condition.metric}". Checks read app.<id|*>.<field> (${Object.keys(APP_CHECK_FIELDS).join(", ")}) or data.acknowledgedLost`;
  const values = condition.op === "in" ? [condition.low, condition.high] : [condition.value];
  if (!values.every((v) => valueKindOk(kind, v))) {
    return kind === "clock" ? `${condition.metric} is a local clock time. Compare it with HH:MM, e.g. ${condition.metric} <= 10:15` : `${condition.metric} is a number. Compare it with a number`;
  }
  return undefined;
}

/** Checks of `expect.outcome`: they parse, read known fields with the right kind of value, and have unique names. */
export const checksValid: Rule = {
  name: "checks-valid",
  check({ input, apps }) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    (input.expect?.outcome ?? []).forEach((check, i) => {
      const path = ["expect", "outcome", i];
      if (seen.has(check.name)) out.push({ path: [...path, "name"], message: `check name "${check.name}" is used twice. Give each check its own name` });
      seen.add(check.name);
      const parsed = parseCondition(check.check);
      if (!parsed.ok) out.push({ path: [...path, "check"], message: parsed.message });
      else {
        const problem = checkCheckCondition(parsed.condition, apps);
        if (problem) out.push({ path: [...path, "check"], message: problem });
      }
    });
    return out;
  },
};

