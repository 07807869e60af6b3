// The written form of the cloud service kinds, as plain types (structurally the zod schemas'
// output, minus the fields every service shares). Durations are integer milliseconds.
// Defaults live beside each kind's behavior and in docs/model/cloud.md.

/** Where a service's nodes are: either one pool of clusters (single zone) or clusters by zone. */
export interface PlacementInput {
  /** Clusters by zone name; a zone is a failure domain (a hall, a building, an availability zone). */
  zones?: Record<string, string[]> | undefined;
  /** Clusters forming a single zone; used when `zones` is absent. */
  clusters?: string[] | undefined;
}

/** Compute VMs on host clusters, restarted elsewhere by a control plane. */
export interface CvmInput extends PlacementInput {
  kind: "cvm";
  vms: number;
  vmsPerServer?: number | undefined;
  placement?: "spread" | "pack" | undefined;
  antiAffinity?: { groupSize: number; needed?: number | undefined } | undefined;
  controlPlane?: string | undefined;
  restartRatePerMinute?: number | undefined;
  restartDelay?: number | undefined;
  restartEvery?: number | undefined;
}

/** Object storage: replicated or erasure-coded objects over storage nodes. */
export interface ObjectStorageInput extends PlacementInput {
  kind: "cos";
  replicas?: number | undefined;
  erasure?: { data: number; parity: number } | undefined;
  writeQuorum?: number | undefined;
  objects?: number | undefined;
  readShare?: number | undefined;
  integrityCheck?: number | undefined;
  rebuild?: number | undefined;
  rebuildCapacity?: number | undefined;
}

/** A CDN: edge caches in front of an origin service. */
export interface CdnInput {
  kind: "cdn";
  origin: string;
  edges?: string[] | undefined;
  hitRatio?: number | undefined;
  ttl?: number | undefined;
  staleIfError?: number | undefined;
  warmup?: number | undefined;
  originHeadroom?: number | undefined;
}

/** A primary/replica database. */
export interface DatabaseInput {
  kind: "database";
  primary: string;
  replicas: string[];
  replication?: "sync" | "async" | undefined;
  replicationLag?: number | undefined;
  writesPerSecond?: number | undefined;
  failoverDetection?: number | undefined;
  failoverPromotion?: number | undefined;
  autoFailover?: boolean | undefined;
  readsFromReplicas?: boolean | undefined;
  readShare?: number | undefined;
  memberDownBelow?: number | undefined;
  proxy?: string[] | undefined;
}

/** The control plane / public API of a region. */
export interface ControlPlaneInput {
  kind: "control-plane";
  clusters: string[];
  headroom?: number | undefined;
  startupDependsOn?: string[] | undefined;
  rush?: { whenDown: string[]; loadMultiplier: number; lasts: number } | undefined;
}

/** A stateless or quorum service: shards of `replicas` members spread over zones, each needing `needed` up. */
export interface ReplicatedInput extends PlacementInput {
  kind: "replicated";
  replicas: number;
  needed?: number | undefined;
}

/** Any cloud service kind this layer models, by `kind`. */
export type CloudServiceInput = CvmInput | ObjectStorageInput | CdnInput | DatabaseInput | ControlPlaneInput | ReplicatedInput;

/** The kinds this layer models. */
export const CLOUD_KINDS: readonly CloudServiceInput["kind"][] = ["cvm", "cos", "cdn", "database", "control-plane", "replicated"];

/** A fault on a cloud service (its duration is the runner's). */
export type CloudFault = { type: "cloud:api-rush"; service: string; loadMultiplier: number };

/** An operator action on a cloud service. */
export type CloudAction =
  | { action: "failover"; service: string; to?: string | undefined }
  | { action: "scale-out"; service: string; capacity: number };

/** The cloud fault types. */
export const CLOUD_FAULT_TYPES: readonly CloudFault["type"][] = ["cloud:api-rush"];

/** The cloud action names. */
export const CLOUD_ACTIONS: readonly CloudAction["action"][] = ["failover", "scale-out"];
