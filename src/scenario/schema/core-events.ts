import { z } from "zod";
import { componentId, fraction } from "./units.js";

/** Faults any layer can take: force a service or app's capacity down. */
export const componentFaultSchemas = [
  z.strictObject({
    type: z.literal("component:fail").describe("forces a service or app down (capacity 0 unless `capacity` is given)"),
    target: componentId.describe("id of the service or app"),
    capacity: fraction.optional().describe("capacity fraction left while the fault holds (default 0)"),
  }),
] as const;

/** Operator actions any layer can take. */
export const componentActionSchemas = [
  z.strictObject({
    action: z.literal("restore").describe("clears every fault forced on a service or app"),
    target: componentId.describe("id of the service or app"),
  }),
  z.strictObject({
    action: z.literal("set-capacity").describe("forces a service or app to a capacity (e.g. a rate limit or an isolation switch)"),
    target: componentId.describe("id of the service or app"),
    capacity: fraction.describe("capacity fraction to hold until restored"),
  }),
] as const;

/** The generic fault forms, as values. */
export type ComponentFault = z.infer<(typeof componentFaultSchemas)[number]>;
/** The generic action forms, as values. */
export type ComponentAction = z.infer<(typeof componentActionSchemas)[number]>;
