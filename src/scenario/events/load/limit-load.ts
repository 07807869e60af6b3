import { z } from "zod";
import { componentId, fraction } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const limitLoadAction = defineAction("load", z.strictObject({
    action: z.literal("limit-load").describe("admission control: only a fraction of an app's requests is let in (load shedding at the edge); fraction 1 lifts it"),
    app: componentId.describe("app limited"),
    fraction: fraction.describe("share of requests admitted"),
  }));
