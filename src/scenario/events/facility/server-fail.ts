import { z } from "zod";
import { componentId, fraction } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const serverFailFault = defineFault("facility", z.strictObject({
    type: z.literal("server:fail").describe("a fraction of a cluster's running servers fail and need a repair"),
    cluster: componentId.describe("cluster hit"),
    fraction: fraction.describe("fraction of its running servers that fail"),
  }), { takesDuration: false });
