import { z } from "zod";
import { componentId, durationMs, fraction } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const repairRecordsAction = defineAction("data", z.strictObject({
  action: z.literal("repair-records").describe("corrupted records are repaired by hand: a fraction of those corrupted and not yet repaired at this moment"),
  app: componentId.optional().describe("app whose records are repaired"),
  service: componentId.optional().describe("service whose records are repaired"),
  fraction: fraction.optional().describe("share of the records still corrupted now that get repaired (default 1)"),
  over: durationMs.optional().describe("how long the repair takes; the records count as repaired when it ends (default: at once)"),
}));
