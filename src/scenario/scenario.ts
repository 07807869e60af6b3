import type { DependencyEdge } from "../model/core/propagation.js";
import type { FacilityAction, FacilityFault } from "../model/facility/config.js";
import type { CloudAction, CloudFault, CloudServiceInput } from "../model/cloud/config.js";
import type { LoadAppConfig, LoadServiceConfig } from "../model/apps/app-load-flow.js";
import type { FacilityInput } from "../model/facility/config.js";
import type { ExpectCheck } from "./check-language.js";
import type { Condition } from "./condition.js";
import type { ComponentAction, ComponentFault } from "../model/core/component-events.js";
import type { LoadAction, LoadFault } from "../model/apps/events.js";
import type { AppLoadInput, ClientInput } from "./schema/load.js";
import type { ScenarioLimits } from "./limits.js";
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
  /** The kind's own fields, as parsed. */
  readonly config: Readonly<Record<string, unknown>>;
  /** A cloud kind's configuration, for its behavior (undefined for a `generic` service). */
  readonly cloud: CloudServiceInput | undefined;
  /** Requests per second it serves at full capacity, with what happens past it (defaults applied); undefined without `capacityRps`. */
  readonly load: LoadServiceConfig | undefined;
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
  /** Request rate over the day, as written; undefined when the app has no load model. */
  readonly load: AppLoadInput | undefined;
  readonly client: ClientInput | undefined;
  /** The load model with every default applied (profile resolved, client policy filled in); undefined without `load`. */
  readonly loadConfig: LoadAppConfig | undefined;
  readonly transactional: boolean;
}

export type { EventOwner } from "./events/event-type.js";

/** What a fault does, by the layer that carries it out (its port): the compiler checks every switch on `owner`. */
export type FaultEffect =
  | { readonly owner: "facility"; readonly params: FacilityFault }
  | { readonly owner: "cloud"; readonly params: CloudFault }
  | { readonly owner: "load"; readonly params: LoadFault }
  | { readonly owner: "data"; readonly params: DataFault }
  | { readonly owner: "component"; readonly params: ComponentFault };

/** What an operator action does, by the layer that carries it out. */
export type ActionEffect =
  | { readonly owner: "facility"; readonly action: FacilityAction }
  | { readonly owner: "cloud"; readonly action: CloudAction }
  | { readonly owner: "load"; readonly action: LoadAction }
  | { readonly owner: "data"; readonly action: DataAction }
  | { readonly owner: "component"; readonly action: ComponentAction };

/** A fault, normalized: when it strikes and what it does. */
export type FaultSpec = FaultTiming & FaultEffect;

/** When a fault strikes and how it is described. */
export interface FaultTiming {
  readonly name: string;
  readonly type: string;
  /** False when a `duration` has nothing to clear (the registry's `takesDuration`). */
  readonly takesDuration: boolean;
  /** With `takesDuration` false: why a duration is refused, for the rule that says so. */
  readonly durationRefusal: string | undefined;
  readonly atMs: number | undefined;
  readonly startAfter: readonly string[];
  readonly afterMs: number;
  readonly durationMs: number | undefined;
  readonly description: string | undefined;
  /** The fields as written (durations as text), for reports. */
  readonly written: Readonly<Record<string, unknown>>;
}

/** An operator runbook step, normalized. */
export type OperatorSpec = OperatorStep & ActionEffect;

/** When an operator step acts and how it is described. */
export interface OperatorStep {
  readonly name: string;
  readonly atMs: number | undefined;
  readonly when: Condition | undefined;
  readonly forMs: number;
  readonly afterMs: number;
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
