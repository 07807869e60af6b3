import { z } from "zod";
import { componentId, durationMs, fraction } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const coolingLoopDegradeFault = defineFault("facility", z.strictObject({
    type: z.literal("cooling:loop-degrade").describe("the chilled-water loop loses flow (air ingress, a failing valve): flow falls to flowFraction, linearly over `over`; back after `duration` if given"),
    plant: componentId.describe("plant whose loop degrades"),
    flowFraction: fraction.describe("share of design flow left at the end"),
    over: durationMs.optional().describe("the decline takes this long (default: at once)"),
  }), { takesDuration: true });
