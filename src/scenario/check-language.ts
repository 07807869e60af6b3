import { parseCondition, type Condition } from "./condition.js";

/**
 * The check language of `expect.outcome` and `expect.steadyState` (documented in docs/ci.md).
 *
 * A check is one line, parsed here into a {@link CheckExpr}; it is never evaluated as code:
 *
 *   app.pc-login.recoveredAt in [09:30, 10:30]             a value of the finished run
 *   component.cos-gz.state == down at 05:00                a component's state at a time
 *   app.wechat-pay.successRatio >= 0.99 over [02:00, 04:00] a sampled metric over a window
 *   mean(app.wechat-pay.successRatio) >= 0.9 over [02:00, 04:00]
 *   hall.gz-a-h1.inletCelsius > 40 at 03:00                a sampled metric at a time
 *   cos-gz recovers after cvm-gz                           the order of two events
 *
 * This module checks the syntax only; which metrics and components exist is checked by the
 * rules (rules-expect.ts), against the scenario.
 */

/** A local clock time written in a check: `HH:MM`, or `HH:MM+Nd` on a later day than the start. */
export interface ClockRef {
  /** Minutes since local midnight. */
  readonly minutes: number;
  /** The day after the start's date (`+1d`), or undefined for "the first time the clock reads HH:MM". */
  readonly days: number | undefined;
  readonly text: string;
}

/** When a sampled metric is read: at one time, or at every sample of a closed window. */
export type Qualifier = { readonly kind: "at"; readonly at: ClockRef } | { readonly kind: "over"; readonly from: ClockRef; readonly to: ClockRef };

/** How a window's samples are folded before the comparison; `every` means each sample must hold. */
export type Aggregate = "every" | "mean" | "min" | "max";

/** The two events of a component that order checks read. */
export type ComponentEvent = "fails" | "recovers";

/** A parsed check. */
export type CheckExpr =
  /** `metric op value` / `metric in [a, b]`, with an optional aggregate and when to read it. */
  | { readonly kind: "compare"; readonly condition: Condition; readonly aggregate: Aggregate; readonly qualifier: Qualifier | undefined; readonly text: string }
  /** `component.<id>.state == label at HH:MM` (also `!=`, and `in [a, b, ...]`). */
  | { readonly kind: "state"; readonly component: string; readonly op: "==" | "!=" | "in"; readonly labels: readonly string[]; readonly at: ClockRef; readonly text: string }
  /** `<id> fails|recovers before|after <id> [fails|recovers]`. */
  | { readonly kind: "order"; readonly first: { readonly component: string; readonly event: ComponentEvent }; readonly relation: "before" | "after"; readonly second: { readonly component: string; readonly event: ComponentEvent }; readonly text: string };

/** The outcome of parsing a check: the expression, or a sentence saying what is wrong and how to fix it. */
export type CheckParse = { ok: true; expr: CheckExpr } | { ok: false; message: string };

const FORMS = "Write `metric op value`, `metric op value at HH:MM`, `metric op value over [HH:MM, HH:MM]`, `component.<id>.state == <state> at HH:MM` or `<id> recovers after <id>` (see docs/ci.md)";
const ID = /^[a-z0-9][a-z0-9-]*$/;
const CLOCK = /^(\d{1,2}):(\d{2})(?:\+(\d{1,3})d)?$/;

/** Parses a clock time `HH:MM` or `HH:MM+Nd`. */
export function parseClockRef(text: string): ClockRef | undefined {
  const match = CLOCK.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return { minutes: hours * 60 + minutes, days: match[3] === undefined ? undefined : Number(match[3]), text: text.trim() };
}

function clockError(text: string): string {
  return `"${text}" is not a clock time. Write HH:MM (local time, e.g. 03:30), or HH:MM+1d for the next day`;
}

/** Splits off a trailing `at HH:MM` or `over [HH:MM, HH:MM]`. */
function splitQualifier(source: string): { rest: string; qualifier?: Qualifier; error?: string } {
  const over = /^(.*\S)\s+over\s+\[\s*([^,\]]*?)\s*,\s*([^\]]*?)\s*\]$/.exec(source);
  if (over) {
    const from = parseClockRef(over[2] as string);
    const to = parseClockRef(over[3] as string);
    if (from === undefined) return { rest: "", error: clockError(over[2] as string) };
    if (to === undefined) return { rest: "", error: clockError(over[3] as string) };
    return { rest: over[1] as string, qualifier: { kind: "over", from, to } };
  }
  if (/\sover(\s|$)/.test(source)) return { rest: "", error: `a window is written \`over [HH:MM, HH:MM]\`, e.g. "app.shop.successRatio >= 0.99 over [02:00, 04:00]"` };
  const at = /^(.*\S)\s+at\s+(\S+)$/.exec(source);
  if (at) {
    const when = parseClockRef(at[2] as string);
    if (when === undefined) return { rest: "", error: clockError(at[2] as string) };
    return { rest: at[1] as string, qualifier: { kind: "at", at: when } };
  }
  return { rest: source };
}

function parseOrder(source: string): CheckParse | undefined {
  const match = /^(\S+)\s+(fails|recovers)\s+(before|after)\s+(\S+)(?:\s+(fails|recovers))?$/.exec(source);
  if (!match) {
    if (/\s(before|after)\s/.test(source) && !/[<>=!]/.test(source)) {
      return { ok: false, message: `"${source}" is not an order check. Write \`<id> fails|recovers before|after <id> [fails|recovers]\`, e.g. "cos-gz recovers after cvm-gz"` };
    }
    return undefined;
  }
  const [, a, eventA, relation, b, eventB] = match as unknown as [string, string, ComponentEvent, "before" | "after", string, ComponentEvent | undefined];
  for (const id of [a, b]) if (!ID.test(id)) return { ok: false, message: `"${id}" is not a component id. Ids are kebab-case, e.g. cos-gz` };
  if (a === b && (eventB ?? eventA) === eventA) return { ok: false, message: "an order check compares two different events. Name two components, or `fails` and `recovers`" };
  return { ok: true, expr: { kind: "order", first: { component: a, event: eventA }, relation, second: { component: b, event: eventB ?? eventA }, text: source } };
}

