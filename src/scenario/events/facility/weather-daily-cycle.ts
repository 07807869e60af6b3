import { z } from "zod";
import { durationMs } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const weatherDailyCycleFault = defineFault("facility", z.strictObject({
    type: z.literal("weather:daily-cycle").describe("outside air follows a daily curve (cosine between min and max, in 15-minute steps) until cleared"),
    minCelsius: z.number().describe("coolest outside temperature of the day, °C"),
    maxCelsius: z.number().describe("hottest outside temperature of the day, °C"),
    peakAfter: durationMs.optional().describe("time from the fault to the first peak (default 0s: it starts at the peak)"),
  }), { takesDuration: true });
