import type { CloudServiceInput } from "./config.js";

/**
 * The metrics a service of each kind answers (`service.<id>.<metric>`), known without building it: checking a
 * condition or a check at load time reads this table. A test holds each behavior's `metrics()` to it.
 */
export const CLOUD_KIND_METRICS: Readonly<Record<CloudServiceInput["kind"], readonly string[]>> = {
  cvm: ["vms", "vmsRunning", "vmsLost", "vmsRestarted", "vmsWaiting", "spareSlots", "groupsAvailable"],
  cos: ["readableFraction", "writeAvailable", "objectsLost", "nodesUsable", "nodesChecking", "rebuilding"],
  cdn: ["hitRatio", "cacheWarmFraction", "servingStale", "originCapacity"],
  database: ["writeAvailable", "readAvailable", "failovers", "lostWritesTotal", "failoverInProgress"],
  "control-plane": ["loadMultiplier", "supply", "throttledFraction", "pendingCapacity"],
  replicated: ["shardsWorking"],
};
