import { z } from "zod";
import { componentId, fraction } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const roomSuppressionDischargeFault = defineFault("facility", z.strictObject({
    type: z.literal("room:suppression-discharge").describe("fire suppression discharges in a hall (at once, or when its air passes a temperature): air handlers stop, power cabinets and some servers are damaged, and the hall stays down until a release-hall"),
    hall: componentId.describe("hall where the suppression discharges"),
    agent: z.enum(["gas", "sprinkler"]).optional().describe("inert gas or water sprinkler (default gas)"),
    whenAboveCelsius: z.number().optional().describe("discharge only once the hall air passes this, °C (default: at once)"),
    damagedFraction: fraction.optional().describe("share of each cluster's servers damaged (default 0.02 for gas, 0.3 for sprinkler)"),
  }), { takesDuration: true });
