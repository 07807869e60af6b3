import type { Layer } from "../model/core/layer.js";
import { LAYERS } from "../model/core/layer.js";
import { LocalClock } from "../model/core/local-clock.js";
import { componentTimelines } from "./expectations.js";
import type { Run } from "./run.js";

/** Version of the baseline file format; bump on any breaking change (see docs/ci.md). */
export const BASELINE_VERSION = 1;

/** An app's impact as a baseline keeps it. */
export interface BaselineApp {
  readonly app: string;
  readonly impacted: boolean;
  readonly symptom: string;
  readonly firstImpactAtMs: number | null;
  readonly recoveredAtMs: number | null;
  readonly outageMinutes: number;
  readonly worstSuccessRatio: number;
  readonly userMinutesLost: number;
}

/** A component's first failure and recovery, as a baseline keeps them. */
export interface BaselineComponent {
  readonly component: string;
  readonly layer: Layer;
  readonly firstFailureAtMs: number;
  readonly recoveredAtMs: number | null;
}

/** An expectation's verdict, as a baseline keeps it. */
export interface BaselineVerdict {
  readonly name: string;
  readonly severity: "critical" | "warning";
  readonly passed: boolean;
  readonly actual: string;
}

/** The cascade signature of a run: what a later run is compared with; nothing volatile (no event counts, trace ids or wall-clock). */
export interface Baseline {
  readonly baselineVersion: number;
  readonly scenario: string;
  readonly seed: number;
  readonly start: string;
  readonly horizonMs: number;
  readonly apps: readonly BaselineApp[];
  /** Components that failed, in the order they first failed. */
  readonly components: readonly BaselineComponent[];
  readonly data: { readonly acknowledgedLost: number };
  readonly verdicts: readonly BaselineVerdict[];
}

/** The cascade signature of a finished run; pure. */
export function createBaseline(run: Run): Baseline {
  return {
    baselineVersion: BASELINE_VERSION,
    scenario: run.scenario.name,
    seed: run.seed,
    start: run.start,
    horizonMs: run.horizonMs,
    apps: run.impacts.map((i) => ({
      app: i.app,
      impacted: i.impacted,
      symptom: i.symptom,
      firstImpactAtMs: i.firstImpactAtMs,
      recoveredAtMs: i.recoveredAtMs,
      outageMinutes: i.outageMinutes,
      worstSuccessRatio: i.worstSuccessRatio,
      userMinutesLost: i.userMinutesLost,
    })),
    components: componentTimelines(run.trace).map((t) => ({ component: t.component, layer: t.layer, firstFailureAtMs: t.firstFailureAtMs as number, recoveredAtMs: t.recoveredAtMs })),
    data: { acknowledgedLost: run.data.acknowledgedLost },
    verdicts: run.verdicts.map((v) => ({ name: v.name, severity: v.severity, passed: v.passed, actual: v.actual })),
  };
}

/**
 * Renders a baseline as JSON: keys in a fixed order, two-space indentation, a final newline. Beside each
 * time in ms it writes the local clock (`…At`) for people reviewing the file; reading ignores those.
 */
