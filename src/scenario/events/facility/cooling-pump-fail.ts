import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const coolingPumpFailFault = defineFault("facility", z.strictObject({
    type: z.literal("cooling:pump-fail").describe("chilled-water pumps fail; flow drops to running/needed; clears after `duration` if given"),
    plant: componentId.describe("plant whose pumps fail"),
    count: z.number().int().positive().optional().describe("pumps that fail (default: all)"),
  }), { takesDuration: true });
