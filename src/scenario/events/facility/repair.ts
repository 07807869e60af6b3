import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const repairAction = defineAction("facility", z.strictObject({
    action: z.literal("repair").describe("repair a cluster's damaged and failed servers; they can then be powered on"),
    cluster: componentId.describe("cluster repaired"),
  }));
