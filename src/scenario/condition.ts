/** A comparison operator of a condition or check. */
export type ComparisonOp = ">" | ">=" | "<" | "<=" | "==" | "!=";

/** A right-hand value: a number, or a local clock time (minutes since midnight). */
export type ConditionValue = { kind: "number"; value: number } | { kind: "clock"; minutes: number; days: number | undefined; text: string };

/** A parsed condition: `metric op value` or `metric in [low, high]`. */
export type Condition =
  | { readonly metric: string; readonly op: ComparisonOp; readonly value: ConditionValue; readonly text: string }
  | { readonly metric: string; readonly op: "in"; readonly low: ConditionValue; readonly high: ConditionValue; readonly text: string };

/** The outcome of parsing: a condition, or a sentence saying what is wrong and how to fix it. */
export type ConditionParse = { ok: true; condition: Condition } | { ok: false; message: string };

const METRIC = /^[a-z][A-Za-z0-9]*(\.(\*|[a-z0-9][a-z0-9-]*|[a-z][A-Za-z0-9]*))+$/;
const FORM = "Write it as `metric op value` (op one of > >= < <= == !=) or `metric in [low, high]`, e.g. \"hall.h1.inletCelsius > 40\"";

function parseValue(text: string): ConditionValue | undefined {
  const trimmed = text.trim().replace(/_/g, "");
  const clock = /^(\d{1,2}):(\d{2})(?:\+(\d{1,3})d)?$/.exec(trimmed);
  if (clock) {
    const hours = Number(clock[1]);
    const minutes = Number(clock[2]);
    if (hours > 23 || minutes > 59) return undefined;
    return { kind: "clock", minutes: hours * 60 + minutes, days: clock[3] === undefined ? undefined : Number(clock[3]), text: trimmed };
  }
  if (!/^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?%?$/i.test(trimmed)) return undefined;
  const percent = trimmed.endsWith("%");
  const value = Number(percent ? trimmed.slice(0, -1) : trimmed);
  return Number.isFinite(value) ? { kind: "number", value: percent ? value / 100 : value } : undefined;
}

/** Parses a condition such as `hall.h2.inletCelsius > 40`, `app.pay.recoveredAt <= 10:15` or `app.x.outageMinutes in [60, 600]`. */
export function parseCondition(text: string): ConditionParse {
  const source = text.trim();
  const range = /^(\S+)\s+in\s+\[\s*([^,\]]+)\s*,\s*([^\]]+)\s*\]$/.exec(source);
  if (range) {
    const [, metric, lowText, highText] = range as unknown as [string, string, string, string];
    if (!METRIC.test(metric)) return { ok: false, message: `"${metric}" is not a metric name. Metric names are dotted, e.g. app.payments.outageMinutes` };
    const low = parseValue(lowText);
    const high = parseValue(highText);
    if (low === undefined || high === undefined) return { ok: false, message: `the range [${lowText}, ${highText}] must hold two numbers or two clock times (HH:MM)` };
    if (low.kind !== high.kind) return { ok: false, message: "both ends of the range must be of one kind: numbers or clock times" };
    if (low.kind === "number" && high.kind === "number" && low.value > high.value) return { ok: false, message: `the range [${lowText}, ${highText}] is reversed. Write the low end first` };
    if (low.kind === "clock" && high.kind === "clock" && low.days !== undefined && high.days !== undefined && low.days * 1440 + low.minutes > high.days * 1440 + high.minutes) {
      return { ok: false, message: `the range [${lowText}, ${highText}] is reversed. Write the earlier time first` };
    }
    return { ok: true, condition: { metric, op: "in", low, high, text: source } };
  }
  const match = /^(\S+)\s*(>=|<=|==|!=|>|<)\s*(\S+)$/.exec(source);
  if (!match) return { ok: false, message: `"${source}" is not a condition. ${FORM}` };
  const [, metric, op, valueText] = match as unknown as [string, string, ComparisonOp, string];
  if (!METRIC.test(metric)) return { ok: false, message: `"${metric}" is not a metric name. Metric names are dotted, e.g. hall.h1.inletCelsius` };
  const value = parseValue(valueText);
  if (value === undefined) return { ok: false, message: `"${valueText}" is not a number or a clock time (HH:MM). ${FORM}` };
  return { ok: true, condition: { metric, op, value, text: source } };
}

/** Compares two numbers with a condition's operator. */
export function compare(left: number, op: ComparisonOp, right: number): boolean {
  switch (op) {
    case ">": return left > right;
    case ">=": return left >= right;
    case "<": return left < right;
    case "<=": return left <= right;
    case "==": return left === right;
    case "!=": return left !== right;
  }
}
