import { z } from "zod";
import { durationMs } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const weatherOutsideTemperatureFault = defineFault("facility", z.strictObject({
    type: z.literal("weather:outside-temperature").describe("the outside temperature changes (e.g. a heat wave); back to the old value after `duration` if given"),
    celsius: z.number().describe("new outside temperature, °C"),
    over: durationMs.optional().describe("ramp to it linearly over this long (default: at once)"),
  }), { takesDuration: true });
