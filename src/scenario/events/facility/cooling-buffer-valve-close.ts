import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const coolingBufferValveCloseFault = defineFault("facility", z.strictObject({
    type: z.literal("cooling:buffer-valve-close").describe("the valves of a plant's buffer tanks and thermal storage close (e.g. a wrong signal during works): their cold water is cut off; reopened after `duration` if given"),
    plant: componentId.describe("plant whose buffer valves close"),
  }), { takesDuration: true });
