/**
 * The plan of a hunt: everything about it that is not a run record, enough to replay any run and to render any
 * report. A hunt's summary is a pure function of its plan and its records, as a sweep's is.
 */

/** The version of the hunt part file format and of the hunt JSON report. */
export const HUNT_FORMAT_VERSION = 1;

/** A candidate as the plan lists it: what it hits and the faults it writes (for replay commands). */
export interface PlanCandidate {
  readonly id: string;
  readonly type: string;
  readonly target: { readonly field: string; readonly id: string; readonly kind: string };
  readonly duration: string | null;
  readonly label: string;
  readonly faults: readonly { readonly name: string; readonly written: Readonly<Record<string, unknown>> }[];
}

/** An expectation as the hunt evaluates it: wildcard app checks are split into one check per app. */
export interface HuntCheck {
  /** The check's name, with `[app]` for one app's part of an `app.*` check. */
  readonly name: string;
  readonly text: string;
  readonly severity: "critical" | "warning";
  /** The apps the check is about; empty for a check about the region (data, run totals, facility metrics). */
  readonly apps: readonly string[];
}

/** What the hunt tries to break: an app, or an expectation about no app in particular. */
export interface Objective {
  readonly id: string;
  readonly title: string;
  readonly kind: "app" | "check";
  /** Index of the app in the plan's apps (app objectives), or -1. */
  readonly app: number;
  /** Indexes of the critical checks about it. */
  readonly checks: readonly number[];
}

/** Everything about a hunt that is not a run record. */
export interface HuntPlan {
  readonly scenario: { readonly path: string; readonly name: string; readonly title: string; readonly start: string };
  readonly baseSeed: number;
  /** Seeds per fault set. */
  readonly runs: number;
  readonly depth: number;
  /** true: every set of size ≤ depth is tried (brute force); false: the pruned search. */
  readonly exhaustive: boolean;
  /** Most runs in all, or null. */
  readonly budget: number | null;
  /** Outage (minutes) beyond which a set breaks an app judged without a dependable expectation. */
  readonly impactMinutes: number;
  readonly horizon: { readonly text: string; readonly ms: number } | null;
  /** When hunted faults strike, as text. */
  readonly at: string;
  /** The scenario's own faults that were dropped (empty when kept, or when it has none). */
  readonly droppedFaults: readonly string[];
  readonly keepFaults: boolean;
  /** Every app of the scenario, in its order: the columns of records. */
  readonly apps: readonly { readonly id: string; readonly title: string }[];
  readonly checks: readonly HuntCheck[];
  readonly objectives: readonly Objective[];
  readonly candidates: readonly PlanCandidate[];
  /** Fault types left out, and why. */
  readonly skippedTypes: readonly { readonly type: string; readonly reason: string }[];
  /** Candidates the scenario's rules refuse (a fault that does not apply there), with the first reason. */
  readonly rejected: readonly { readonly id: string; readonly reason: string }[];
}

/** What one run of a hunt leaves behind; app columns follow the plan's apps, check columns its checks. */
export interface HuntRecord {
  /** Position among the runs of its level: set × runs + run. */
  readonly job: number;
  /** Size of the set (0: the scenario without any hunted fault). */
  readonly level: number;
  /** Index of the set in its level's list. */
  readonly set: number;
  readonly run: number;
  readonly seed: number;
  /** The set: indexes of candidates, ascending. */
  readonly members: readonly number[];
  readonly impacted: readonly boolean[];
  readonly outageMinutes: readonly number[];
  readonly userMinutesLost: readonly number[];
  readonly checks: readonly boolean[];
  /** Per app: whether the run changed the history of a component the app needs (its causal support). */
  readonly reach: readonly boolean[];
  /** Whether the run changed the history of any component of the region (the reach of an objective about no app). */
  readonly reachAny: boolean;
  /** Per app: the chain of causes of its first impact in this run ("HH:MM component state"), or null. */
  readonly chains: readonly (readonly string[] | null)[];
  readonly stop: string;
  readonly unsettled: number;
}
