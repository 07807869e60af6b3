import { z } from "zod";
import type {
  CdnInput, ControlPlaneInput, CvmInput, DatabaseInput, ObjectStorageInput, ReplicatedInput,
} from "../../model/cloud/config.js";
import { commonServiceShape } from "./services.js";
import { componentId, durationMs, fraction } from "./units.js";

// The written form of the cloud service kinds, one strict schema per `kind`. Defaults are applied by the
// behaviors (src/model/cloud/), not here, so an absent key means "use the documented default"
// (docs/model/cloud.md) and the JSON Schema stays honest about what is optional.

const placementShape = {
  zones: z.record(componentId, z.array(componentId).min(1)).optional().describe("clusters by zone (a zone is a failure domain: a hall, a building, an availability zone); copies and VMs are spread evenly over the zones"),
  clusters: z.array(componentId).min(1).optional().describe("clusters forming one single zone (give this or `zones`)"),
};

/** Compute VMs placed on host clusters and restarted elsewhere by the control plane. */
export const cvmSchema = z.strictObject({
  kind: z.literal("cvm").describe("compute VMs (CVM, EC2, ECS) on host clusters; capacity is the fraction of VMs running"),
  ...placementShape,
  vms: z.number().int().positive().describe("number of VMs placed"),
  vmsPerServer: z.number().int().positive().optional().describe("VM slots per host server (default 20)"),
  placement: z.enum(["spread", "pack"]).optional().describe("spread: an equal share per zone, by slots within a zone; pack: fill clusters in the order listed (default spread)"),
  antiAffinity: z.strictObject({
    groupSize: z.number().int().positive().describe("VMs per group, each on a distinct host (and a distinct zone when spread)"),
    needed: z.number().int().positive().optional().describe("members a group needs running to work (default groupSize)"),
  }).optional().describe("anti-affinity groups; their availability is reported as service.<id>.groupsAvailable"),
  controlPlane: componentId.optional().describe("id of the control-plane service that restarts lost VMs; restarts scale with its capacity and stop while it is down (absent: always able)"),
  restartRatePerMinute: z.number().positive().optional().describe("VMs restarted per minute with a fully healthy control plane (default 100)"),
  restartDelay: durationMs.optional().describe("detection delay before lost VMs start to be restarted (default 5m)"),
  restartEvery: durationMs.optional().describe("restarts happen in batches this far apart (default 1m)"),
  ...commonServiceShape,
});

/** Object storage with replicated or erasure-coded placement. */
export const objectStorageSchema = z.strictObject({
  kind: z.literal("cos").describe("object storage (COS, S3, OSS); readable and writable fractions follow from the placement and the nodes up"),
  ...placementShape,
  replicas: z.number().int().positive().optional().describe("copies of each object on distinct nodes, split evenly over the zones (default 3)"),
  erasure: z.strictObject({
    data: z.number().int().positive().describe("data shards k: any k of the k+m shards rebuild the object"),
    parity: z.number().int().nonnegative().describe("parity shards m: the object survives the loss of m shards"),
  }).optional().describe("erasure coding instead of replicas"),
  writeQuorum: z.number().int().positive().optional().describe("copies or shards that must be up to accept a write (default: a majority of replicas, or k+1 shards)"),
  objects: z.number().positive().max(1e15).optional().describe("objects stored, for the durability ledger (default 100,000,000)"),
  readShare: fraction.optional().describe("share of requests that are reads; capacity = readShare × readable + (1 − readShare) × writable (default 0.8)"),
  integrityCheck: durationMs.optional().describe("nodes that come back serve only after this integrity check (default 2h)"),
  rebuild: durationMs.optional().describe("after returning nodes serve, re-replication holds capacity at rebuildCapacity this long (default 4h)"),
  rebuildCapacity: fraction.optional().describe("capacity cap during a rebuild (default 0.7)"),
  ...commonServiceShape,
});

/** A CDN of edge caches in front of an origin service. */
export const cdnSchema = z.strictObject({
  kind: z.literal("cdn").describe("edge caches in front of an origin; cached objects outlive an origin failure until TTL plus stale-if-error"),
  origin: componentId.describe("id of the origin service (usually a cos service); not also in dependsOn"),
  edges: z.array(componentId).optional().describe("clusters of edge caches, if modelled (absent: edges are outside the region and always up)"),
  hitRatio: fraction.optional().describe("share of requests served from the edge in normal times (default 0.9)"),
  ttl: durationMs.optional().describe("how long an object stays fresh in an edge cache (default 1h)"),
  staleIfError: durationMs.optional().describe("how long past its TTL an edge keeps serving an object while the origin fails (default 0s)"),
  warmup: durationMs.optional().describe("time for the expired part of the cache to fill again after the origin recovers (default 30m)"),
  originHeadroom: z.number().min(1).optional().describe("miss load the origin can absorb, in multiples of the normal miss load (default 3)"),
  ...commonServiceShape,
});

