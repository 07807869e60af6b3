import { z } from "zod";
import { componentId, durationMs } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const dataMigrationFault = defineFault("data", z.strictObject({
  type: z.literal("data:migration").describe("objects are copied from one store to another over `over`; some copies fail; without verifyBeforeDelete the sources are deleted before the copies are verified and every failed copy is lost"),
  from: componentId.describe("service the objects are copied from (their sources are deleted at the end)"),
  to: componentId.describe("service the objects are copied to"),
  objects: z.number().positive().max(1e15).describe("objects migrated"),
  copyFailurePerMille: z.number().describe("copies that fail, per thousand, in [0, 1000] (1000: every copy fails; with verifyBeforeDelete the migration then stops with its sources kept)"),
  verifyBeforeDelete: z.boolean().describe("true: failed copies are found and re-copied before any source is deleted (nothing lost, the migration takes longer); false: sources deleted first"),
  over: durationMs.describe("how long one copy pass over every object takes (e.g. 6h)"),
}), { takesDuration: false, durationRefusal: "a migration ends when its copies are done (after `over`, longer with verification). Remove duration" });
