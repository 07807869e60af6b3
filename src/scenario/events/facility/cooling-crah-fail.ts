import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const coolingCrahFailFault = defineFault("facility", z.strictObject({
    type: z.literal("cooling:crah-fail").describe("CRAH units of a hall fail; clears after `duration` if given"),
    hall: componentId.describe("hall whose CRAH units fail"),
    count: z.number().int().positive().optional().describe("units that fail (default: all)"),
  }), { takesDuration: true });
