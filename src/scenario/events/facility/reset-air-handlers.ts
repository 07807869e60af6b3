import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const resetAirHandlersAction = defineAction("facility", z.strictObject({
    action: z.literal("reset-air-handlers").describe("restart a hall's locked-out air handlers by hand; refused while the return air is still above their lock-out"),
    hall: componentId.describe("hall"),
  }));
