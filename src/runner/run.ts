import type { DataTotals } from "../model/core/data-ledger.js";
import type { Layer } from "../model/core/layer.js";
import type { Transition } from "../model/core/trace.js";
import type { StopReason } from "../engine/simulation.js";
import type { Provenance } from "./provenance.js";

/** Version of the JSON report contract; bump on any breaking change. */
export const REPORT_SCHEMA_VERSION = 1;

/** What one app went through during the run. */
export interface AppImpact {
  readonly app: string;
  readonly title: string;
  readonly impacted: boolean;
  /** The symptom of the worst state reached, or "" when never impacted. */
  readonly symptom: string;
  readonly firstImpactAtMs: number | null;
  /** When the app last came back above its impact threshold; null when never impacted or not recovered by the end. */
  readonly recoveredAtMs: number | null;
  readonly recovered: boolean;
  readonly outageMinutes: number;
  readonly worstSuccessRatio: number;
  readonly userMinutesLost: number;
  /** Requests that failed (for a transactional app: transactions refused or rolled back, none lost); null without a load model. */
  readonly failedRequests: number | null;
  /** For a transactional app: transactions refused or rolled back (none lost); null otherwise. */
  readonly failedTransactions: number | null;
}

/** The verdict of one expectation check. */
export interface CheckVerdict {
  readonly name: string;
  readonly check: string;
  readonly severity: "critical" | "warning";
  readonly passed: boolean;
  /** What was measured, in words ("10:42", "0", "not recovered"). */
  readonly actual: string;
}

/** Why an app was impacted: the chain of transitions from a root fault to the app's first impact. */
export interface Explanation {
  readonly app: string;
  /** The app's first impact transition. */
  readonly impactTransition: number;
  /** Transition ids from a root (a fault or an operator step) up to the app, following the earliest cause at each step. */
  readonly chain: readonly number[];
  /** Every root transition the impact descends from. */
  readonly roots: readonly number[];
}

/** Metric series on a fixed grid: value i is at i × intervalMs. */
export interface SeriesSet {
  readonly intervalMs: number;
  readonly points: number;
  readonly metrics: readonly { readonly name: string; readonly values: readonly number[] }[];
}

/** What a report needs to know about one component of the region. */
export interface ComponentInfo {
  readonly id: string;
  readonly layer: Layer;
  /** What it is: "chiller", "plant", "hall", "cluster", "service", "app", "feed", … (for services, the service kind). */
  readonly kind: string;
  readonly title?: string;
  /** The plant of a chiller or a hall. */
  readonly plant?: string;
  /** The hall of a cluster. */
  readonly hall?: string;
  /** The role of a cluster ("compute", "storage", "network", "control"). */
  readonly role?: string;
  /** Servers in a cluster. */
  readonly servers?: number;
  /** Temperature thresholds of a hall or of its servers, in °C, with what happens there. */
  /** Temperatures marked on a hall's chart; `band` when it is one of the hall's state bands (labelled by its °C alone). */
  readonly thresholdsCelsius?: readonly { readonly celsius: number; readonly label: string; readonly band: boolean }[];
}

/** A finished run: everything a renderer needs, and nothing volatile. */
export interface Run {
  readonly scenario: { readonly name: string; readonly title: string };
  readonly seed: number;
  readonly start: string;
  readonly horizonMs: number;
  readonly stop: { readonly reason: StopReason; readonly atMs: number; readonly eventsProcessed: number };
  /** Apps still impacted when the run stopped (the run did not settle). */
  readonly unsettled: readonly string[];
  readonly trace: readonly Transition[];
  readonly impacts: readonly AppImpact[];
  /** The data ledger: acknowledged units lost in all, and what happened to each component's data. */
  readonly data: { readonly acknowledgedLost: number; readonly components: readonly DataTotals[] };
  readonly verdicts: readonly CheckVerdict[];
  readonly explanations: readonly Explanation[];
  readonly series: SeriesSet;
  readonly invariantViolations: readonly string[];
  /** The region's components, in the scenario's order: what renderers group and label by. */
  readonly components: readonly ComponentInfo[];
  /** What the run was made from (tool version, files and their hashes, seed, horizon, overrides); absent for a run made in memory. */
  readonly provenance?: Provenance;
}

/** Which budget stopped a run early ("event budget", "work budget"), or undefined when none did. */
export function budgetThatRanOut(run: Pick<Run, "stop">): "event budget" | "work budget" | undefined {
  return run.stop.reason === "event-budget" ? "event budget" : run.stop.reason === "work-budget" ? "work budget" : undefined;
}

/** The sentence saying a budget ran out and how to raise it, or undefined when none did. */
export function budgetMessage(run: Pick<Run, "stop">): string | undefined {
  const budget = budgetThatRanOut(run);
  if (budget === undefined) return undefined;
  return budget === "event budget"
    ? `the event budget (${run.stop.eventsProcessed} events) ran out at ${(run.stop.atMs / 60000).toFixed(1)} min before the horizon. Raise limits.maxEvents or shorten the horizon`
    : `the work budget (limits.maxWork: events, condition checks, sampled values and recorded transitions) ran out at ${(run.stop.atMs / 60000).toFixed(1)} min before the horizon. Raise limits.maxWork, check conditions less often (monitoring.scrapeInterval), sample less often (monitoring.sampleInterval) or shorten the horizon`;
}
