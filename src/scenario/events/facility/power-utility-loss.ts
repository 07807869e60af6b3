import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const powerUtilityLossFault = defineFault("facility", z.strictObject({
    type: z.literal("power:utility-loss").describe("utility power lost: feeds go to UPS or lose power, generators start; clears after `duration` if given"),
    utility: componentId.optional().describe("utility lost (default: every utility)"),
  }), { takesDuration: true });
