import type { DependencyEdge } from "../model/core/propagation.js";
import type { FacilityAction, FacilityFault } from "../model/facility/config.js";
import type { CloudAction, CloudFault } from "../model/cloud/config.js";
import type { FacilityInput } from "../model/facility/config.js";
import type { ExpectCheck } from "./check-language.js";
import type { Condition } from "./condition.js";
import type { ScenarioLimits } from "./limits.js";
import type { ComponentAction, ComponentFault } from "./schema/core-events.js";
import type { AppLoadInput, ClientInput, LoadAction, LoadFault } from "./schema/load.js";
import type { DataAction, DataFault } from "../model/data/config.js";

/** A cloud service, normalized: every default applied. */
export interface ServiceSpec {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly runsOn: readonly string[];
  readonly dependsOn: readonly DependencyEdge[];
  readonly degradedBelow: number;
  readonly downBelow: number;
  /** The kind's own fields, as parsed (for the kind's behavior). */
  readonly config: Readonly<Record<string, unknown>>;
}

/** An app, normalized. */
export interface AppSpec {
  readonly id: string;
  readonly title: string;
  readonly users: number;
  readonly dependsOn: readonly DependencyEdge[];
  readonly symptoms: { readonly degraded: string; readonly down: string };
  readonly impactBelow: number;
  readonly downBelow: number;
  /** Request rate over the day; undefined when the app has no load model. */
  readonly load: AppLoadInput | undefined;
  readonly client: ClientInput | undefined;
  readonly transactional: boolean;
}

/** Which layer carries out a fault or an action. */
export type EventOwner = "facility" | "cloud" | "load" | "data" | "component";

/** A fault, normalized: when it strikes and what it does. */
export interface FaultSpec {
  readonly name: string;
  readonly type: string;
  readonly owner: EventOwner;
  readonly atMs: number | undefined;
  readonly startAfter: readonly string[];
  readonly afterMs: number;
  readonly durationMs: number | undefined;
  readonly description: string | undefined;
  /** The type's own fields, as parsed. */
  readonly params: FacilityFault | CloudFault | LoadFault | DataFault | ComponentFault;
  /** The fields as written (durations as text), for reports. */
  readonly written: Readonly<Record<string, unknown>>;
}

/** An operator runbook step, normalized. */
export interface OperatorSpec {
  readonly name: string;
  readonly atMs: number | undefined;
  readonly when: Condition | undefined;
  readonly forMs: number;
  readonly afterMs: number;
  readonly owner: EventOwner;
  readonly action: FacilityAction | CloudAction | LoadAction | DataAction | ComponentAction;
  /** The action's fields as written (durations as text), for reports. */
  readonly written: Readonly<Record<string, unknown>>;
  readonly description: string | undefined;
}

/** A named check over the finished run (or over the samples before the first fault, for steady state). */
export type CheckSpec = ExpectCheck;

/** A scenario ready to build and run: parsed, merged with its imports, checked, every default applied. */
export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly seed: number;
  readonly start: string;
  readonly horizonMs: number;
  readonly maxEvents: number;
  /** Every limit of `limits:`, defaults applied (absent in scenarios built by hand: the defaults). */
  readonly limits?: ScenarioLimits;
  readonly scrapeIntervalMs: number;
  readonly sampleIntervalMs: number;
  readonly facility: FacilityInput;
  readonly services: readonly ServiceSpec[];
  readonly apps: readonly AppSpec[];
  readonly faults: readonly FaultSpec[];
  readonly operators: readonly OperatorSpec[];
  readonly checks: readonly CheckSpec[];
  /** `expect.steadyState`: checks that must hold at every sample before the first fault. */
  readonly steadyState: readonly CheckSpec[];
}

/** Default event budget of a run. */
export const DEFAULT_MAX_EVENTS = 20_000_000;
