import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const fixPartnerFormatAction = defineAction("data", z.strictObject({
  action: z.literal("fix-partner-format").describe("the partner deploys a fix of its data format: the named data:corrupt-writes fault with source partner stops corrupting"),
  fault: componentId.describe("the data:corrupt-writes fault (source: partner) it stops"),
}));
