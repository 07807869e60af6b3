import { z } from "zod";
import { componentId } from "./units.js";

/** A named check over the finished run, in the check language of docs/ci.md. */
export const checkSchema = z.strictObject({
  name: componentId.describe("a kebab-case name for the check"),
  check: z.string().describe("e.g. \"app.pc-login.recoveredAt <= 10:15\", \"data.acknowledgedLost == 0\", \"app.payments.successRatio >= 0.99 over [02:00, 04:00]\", \"component.cos-gz.state == down at 05:00\", \"cos-gz recovers after cvm-gz\""),
  severity: z.enum(["critical", "warning"]).default("critical").describe("a failed critical check makes the run exit 1"),
});

/** A check of the steady state: a sampled metric compared with a number, holding at every sample before the first fault. */
export const steadyStateCheckSchema = z.strictObject({
  name: componentId.describe("a kebab-case name for the check"),
  check: z.string().describe("a sampled metric and a number, e.g. \"hall.gz-a-h1.inletCelsius < 27\", \"app.*.successRatio >= 0.999\""),
  severity: z.enum(["critical", "warning"]).default("critical").describe("a failed critical steady-state check aborts the run (exit 1) before the cascade is reported"),
});

/** The `expect` block: the hypothesis, checked before the first fault (steadyState) and after the run (outcome). */
export const expectSchema = z.strictObject({
  steadyState: z.array(steadyStateCheckSchema).optional().describe("checks that must hold at every sample before the first fault; a failure aborts the run"),
  outcome: z.array(checkSchema).optional().describe("checks over the finished run"),
});

/** A check as written in `expect.outcome`, defaults applied. */
export type CheckInput = z.infer<typeof checkSchema>;
/** The `expect` block as written, defaults applied. */
export type ExpectInput = z.infer<typeof expectSchema>;
