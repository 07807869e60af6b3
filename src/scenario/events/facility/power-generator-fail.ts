import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const powerGeneratorFailFault = defineFault("facility", z.strictObject({
    type: z.literal("power:generator-fail").describe("a feed's generators fail: running ones stop, the next start fails"),
    feed: componentId.describe("feed whose generators fail"),
  }), { takesDuration: true });
