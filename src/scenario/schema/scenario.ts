import { z } from "zod";
import { ACTION_TYPES, FAULT_TYPES, eventUnion } from "../events/index.js";
import { facilityRegionShape } from "./facility.js";
import { cloudServiceSchemas } from "./cloud.js";
import { expectSchema } from "./expect.js";
import { sweepShape } from "./sweep.js";
import { huntShape } from "./hunt.js";
import { appSchema, serviceSchema } from "./services.js";
import { componentId, durationMs, horizonMs } from "./units.js";
import { SCENARIO_LIMITS } from "../limits.js";

/** One optional whole number per raisable limit, from 1 up to its ceiling. */
function limitShape(): Record<string, z.ZodOptional<z.ZodNumber>> {
  return Object.fromEntries(Object.entries(SCENARIO_LIMITS).map(([name, spec]) => [name, z.number().int().min(1).max(spec.ceiling, { message: `${name} is at most ${spec.ceiling.toLocaleString("en-US")}` }).optional().describe(`${spec.counts} (default ${spec.default.toLocaleString("en-US")})`)]));
}

/** The API version this loader reads. */
export const API_VERSION = "outage-sim/v1";

/** Fields every fault has, whatever its type: when it strikes and for how long. */
export const faultTimingShape = {
  at: durationMs.optional().describe("time after the scenario start when the fault strikes (e.g. 1h30m)"),
  startAfter: z.array(componentId).optional().describe("names of faults after which this one strikes (all of them must have struck)"),
  after: durationMs.optional().describe("with startAfter: delay after the last of those faults (default 0s)"),
  duration: durationMs.optional().describe("how long the fault holds before it clears by itself (default: until an operator acts)"),
  description: z.string().optional().describe("a sentence for the report"),
};

/** Every fault type's name and schema (the registry's, with the timing fields every fault has). */
export const taggedFaultSchemas: readonly { readonly tag: string; readonly schema: z.ZodObject }[] = FAULT_TYPES.map((t) => ({ tag: t.name, schema: t.schema.extend(faultTimingShape) }));

/** Every operator action's name and schema (the registry's). */
export const taggedActionSchemas: readonly { readonly tag: string; readonly schema: z.ZodObject }[] = ACTION_TYPES.map((t) => ({ tag: t.name, schema: t.schema }));

/** Every service schema, one per `kind` (generic when `kind` is left out). */
export const serviceSchemas = [serviceSchema, ...cloudServiceSchemas];

/** An operator runbook step: at a time, or when a condition has held for a while, after a detection delay. */
export const operatorSchema = z.strictObject({
  at: durationMs.optional().describe("time after the scenario start when the action is taken"),
  when: z.string().optional().describe("condition on a metric, e.g. \"hall.gz-a-h2.inletCelsius > 40\"; checked at every monitoring scrape"),
  for: durationMs.optional().describe("with when: how long the condition must hold before it counts (default 0s)"),
  after: durationMs.optional().describe("detection and paging delay between the trigger and the action (default 0s)"),
  do: z.looseObject({ action: z.string() }).describe("the action; its fields depend on `action`"),
  description: z.string().optional().describe("a sentence for the report"),
});

/** Whether a date-time text names a real calendar day and time of day with a real offset. */
function isRealDateTime(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(text);
  if (!m) return true;
  const [year, month, day, hour, minute, second, offH, offM] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  const leap = (year! % 4 === 0 && year! % 100 !== 0) || year! % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month! - 1];
  return days !== undefined && day! >= 1 && day! <= days && hour! <= 23 && minute! <= 59 && second! <= 59 && offH! <= 14 && offM! <= 59;
}

/** The top level of a scenario file, as written (faults and operator actions are checked per type later). */
export const scenarioSchema = z.strictObject({
  apiVersion: z.literal(API_VERSION, { message: `apiVersion must be "${API_VERSION}"` }).describe("format version"),
  kind: z.literal("Scenario", { message: "kind must be \"Scenario\"" }).describe("document kind"),
  name: componentId.describe("the scenario's name (kebab-case)"),
  title: z.string().min(1).describe("one line saying what happens"),
  description: z.string().optional().describe("the story, the sources, what is assumed"),
  seed: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER, { message: "the seed is at most 9007199254740991 (2^53 − 1), the largest whole number kept exactly" }).default(1).describe("seed of every random draw; the same seed gives the same bytes"),
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/, { message: "start must be a date-time with an offset, e.g. 2023-03-29T00:30:00+08:00" }).refine(isRealDateTime, { message: "start is not a real date and time (check the month, day, hour, minute and offset), e.g. 2023-03-29T00:30:00+08:00" }).default("2000-01-01T00:00:00Z").describe("wall-clock anchor for the report's local clock; simulated time starts at 0 here"),
  horizon: horizonMs.describe("how long to simulate (e.g. 16h), at most 366d"),
  limits: z.strictObject(limitShape()).optional().describe("limits on the scenario's size and the run's work; each may be raised up to its ceiling (docs/scenario-format.md, Limits)"),
  monitoring: z.strictObject({
    scrapeInterval: durationMs.refine((ms) => ms >= 1000, { message: "the scrape interval must be at least 1s. Use e.g. 30s" }).optional().describe("how often operators' conditions are evaluated, like a metrics scrape (default 30s)"),
    sampleInterval: durationMs.refine((ms) => ms >= 1000, { message: "the sample interval must be at least 1s. Use e.g. 1m" }).optional().describe("grid of the metric series in reports (default 1m)"),
  }).optional().describe("how the run is observed"),
  region: z.strictObject({
    import: z.union([z.string(), z.array(z.string())]).optional().describe("topology file(s) to merge in, relative to this file; keys written here override imported ones"),
    ...facilityRegionShape,
    services: z.record(componentId, z.looseObject({ kind: z.string().optional() })).optional().describe("cloud services by id; fields depend on `kind`"),
    apps: z.record(componentId, appSchema).optional().describe("user-facing apps by id"),
  }).describe("the region: facility, clusters, services and apps"),
  faults: z.record(componentId, z.looseObject({ type: z.string() })).optional().describe("what is injected, by name; fields depend on `type`"),
  operators: z.record(componentId, operatorSchema).optional().describe("runbook steps, by name"),
  expect: expectSchema.optional().describe("the hypothesis, checked after the run"),
  ...sweepShape,
  ...huntShape,
});

/** A topology file: a region's parts, to import from scenarios. */
export const topologySchema = z.strictObject({
  apiVersion: z.literal(API_VERSION, { message: `apiVersion must be "${API_VERSION}"` }),
  kind: z.literal("Topology", { message: "kind must be \"Topology\"" }),
  region: z.record(z.string(), z.unknown()),
});

/** The full scenario schema for editors: faults and actions as unions by type. */
export function documentSchema(): z.ZodType {
  const fault = eventUnion("type", taggedFaultSchemas);
  const action = eventUnion("action", taggedActionSchemas);
  const service = z.union(serviceSchemas as unknown as [z.ZodObject, ...z.ZodObject[]]);
  return scenarioSchema.extend({
    region: scenarioSchema.shape.region.extend({ services: z.record(componentId, service).optional().describe("cloud services by id") }),
    faults: z.record(componentId, fault).optional().describe("what is injected, by name"),
    operators: z.record(componentId, operatorSchema.extend({ do: action })).optional().describe("runbook steps, by name"),
  });
}

export type ScenarioInput = z.infer<typeof scenarioSchema>;
export type OperatorInput = z.infer<typeof operatorSchema>;
