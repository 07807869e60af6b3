import { z } from "zod";
import { componentId, durationMs } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const coolingChillerRetripFault = defineFault("facility", z.strictObject({
    type: z.literal("cooling:chiller-retrip").describe("the next chillers of a plant that start run only a while and trip again (restart without stable operation); disarmed after `duration`"),
    plant: componentId.describe("plant whose chillers re-trip"),
    count: z.number().int().positive().optional().describe("chiller starts that re-trip (default 1)"),
    runFor: durationMs.optional().describe("how long each runs before it trips again (default 5m)"),
  }), { takesDuration: true });
