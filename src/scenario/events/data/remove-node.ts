import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const removeNodeAction = defineAction("data", z.strictObject({
  action: z.literal("remove-node").describe("the faulty node behind a data:corrupt-writes fault (source: node) is taken out of service: it stops corrupting"),
  fault: componentId.describe("the data:corrupt-writes fault (source: node) it stops"),
}));
