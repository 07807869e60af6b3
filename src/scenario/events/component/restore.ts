import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const restoreAction = defineAction("component", z.strictObject({
    action: z.literal("restore").describe("clears every fault forced on a service or app"),
    target: componentId.describe("id of the service or app"),
  }));
