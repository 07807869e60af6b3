import { z } from "zod";
import { componentId, durationMs } from "../../schema/units.js";
import { defineFault } from "../event-type.js";

export const loadReconnectStormFault = defineFault("load", z.strictObject({
    type: z.literal("load:reconnect-storm").describe("a network flap disconnects clients who all reconnect at once, adding load for `over`"),
    app: componentId.describe("app whose clients reconnect"),
    clients: z.number().positive().max(1e10).describe("clients that reconnect"),
    over: durationMs.describe("the window over which they reconnect (e.g. 1m)"),
    requestsPerClient: z.number().positive().max(1e6).optional().describe("requests one reconnect makes (login, sync, group membership...; default 1)"),
  }), { takesDuration: true });
