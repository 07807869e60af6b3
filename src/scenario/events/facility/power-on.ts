import { z } from "zod";
import { componentId, durationMs } from "../../schema/units.js";
import { role } from "../../schema/facility.js";
import { defineAction } from "../event-type.js";

export const powerOnAction = defineAction("facility", z.strictObject({
    action: z.literal("power-on").describe("bring powered-off servers back in rate-limited batches once their hall is cool"),
    hall: componentId.optional().describe("servers of this hall (also switches the hall's IT power back on)"),
    cluster: componentId.optional().describe("servers of this cluster"),
    role: role.optional().describe("only clusters with this role"),
    batchSize: z.number().int().positive().describe("servers powered on per batch"),
    every: durationMs.describe("time between batches (e.g. 5m)"),
    whenBelowCelsius: z.number().optional().describe("a batch runs only while the hall air is below this, °C (default 27, the ASHRAE recommended limit)"),
  }));
