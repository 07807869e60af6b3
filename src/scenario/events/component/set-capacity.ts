import { z } from "zod";
import { componentId, fraction } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const setCapacityAction = defineAction("component", z.strictObject({
    action: z.literal("set-capacity").describe("forces a service or app to a capacity (e.g. a rate limit or an isolation switch)"),
    target: componentId.describe("id of the service or app"),
    capacity: fraction.describe("capacity fraction to hold until restored"),
  }));
