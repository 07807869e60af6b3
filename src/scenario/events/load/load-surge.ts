import { z } from "zod";
import { componentId, durationMs } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const loadSurgeFault = defineFault("load", z.strictObject({
    type: z.literal("load:surge").describe("an app's load follows a curve from the moment the fault strikes (a promotion, a sign-up flood); back to normal when `duration` ends"),
    app: componentId.describe("app whose load surges"),
    curve: z.array(z.tuple([durationMs, z.number().nonnegative()])).min(1).optional().describe("[time since the surge began, load multiplier] points, linear in between; the last holds"),
    users: z.array(z.tuple([durationMs, z.number().positive().max(1e10)])).min(1).optional().describe("[time since the surge began, users] points; the multiplier is users over the first point's users"),
  }), { takesDuration: true });