export function renderBaseline(baseline: Baseline): string {
  const clock = new LocalClock(baseline.start);
  const at = (ms: number | null): string | null => (ms === null ? null : clock.formatSeconds(ms));
  const doc = {
    baselineVersion: baseline.baselineVersion,
    scenario: baseline.scenario,
    seed: baseline.seed,
    start: baseline.start,
    horizonMs: baseline.horizonMs,
    apps: baseline.apps.map((a) => ({
      app: a.app,
      impacted: a.impacted,
      symptom: a.symptom,
      firstImpactAtMs: a.firstImpactAtMs,
      firstImpactAt: at(a.firstImpactAtMs),
      recoveredAtMs: a.recoveredAtMs,
      recoveredAt: at(a.recoveredAtMs),
      outageMinutes: a.outageMinutes,
      worstSuccessRatio: a.worstSuccessRatio,
      userMinutesLost: a.userMinutesLost,
    })),
    components: baseline.components.map((c) => ({
      component: c.component,
      layer: c.layer,
      firstFailureAtMs: c.firstFailureAtMs,
      firstFailureAt: at(c.firstFailureAtMs),
      recoveredAtMs: c.recoveredAtMs,
      recoveredAt: at(c.recoveredAtMs),
    })),
    data: { acknowledgedLost: baseline.data.acknowledgedLost },
    verdicts: baseline.verdicts.map((v) => ({ name: v.name, severity: v.severity, passed: v.passed, actual: v.actual })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The outcome of reading a baseline: the baseline, or a sentence saying what is wrong with it. */
export type BaselineParse = { ok: true; baseline: Baseline } | { ok: false; message: string };

type Json = Record<string, unknown>;

class Invalid extends Error {}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field<T>(obj: Json, key: string, where: string, test: (v: unknown) => v is T, expected: string): T {
  const value = obj[key];
  if (!test(value)) throw new Invalid(`${where}.${key} should be ${expected}${value === undefined ? " but is missing" : ""}`);
  return value;
}

const isString = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isBoolean = (v: unknown): v is boolean => typeof v === "boolean";
const isTime = (v: unknown): v is number | null => v === null || (isNumber(v) && v >= 0);
const isSeverity = (v: unknown): v is "critical" | "warning" => v === "critical" || v === "warning";
const isLayer = (v: unknown): v is Layer => typeof v === "string" && (LAYERS as readonly string[]).includes(v);

function list(obj: Json, key: string, where: string): Json[] {
  const value = obj[key];
  if (!Array.isArray(value)) throw new Invalid(`${where}.${key} should be a list${value === undefined ? " but is missing" : ""}`);
  return value.map((item, i) => {
    if (!isObject(item)) throw new Invalid(`${where}.${key}[${i}] should be an object`);
    return item;
  });
}

/** Reads a baseline from its JSON text, checking its version and every field; pure (never throws for bad text). */
export function parseBaseline(text: string): BaselineParse {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `it is not valid JSON (${(error as Error).message})` };
  }
  if (!isObject(doc)) return { ok: false, message: "it is not a JSON object" };
  const version = doc.baselineVersion;
  if (version === undefined) return { ok: false, message: "it has no baselineVersion, so it is not an outage-sim baseline" };
  if (version !== BASELINE_VERSION) {
    return { ok: false, message: isNumber(version) && version > BASELINE_VERSION ? `it is baseline version ${version}, newer than this outage-sim reads (${BASELINE_VERSION})` : `baselineVersion ${JSON.stringify(version)} is not one this outage-sim reads (${BASELINE_VERSION})` };
  }
  try {
    const w = "baseline";
    const baseline: Baseline = {
      baselineVersion: BASELINE_VERSION,
      scenario: field(doc, "scenario", w, isString, "a scenario name"),
      seed: field(doc, "seed", w, isNumber, "a number"),
      start: field(doc, "start", w, (v): v is string => isString(v) && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.test(v), "a date-time with an offset"),
      horizonMs: field(doc, "horizonMs", w, isNumber, "a number"),
      apps: list(doc, "apps", w).map((a, i) => {
        const at = `${w}.apps[${i}]`;
        return {
          app: field(a, "app", at, isString, "an app id"),
          impacted: field(a, "impacted", at, isBoolean, "true or false"),
          symptom: field(a, "symptom", at, isString, "text"),
          firstImpactAtMs: field(a, "firstImpactAtMs", at, isTime, "a time in ms or null"),
          recoveredAtMs: field(a, "recoveredAtMs", at, isTime, "a time in ms or null"),
          outageMinutes: field(a, "outageMinutes", at, isNumber, "a number"),
          worstSuccessRatio: field(a, "worstSuccessRatio", at, isNumber, "a number"),
          userMinutesLost: field(a, "userMinutesLost", at, isNumber, "a number"),
        };
      }),
      components: list(doc, "components", w).map((c, i) => {
        const at = `${w}.components[${i}]`;
        return {
          component: field(c, "component", at, isString, "a component id"),
          layer: field(c, "layer", at, isLayer, `one of ${LAYERS.join(", ")}`),
          firstFailureAtMs: field(c, "firstFailureAtMs", at, (v): v is number => isNumber(v) && v >= 0, "a time in ms"),
          recoveredAtMs: field(c, "recoveredAtMs", at, isTime, "a time in ms or null"),
        };
      }),
      data: { acknowledgedLost: field(field(doc, "data", w, isObject, "an object"), "acknowledgedLost", `${w}.data`, isNumber, "a number") },
      verdicts: list(doc, "verdicts", w).map((v, i) => {
        const at = `${w}.verdicts[${i}]`;
        return {
          name: field(v, "name", at, isString, "a check name"),
          severity: field(v, "severity", at, isSeverity, "critical or warning"),
          passed: field(v, "passed", at, isBoolean, "true or false"),
          actual: field(v, "actual", at, isString, "text"),
        };
      }),
    };
    return { ok: true, baseline };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, message: error.message };
    throw error;
  }
}
