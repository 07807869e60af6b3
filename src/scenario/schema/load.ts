import { z } from "zod";
import { durationMs, fraction } from "./units.js";

/** A daily load curve: a built-in name or a table of [hour, multiplier] in the scenario's local time. */
export const profileSchema = z.union([
  z.enum(["flat", "diurnal-cn", "diurnal-us", "business-hours"]).describe("a built-in daily curve (see docs/model/apps.md)"),
  z.array(z.tuple([z.number().min(0).max(24), z.number().nonnegative()])).min(1).max(1440)
    .superRefine((table, ctx) => {
      const seen = new Map<number, number>();
      table.forEach(([hour, multiplier], i) => {
        const minute = hour === 24 ? 0 : Math.round(hour * 60);
        const earlier = seen.get(minute);
        if (earlier !== undefined && earlier !== multiplier) {
          ctx.addIssue({ code: "custom", path: [i], message: `hour ${hour} already has multiplier ${earlier} (hours 0 and 24 are both midnight). Give each hour one multiplier` });
        }
        seen.set(minute, multiplier);
      });
    })
    .describe("[hour, multiplier] points in local time, linear in between, wrapping at midnight"),
]);

/** How much an app asks of its services, over the day. */
export const appLoadSchema = z.strictObject({
  peakRps: z.number().positive().max(1e12).describe("requests per second at the daily peak (multiplier 1)"),
  profile: profileSchema.optional().describe("the daily curve (default flat)"),
});

/** How an app's clients behave when calls fail. */
export const clientSchema = z.strictObject({
  retries: z.number().int().min(0).max(10).optional().describe("retries after a failed attempt; each multiplies load on a failing service (default 0)"),
  timeout: durationMs.optional().describe("a request that takes longer fails (default 5s)"),
  baseLatency: durationMs.optional().describe("latency of a request when nothing is loaded (default 100ms)"),
  circuitBreaker: z.strictObject({
    failureRatio: z.number().gt(0).max(1).optional().describe("failure ratio at which the breaker opens, above 0 and at most 1 (default 0.5)"),
    openFor: durationMs.refine((ms) => ms >= 1000, { message: "a breaker stays open at least 1s. Use e.g. 30s" }).optional().describe("how long it stays open before letting probes through, at least 1s (default 30s)"),
    probeFraction: z.number().gt(0).max(1).optional().describe("share of requests let through while half-open, above 0 and at most 1 (default 0.05)"),
  }).optional().describe("a client-side circuit breaker: while open, requests fail fast and the services get no load from this app"),
  rateLimitPerUserPerMinute: z.number().positive().optional().describe("requests a user may make per minute; the rest are refused (e.g. 1 avatar change per minute)"),
});

/** Load-related fields of an app. */
export const appLoadShape = {
  load: appLoadSchema.optional().describe("request rate over the day; without it the app has no load model and its success is its dependencies' capacity"),
  client: clientSchema.optional().describe("retries, timeouts, circuit breaker and rate limit of the app's clients"),
  transactional: z.boolean().optional().describe("the app's requests are transactions (payments): the report's failedTransactions counts those refused or rolled back; a transaction ends committed or rolled back, never lost"),
};

/** What a service does when offered more than it can serve. */
export const overloadSchema = z.strictObject({
  shedding: z.boolean().optional().describe("the service sheds excess load and keeps serving at capacity (default false)"),
  collapse: z.number().min(0).max(10).optional().describe("without shedding: goodput lost per unit of overload, as queued requests time out (default 0.5)"),
  minGoodput: fraction.optional().describe("without shedding: the floor of goodput as a fraction of capacity (default 0.05)"),
});

/** Load-related fields of a service. */
export const serviceLoadShape = {
  capacityRps: z.number().positive().max(1e12).optional().describe("requests per second it serves at full capacity; without it the service is never overloaded"),
  overload: overloadSchema.optional().describe("what happens past capacityRps"),
};

export type AppLoadInput = z.infer<typeof appLoadSchema>;
export type ClientInput = z.infer<typeof clientSchema>;
export type OverloadInput = z.infer<typeof overloadSchema>;
