import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const closeVentilationAction = defineAction("facility", z.strictObject({
    action: z.literal("close-ventilation").describe("close a hall's emergency ventilation"),
    hall: componentId.describe("hall"),
  }));
