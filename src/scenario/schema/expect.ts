import { z } from "zod";
import { componentId } from "./units.js";

/** A named check over the finished run. */
export const checkSchema = z.strictObject({
  name: componentId.describe("a kebab-case name for the check"),
  check: z.string().describe("e.g. \"app.pc-login.recoveredAt <= 10:15\", \"data.acknowledgedLost == 0\", \"app.payments.outageMinutes in [60, 600]\""),
  severity: z.enum(["critical", "warning"]).default("critical").describe("a failed critical check makes the run exit 1"),
});

/** The `expect` block: the hypothesis checked after the run. */
export const expectSchema = z.strictObject({
  outcome: z.array(checkSchema).optional().describe("checks over the finished run"),
});

export type CheckInput = z.infer<typeof checkSchema>;
export type ExpectInput = z.infer<typeof expectSchema>;
