import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const coolingRestartFailFault = defineFault("facility", z.strictObject({
    type: z.literal("cooling:restart-fail").describe("the next chiller restart attempts of a plant fail; clears after `duration` if given"),
    plant: componentId.describe("plant whose restarts fail"),
    count: z.number().int().positive().optional().describe("restart attempts that fail (default 1)"),
  }), { takesDuration: true });
