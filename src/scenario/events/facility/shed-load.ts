import { z } from "zod";
import { componentId, fraction } from "../../schema/units.js";
import { role } from "../../schema/facility.js";
import { defineAction } from "../event-type.js";

export const shedLoadAction = defineAction("facility", z.strictObject({
    action: z.literal("shed-load").describe("power off a fraction of the running servers selected (those closest to a thermal trip first) to cut heat"),
    hall: componentId.optional().describe("only clusters in this hall"),
    role: role.optional().describe("only clusters with this role"),
    cluster: componentId.optional().describe("only this cluster"),
    fraction: fraction.describe("fraction of each selected cluster's running servers to power off"),
  }));
