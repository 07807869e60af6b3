import { z } from "zod";
import { componentId, probability } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const powerVoltageSagFault = defineFault("facility", z.strictObject({
    type: z.literal("power:voltage-sag").describe("a momentary voltage sag: chillers on feeds without UPS trip (running) or lock out (standby); IT on UPS rides through"),
    utility: componentId.optional().describe("utility that sags (default: every utility)"),
    runningTripProbability: probability.optional().describe("probability that a running chiller trips (default 1: Azure Australia East 2023, 5 of 5)"),
    standbyTripProbability: probability.optional().describe("probability that a standby chiller locks out (default 0.5: 1 of 2 held)"),
  }), { takesDuration: false });
