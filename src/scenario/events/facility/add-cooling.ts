import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const addCoolingAction = defineAction("facility", z.strictObject({
    action: z.literal("add-cooling").describe("bring emergency or auxiliary cooling to a hall, independent of the plant"),
    hall: componentId.describe("hall cooled"),
    capacityKw: z.number().positive().describe("cooling added, kW"),
  }));
