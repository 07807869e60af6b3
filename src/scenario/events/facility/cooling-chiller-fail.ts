import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const coolingChillerFailFault = defineFault("facility", z.strictObject({
    type: z.literal("cooling:chiller-fail").describe("chillers trip and need an operator restart (or restart when `duration` ends); give exactly one of plant, group, chillers"),
    plant: componentId.optional().describe("every chiller of this plant (running ones first when count is given)"),
    group: componentId.optional().describe("every chiller of this common-mode group (shared loop or controller), standby included"),
    chillers: z.array(componentId).optional().describe("these chillers (<plant>-chN)"),
    count: z.number().int().positive().optional().describe("only this many of the targeted chillers"),
  }), { takesDuration: true });
