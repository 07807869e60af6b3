import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const coolingControlFailFault = defineFault("facility", z.strictObject({
    type: z.literal("cooling:control-fail").describe("the plant's control system stops responding: no standby start, no restart (automatic or by operators); back after `duration` if given"),
    plant: componentId.describe("plant whose controls fail"),
  }), { takesDuration: true });
