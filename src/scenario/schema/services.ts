import { z } from "zod";
import { appLoadShape, serviceLoadShape } from "./load.js";
import { componentId, fraction } from "./units.js";

/** How a component relies on another: hard (fails with it), soft (degrades features only) or with a fallback. */
export const dependencyMode = z.enum(["hard", "soft", "fallback"]).describe("hard: fails when the dependency fails; soft: only degrades; fallback: falls back to a copy that keeps `fallbackCapacity`");

/** One dependency edge, written as an id (hard) or as a mapping with a mode. */
export const dependencySchema = z.union([
  componentId.describe("id of a service (or cluster) this one needs; a hard dependency"),
  z.strictObject({
    on: componentId.describe("id of the service or cluster depended on"),
    mode: dependencyMode.default("hard"),
    fallbackCapacity: fraction.optional().describe("with mode fallback: the capacity fraction the fallback path keeps when the dependency is down (default 0.9)"),
  }),
]);

/** Fields every service has, whatever its kind. */
export const commonServiceShape = {
  title: z.string().optional().describe("human name shown in reports"),
  dependsOn: z.array(dependencySchema).optional().describe("services or clusters this one needs"),
  degradedBelow: fraction.optional().describe("capacity below which the service counts as degraded (default 0.99)"),
  downBelow: fraction.optional().describe("capacity below which the service counts as down (default 0.5)"),
  ...serviceLoadShape,
};

/** A generic cloud service placed on clusters and depending on other services. */
export const serviceSchema = z.strictObject({
  kind: z.literal("generic").default("generic").describe("the service model; `generic`: capacity is its clusters' mean capacity times the product of its hard dependencies'"),
  runsOn: z.array(componentId).optional().describe("ids of the server clusters this service runs on; its placement capacity is their mean capacity"),
  ...commonServiceShape,
});

/** What a user sees when an app is degraded or down. */
export const symptomsSchema = z.strictObject({
  degraded: z.string().optional().describe("what a user sees while the app is degraded, e.g. \"images slow to load\""),
  down: z.string().optional().describe("what a user sees while the app is down, e.g. \"QR code expired\""),
});

/** An app: request paths over services, with its users and the symptom each failure mode shows. */
export const appSchema = z.strictObject({
  title: z.string().optional().describe("human name shown in reports"),
  users: z.number().nonnegative().max(1e10).optional().describe("users active on the app, for user-minutes lost (default 0)"),
  dependsOn: z.array(dependencySchema).min(1, { message: "an app needs at least one dependency. List the services it calls" }).describe("services the app's requests need"),
  symptoms: symptomsSchema.optional().describe("the symptom per failure mode"),
  impactBelow: fraction.optional().describe("success ratio below which the app counts as impacted (default 0.99)"),
  downBelow: fraction.optional().describe("success ratio below which the app counts as down (default 0.5)"),
  ...appLoadShape,
});

export type DependencyInput = z.infer<typeof dependencySchema>;
export type ServiceInput = z.infer<typeof serviceSchema>;
export type AppInput = z.infer<typeof appSchema>;
