import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const restartChillersAction = defineAction("facility", z.strictObject({
    action: z.literal("restart-chillers").describe("restart a plant's tripped chillers (each restart takes time and can fail)"),
    plant: componentId.describe("plant whose chillers are restarted"),
    chillers: z.array(componentId).optional().describe("only these chillers (default: every tripped one)"),
  }));
