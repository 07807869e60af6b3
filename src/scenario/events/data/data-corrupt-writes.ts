import { z } from "zod";
import { componentId } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const dataCorruptWritesFault = defineFault("data", z.strictObject({
  type: z.literal("data:corrupt-writes").describe("a share of an app's (or a service's) stored writes is stored corrupted from when the fault strikes: counted in the data ledger as corrupted records until repaired"),
  app: componentId.optional().describe("app whose writes are corrupted: its served requests per second are its writes (needs a load model, or writesPerSecond)"),
  service: componentId.optional().describe("service whose writes are corrupted (needs writesPerSecond)"),
  perMille: z.number().describe("corrupted writes per thousand stored, in (0, 1000] (e.g. 3)"),
  source: z.enum(["partner", "node"]).describe("partner: a partner's data format (stops when the fault's duration ends or at a fix-partner-format step); node: a faulty server node (stops only at a remove-node step)"),
  writesPerSecond: z.number().positive().max(1e12).optional().describe("writes per second at full capacity, for a service or an app without a load model"),
}), { takesDuration: true });
