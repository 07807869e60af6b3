import { z } from "zod";
import { componentId, fraction } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const powerOffAction = defineAction("facility", z.strictObject({
    action: z.literal("power-off").describe("power a hall or a cluster down (a whole hall is switched off until a power-on names it)"),
    hall: componentId.optional().describe("hall to power down"),
    cluster: componentId.optional().describe("cluster to power down"),
    fraction: fraction.optional().describe("fraction of the running servers (default 1: all)"),
  }));
