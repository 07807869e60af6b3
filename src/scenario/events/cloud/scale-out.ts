import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const scaleOutAction = defineAction("cloud", z.strictObject({
    action: z.literal("scale-out").describe("add control-plane capacity; it comes up only while no start-up dependency is down"),
    service: componentId.describe("id of the control-plane service"),
    capacity: z.number().positive().describe("capacity added, in multiples of the control plane's normal supply"),
  }));
