import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const openVentilationAction = defineAction("facility", z.strictObject({
    action: z.literal("open-ventilation").describe("open a hall to outside air (emergency ventilation): heat goes out at the outside temperature"),
    hall: componentId.describe("hall ventilated"),
    airflowM3PerSecond: z.number().positive().describe("outside air blown through, m³/s"),
  }));
