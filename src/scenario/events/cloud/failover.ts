import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const failoverAction = defineAction("cloud", z.strictObject({
    action: z.literal("failover").describe("promote a replica of a database (takes its failoverPromotion time)"),
    service: componentId.describe("id of the database service"),
    to: componentId.optional().describe("cluster of the replica to promote (default: the first replica up)"),
  }));
