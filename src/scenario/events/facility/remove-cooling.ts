import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const removeCoolingAction = defineAction("facility", z.strictObject({
    action: z.literal("remove-cooling").describe("withdraw auxiliary cooling brought to a hall"),
    hall: componentId.describe("hall"),
    capacityKw: z.number().positive().optional().describe("cooling withdrawn, kW (default: all of it)"),
  }));
