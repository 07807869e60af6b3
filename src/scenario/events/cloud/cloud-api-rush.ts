import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const cloudApiRushFault = defineFault("cloud", z.strictObject({
    type: z.literal("cloud:api-rush").describe("customers rush the API (re-creating resources elsewhere); demand is multiplied until the fault's duration ends"),
    service: componentId.describe("id of the control-plane service"),
    loadMultiplier: z.number().min(1).describe("demand in multiples of the normal load"),
  }), { takesDuration: true });
