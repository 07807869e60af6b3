import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineAction } from "../event-type.js";

export const addCapacityAction = defineAction("load", z.strictObject({
    action: z.literal("add-capacity").describe("scale a service to a new capacityRps"),
    service: componentId.describe("service scaled"),
    capacityRps: z.number().positive().max(1e12).describe("its new capacity, requests per second"),
  }));