function parseLabel(text: string): string | undefined {
  const trimmed = text.trim();
  const quoted = /^"([^"]+)"$/.exec(trimmed);
  if (quoted) return quoted[1] as string;
  return /^[A-Za-z0-9][A-Za-z0-9 °._-]*$/.test(trimmed) ? trimmed : undefined;
}

function parseState(component: string, body: string, qualifier: Qualifier | undefined, text: string): CheckParse {
  if (qualifier?.kind !== "at") return { ok: false, message: `a state check says when: add \`at HH:MM\`, e.g. "component.${component}.state == down at 05:00"` };
  const list = /^in\s+\[(.*)\]$/.exec(body);
  const single = /^(==|!=)\s*(.+)$/.exec(body);
  const op = list ? "in" : (single?.[1] as "==" | "!=" | undefined);
  const rawLabels = list ? (list[1] as string).split(",") : single ? [single[2] as string] : undefined;
  if (op === undefined || rawLabels === undefined) return { ok: false, message: `a state check compares with == != or in [..], e.g. "component.${component}.state == down at 05:00"` };
  const labels: string[] = [];
  for (const raw of rawLabels) {
    const label = parseLabel(raw);
    if (label === undefined) return { ok: false, message: `"${raw.trim()}" is not a state. Write a state as the trace shows it (healthy, degraded, down, tripped…), quoted when it has other characters: "above 40 °C"` };
    labels.push(label);
  }
  return { ok: true, expr: { kind: "state", component, op, labels, at: qualifier.at, text } };
}

/** Parses one check (see the module comment for the forms); the syntax only, not whether its names exist. */
export function parseCheck(text: string): CheckParse {
  const source = text.trim().replace(/\s+/g, " ");
  if (source === "") return { ok: false, message: `the check is empty. ${FORMS}` };
  const order = parseOrder(source);
  if (order !== undefined) return order;
  const split = splitQualifier(source);
  if (split.error !== undefined) return { ok: false, message: split.error };
  let rest = split.rest;
  const state = /^component\.([^.\s]+)\.state\s*(.*)$/.exec(rest);
  if (state) {
    const id = state[1] as string;
    if (!ID.test(id)) return { ok: false, message: `"${id}" is not a component id. Ids are kebab-case, e.g. cos-gz` };
    return parseState(id, (state[2] as string).trim(), split.qualifier, source);
  }
  const componentField = /^component\.[^.\s]+\.([A-Za-z]+)\b/.exec(rest)?.[1];
  if (componentField !== undefined && !["firstFailureAt", "recoveredAt"].includes(componentField)) {
    return { ok: false, message: `unknown component field "${componentField}". Components have firstFailureAt, recoveredAt, and state (with \`at HH:MM\`)` };
  }
  let aggregate: Aggregate = "every";
  const folded = /^(mean|min|max)\(\s*([^()\s]+)\s*\)\s*(.*)$/.exec(rest);
  if (folded) {
    aggregate = folded[1] as Aggregate;
    rest = `${folded[2]} ${folded[3]}`;
    if (split.qualifier?.kind !== "over") return { ok: false, message: `${aggregate}(…) folds a window. Add \`over [HH:MM, HH:MM]\`, e.g. "${aggregate}(app.shop.successRatio) >= 0.9 over [02:00, 04:00]"` };
  } else if (/^\w+\(/.test(rest)) {
    return { ok: false, message: `"${rest.slice(0, rest.indexOf("("))}" is not a function of the check language. Use mean(…), min(…) or max(…) with \`over [HH:MM, HH:MM]\`` };
  }
  const parsed = parseCondition(rest);
  if (!parsed.ok) return split.qualifier === undefined && !folded && !/\s(at|over)\s/.test(source) ? parsed : { ok: false, message: `${parsed.message}. ${FORMS}` };
  return { ok: true, expr: { kind: "compare", condition: { ...parsed.condition, text: source }, aggregate, qualifier: split.qualifier, text: source } };
}

/** Simulated ms of a clock time, given the start's local time of day (ms since local midnight); `simMsOfClock` is the LocalClock rule for plain HH:MM. */
export function clockRefToSimMs(ref: ClockRef, startOfDayMs: number, simMsOfClock: (minutes: number) => number): number {
  if (ref.days === undefined) return simMsOfClock(ref.minutes);
  return ref.days * 86_400_000 + ref.minutes * 60_000 - startOfDayMs;
}

/** A named, parsed check, ready for the runner: what `expect.outcome` and `expect.steadyState` normalize to. */
export interface ExpectCheck {
  readonly name: string;
  /** The check as written (trimmed). */
  readonly text: string;
  readonly expr: CheckExpr;
  readonly severity: "critical" | "warning";
}

/** Parses a list of written checks, leaving out those that do not parse (the rules report them with their location). */
export function normalizeExpectChecks(written: readonly { readonly name: string; readonly check: string; readonly severity: "critical" | "warning" }[] | undefined): ExpectCheck[] {
  const out: ExpectCheck[] = [];
  for (const check of written ?? []) {
    const parsed = parseCheck(check.check);
    if (parsed.ok) out.push({ name: check.name, text: check.check.trim(), expr: parsed.expr, severity: check.severity });
  }
  return out;
}
