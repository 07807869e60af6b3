import { z } from "zod";
import { componentId, fraction } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const componentFailFault = defineFault("component", z.strictObject({
    type: z.literal("component:fail").describe("forces a service or app down (capacity 0 unless `capacity` is given)"),
    target: componentId.describe("id of the service or app"),
    capacity: fraction.optional().describe("capacity fraction left while the fault holds (default 0)"),
  }), { takesDuration: true });