/** A primary/replica database. */
export const databaseSchema = z.strictObject({
  kind: z.literal("database").describe("a primary/replica database; failover takes detection plus promotion"),
  primary: componentId.describe("cluster of the primary"),
  replicas: z.array(componentId).min(1).describe("clusters of the replicas, in promotion order (put them in other halls or zones)"),
  replication: z.enum(["sync", "async"]).optional().describe("sync: a failover loses no acknowledged write; async: it loses the last replicationLag of writes (default async)"),
  replicationLag: durationMs.optional().describe("how far an asynchronous replica is behind the primary (default 1s)"),
  writesPerSecond: z.number().nonnegative().max(1e12).optional().describe("acknowledged writes per second, for the data ledger (default 100)"),
  failoverDetection: durationMs.optional().describe("time to declare the primary dead (default 30s)"),
  failoverPromotion: durationMs.optional().describe("time to promote a replica and repoint clients (default 60s)"),
  autoFailover: z.boolean().optional().describe("fail over automatically; without it only a `failover` action promotes a replica (default true)"),
  readsFromReplicas: z.boolean().optional().describe("replicas serve reads while the primary is down (default true)"),
  readShare: fraction.optional().describe("share of requests that are reads (default 0.7)"),
  memberDownBelow: fraction.optional().describe("a member counts as down when its cluster's capacity is below this (default 0.5)"),
  proxy: z.array(componentId).optional().describe("clusters or services every client request goes through (a proxy, a name service); their mean capacity multiplies the database's"),
  ...commonServiceShape,
});

/** The control plane / API of a region. */
export const controlPlaneSchema = z.strictObject({
  kind: z.literal("control-plane").describe("console and API (instance purchase, scaling); throttles when demand exceeds supply"),
  clusters: z.array(componentId).min(1).describe("clusters the control plane runs on"),
  headroom: z.number().positive().optional().describe("requests it can serve with every cluster up, in multiples of the normal load (default 2)"),
  startupDependsOn: z.array(componentId).optional().describe("components new capacity needs at start-up: while one is down, servers that come back and scale-outs cannot start"),
  rush: z.strictObject({
    whenDown: z.array(componentId).min(1).describe("clusters or services whose going down sends customers to re-create resources"),
    loadMultiplier: z.number().min(1).describe("demand during the rush, in multiples of the normal load (Alibaba Hong Kong 2022: ~20% availability, i.e. ~5× the supply)"),
    lasts: durationMs.describe("how long the rush lasts from the moment a watched component goes down (Alibaba Hong Kong 2022: ~8h)"),
  }).optional().describe("an automatic rush of API calls when part of the region fails"),
  ...commonServiceShape,
});

/** A replicated (stateless pool or quorum) service. */
export const replicatedSchema = z.strictObject({
  kind: z.literal("replicated").describe("a service split into shards of `replicas` members on distinct nodes; a shard works while `needed` members are up (stateless pool: needed 1; quorum store: a majority)"),
  ...placementShape,
  replicas: z.number().int().positive().describe("members per shard, spread evenly over the zones"),
  needed: z.number().int().positive().optional().describe("members a shard needs up (default a majority)"),
  ...commonServiceShape,
});

/** The cloud service kinds, one schema per `kind` (the generic kind stays in services.ts). */
export const cloudServiceSchemas = [cvmSchema, objectStorageSchema, cdnSchema, databaseSchema, controlPlaneSchema, replicatedSchema] as const;

type Common = keyof typeof commonServiceShape;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Compile-time proof that the model's plain types are the schemas' output types (less the common fields).
const kindsAgree: [
  Same<Omit<z.infer<typeof cvmSchema>, Common>, CvmInput>,
  Same<Omit<z.infer<typeof objectStorageSchema>, Common>, ObjectStorageInput>,
  Same<Omit<z.infer<typeof cdnSchema>, Common>, CdnInput>,
  Same<Omit<z.infer<typeof databaseSchema>, Common>, DatabaseInput>,
  Same<Omit<z.infer<typeof controlPlaneSchema>, Common>, ControlPlaneInput>,
  Same<Omit<z.infer<typeof replicatedSchema>, Common>, ReplicatedInput>,
] = [true, true, true, true, true, true];
void kindsAgree;

/** A cloud service as parsed, by kind. */
export type CloudServiceSchemaOutput = z.infer<(typeof cloudServiceSchemas)[number]>;
