// The cloud service layer: one behavior per service kind, built from its written config. The network
// (model/core/propagation) evaluates behaviors; services reach clusters and each other only through the ids
// a behavior lists in `inputs`, never through imports.
import type { ServiceBehavior } from "../core/propagation.js";
import { CdnBehavior } from "./cdn.js";
import { placementClusters, type CloudBuildContext } from "./common.js";
import type { CloudAction, CloudFault, CloudServiceInput } from "./config.js";
import { ControlPlaneBehavior } from "./control-plane.js";
import { CvmBehavior } from "./cvm.js";
import { DatabaseBehavior } from "./database.js";
import { ObjectStorageBehavior } from "./object-storage.js";
import { ReplicatedBehavior } from "./replicated.js";

export type { CloudBuildContext } from "./common.js";
export type { CloudAction, CloudFault, CloudServiceInput } from "./config.js";
export { CLOUD_ACTIONS, CLOUD_FAULT_TYPES, CLOUD_KINDS } from "./config.js";
export { checkCloudEvent, checkCloudService, type CloudKnownIds } from "./checks.js";

/** Builds the behavior of cloud service `id` from its config. */
export function buildServiceBehavior(id: string, input: CloudServiceInput, ctx: CloudBuildContext): ServiceBehavior {
  switch (input.kind) {
    case "cvm":
      return new CvmBehavior(id, input, ctx);
    case "cos":
      return new ObjectStorageBehavior(id, input, ctx);
    case "cdn":
      return new CdnBehavior(id, input);
    case "database":
      return new DatabaseBehavior(id, input);
    case "control-plane":
      return new ControlPlaneBehavior(id, input);
    case "replicated":
      return new ReplicatedBehavior(id, input, ctx);
  }
}

/** Every id a service of this config reads (clusters and services), for dependency-cycle and reference rules. */
export function cloudServiceInputs(input: CloudServiceInput): string[] {
  switch (input.kind) {
    case "cvm":
      return [...placementClusters(input), ...(input.controlPlane === undefined ? [] : [input.controlPlane])];
    case "cos":
    case "replicated":
      return placementClusters(input);
    case "cdn":
      return [input.origin, ...(input.edges ?? [])];
    case "database":
      return [input.primary, ...input.replicas, ...(input.proxy ?? [])];
    case "control-plane":
      return [...input.clusters, ...(input.startupDependsOn ?? []), ...(input.rush?.whenDown ?? [])];
  }
}

/** Applies a cloud fault or action to the behavior of its service at `nowMs`; true when it changed (mark the node dirty). */
export function applyCloudEvent(behavior: ServiceBehavior, event: CloudFault | CloudAction, nowMs: number): boolean {
  if ("type" in event) {
    if (!(behavior instanceof ControlPlaneBehavior)) return false;
    behavior.startRush(event.loadMultiplier);
    return true;
  }
  switch (event.action) {
    case "failover":
      return behavior instanceof DatabaseBehavior && behavior.requestFailover(nowMs, event.to);
    case "scale-out":
      if (!(behavior instanceof ControlPlaneBehavior)) return false;
      behavior.scaleOut(event.capacity);
      return true;
  }
}

/** Ends a cloud fault when its duration runs out; true when it changed (mark the node dirty). */
export function clearCloudEvent(behavior: ServiceBehavior, event: CloudFault, _nowMs: number): boolean {
  return behavior instanceof ControlPlaneBehavior && behavior.endRush(event.loadMultiplier);
}
