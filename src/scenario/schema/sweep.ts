import { z } from "zod";

/** Limits of a sweep: a limit on everything. */
export const SWEEP_LIMITS = {
  /** Most runs per cell. */
  maxRuns: 1_000_000,
  /** Most cells (the cartesian product of the axes). */
  maxCells: 1_000,
  /** Most runs over every cell together. */
  maxTotalRuns: 10_000_000,
  /** Most values on one axis. */
  maxAxisValues: 100,
} as const;

/** The `sweep` block of a scenario: how many runs, and the axes whose cartesian product is swept. */
export const sweepSchema = z.strictObject({
  runs: z.number().int().positive().max(SWEEP_LIMITS.maxRuns).optional().describe("runs per cell when the command line gives no --runs (default 100)"),
  axes: z
    .record(z.string().min(1), z.array(z.unknown()).min(1).max(SWEEP_LIMITS.maxAxisValues))
    .optional()
    .describe("path → list of values; every combination is a cell (paths as in --set, e.g. region.plants.gz-a.chillers.standby: [1, 2])"),
});

/** The field to spread into the top-level scenario schema. */
export const sweepShape = {
  sweep: sweepSchema.optional().describe("settings of `outage-sim sweep`: runs per cell and the axes to sweep (ignored by run)"),
};

/** The `sweep` block as written. */
export type SweepInput = z.infer<typeof sweepSchema>;
