import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const releaseHallAction = defineAction("facility", z.strictObject({
    action: z.literal("release-hall").describe("end the inspection after a suppression discharge: power cabinets repaired, air handlers back; servers still need power-on (damaged ones a repair)"),
    hall: componentId.describe("hall released"),
  }));
