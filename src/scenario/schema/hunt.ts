import { z } from "zod";
import { durationMs } from "./units.js";

/** Limits of a hunt: a limit on everything. */
export const HUNT_LIMITS = {
  /** Most candidate faults a hunt tries. */
  maxCandidates: 2_000,
  /** Most durations per fault. */
  maxDurations: 8,
  /** Deepest search: sets of at most this many faults. */
  maxDepth: 3,
  /** Most seeds per set. */
  maxRuns: 10_000,
  /** Most runs of one hunt (the budget's ceiling). */
  maxTotalRuns: 10_000_000,
} as const;

/** The `hunt` block of a scenario: which faults `outage-sim hunt` tries, with which parameters, and how it judges them. */
export const huntSchema = z.strictObject({
  keepFaults: z.boolean().optional().describe("true: hunt on top of the scenario's own faults (an incident); false: drop them and hunt on the steady region (default false)"),
  at: durationMs.optional().describe("when every hunted fault strikes, after the start (default 1h, or a quarter of the horizon when that is shorter)"),
  durations: z.array(durationMs).min(1).max(HUNT_LIMITS.maxDurations).optional().describe("how long a hunted fault that takes a duration holds; each duration is its own candidate (default [1h])"),
  runs: z.number().int().positive().max(HUNT_LIMITS.maxRuns).optional().describe("seeds per fault set when the command line gives no --runs (default 20)"),
  depth: z.number().int().min(1).max(HUNT_LIMITS.maxDepth).optional().describe("largest fault set tried when the command line gives no --depth (default 1)"),
  impact: durationMs.optional().describe("without a dependable expectation, a set breaks an app whose outage exceeds this (default 5m)"),
  types: z.array(z.string().min(1)).min(1).optional().describe("fault types hunted (default: every type of the registry whose fields have defaults or are given in params)"),
  exclude: z.array(z.string().min(1)).optional().describe("fault types, component ids or candidate ids left out of the hunt"),
  params: z.record(z.string().min(1), z.record(z.string(), z.unknown())).optional().describe("fields given to every hunted fault of a type, by type (e.g. server:fail: { fraction: 0.5 }); they override the defaults"),
});

/** The field to spread into the top-level scenario schema. */
export const huntShape = {
  hunt: huntSchema.optional().describe("settings of `outage-sim hunt`: which faults to try and how (ignored by run)"),
};

/** The `hunt` block as parsed (durations in ms). */
export type HuntInput = z.infer<typeof huntSchema>;
