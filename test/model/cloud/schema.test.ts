import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { cloudServiceSchemas } from "../../../src/scenario/schema/cloud.js";
import { CLOUD_ACTIONS, CLOUD_FAULTS, eventUnion } from "../../../src/scenario/events/index.js";
import { buildServiceBehavior, checkCloudEvent, checkCloudService, type CloudServiceInput } from "../../../src/model/cloud/index.js";
import type { CloudAction, CloudFault } from "../../../src/model/cloud/config.js";
import { Driver, fakeContext } from "./harness.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const DOC = readFileSync(resolve(ROOT, "docs/model/cloud.md"), "utf8");
const blocks = [...DOC.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1] as string) as Record<string, Record<string, unknown>>);
const serviceSchema = z.discriminatedUnion("kind", [...cloudServiceSchemas]);
const faultSchema = eventUnion("type", CLOUD_FAULTS);
const actionSchema = eventUnion("action", CLOUD_ACTIONS);

const fixture = parse(readFileSync(resolve(ROOT, "fixtures/scenarios/zone-storage.yaml"), "utf8")) as {
  region: { clusters: { id: string; servers: number }[]; services: Record<string, Record<string, unknown>> };
};
const clusters = fixture.region.clusters.map((c) => c.id);
const servers = Object.fromEntries(fixture.region.clusters.map((c) => [c.id, c.servers]));

describe("the cloud schemas", () => {
  it("parse every kind's example in docs/model/cloud.md, and the rules find nothing wrong", () => {
    const examples = blocks.filter((b) => !("faults" in b));
    expect(examples.map((b) => Object.values(b)[0]?.kind)).toEqual(["cvm", "cos", "cdn", "database", "control-plane", "replicated"]);
    const known = { clusters: [...clusters, "zs-c-hosts", "db-proxy", "edge-cache"], services: ["api", "cos-lrs", "image-service"] };
    for (const block of examples) {
      for (const [id, raw] of Object.entries(block)) {
        const parsed = serviceSchema.parse(raw) as CloudServiceInput;
        expect(checkCloudService(id, parsed, known, ["region", "services", id])).toEqual([]);
      }
    }
  });

  it("parse the fault and actions of the doc", () => {
    const doc = blocks.find((b) => "faults" in b) as unknown as { faults: Record<string, Record<string, unknown>>; operators: Record<string, { do: Record<string, unknown> }> };
    const kinds = { api: "control-plane", "orders-db": "database" };
    for (const f of Object.values(doc.faults)) {
      const { at: _a, duration: _d, ...rest } = f;
      expect(checkCloudEvent(faultSchema.parse(rest) as CloudFault, kinds, ["faults"])).toEqual([]);
    }
    for (const o of Object.values(doc.operators)) expect(checkCloudEvent(actionSchema.parse(o.do) as CloudAction, kinds, ["operators"])).toEqual([]);
  });

  it("parse the services of fixtures/scenarios/zone-storage.yaml and build them; the rules find nothing wrong", () => {
    const services = Object.keys(fixture.region.services);
    for (const [id, raw] of Object.entries(fixture.region.services)) {
      const parsed = serviceSchema.parse(raw) as CloudServiceInput;
      expect(checkCloudService(id, parsed, { clusters, services, clusterServers: servers }, ["region", "services", id])).toEqual([]);
      expect(buildServiceBehavior(id, parsed, fakeContext(servers)).inputs.length).toBeGreaterThan(0);
    }
  });

  it("show the fixture's difference: zone A down leaves the zone-redundant pool whole and the single-zone pool empty", () => {
    const ctx = fakeContext(servers);
    const build = (id: string) => buildServiceBehavior(id, serviceSchema.parse(fixture.region.services[id]) as CloudServiceInput, ctx);
    const lrs = new Driver(build("cos-lrs"));
    const zrs = new Driver(build("cos-zrs"));
    expect(lrs.set(1000, { "zs-a-storage": 0 })).toBe(0);
    expect(zrs.set(1000, { "zs-a-storage": 0 })).toBe(1);
  });

  it("reject unknown keys and mixed-up fields with the kind's own message", () => {
    expect(serviceSchema.safeParse({ kind: "cos", clusters: ["a"], replica: 3 }).success).toBe(false);
    expect(serviceSchema.safeParse({ kind: "cdn", origin: "cos", hitRatio: 1.5 }).success).toBe(false);
    expect(serviceSchema.safeParse({ kind: "database", primary: "a", replicas: [], replication: "sync" }).success).toBe(false);
    const db = serviceSchema.parse({ kind: "database", primary: "a", replicas: ["b"], failoverDetection: "45s" }) as { failoverDetection: number };
    expect(db.failoverDetection).toBe(45_000);
  });
});

describe("the cloud rules", () => {
  const known = { clusters: ["a", "b"], services: ["api", "cos"] };

  it("name an unknown cluster and list the known ones", () => {
    const problems = checkCloudService("s", { kind: "cos", zones: { x: ["a"], y: ["nope"] } }, known, ["region", "services", "s"]);
    expect(problems).toEqual([{ path: ["region", "services", "s", "zones", "y", 0], message: 'cluster "nope" is not a cluster. Name one of the region\'s clusters (known: a, b)' }]);
  });

  it("tell a service from a cluster", () => {
    const [p] = checkCloudService("cdn", { kind: "cdn", origin: "a" }, known, ["s"]);
    expect(p?.message).toContain('"a" is a cluster, not a service');
  });

  it("catch insane redundancy: both schemes, a write quorum beyond the copies, too few nodes for the copies", () => {
    const messages = (input: CloudServiceInput, servers?: Record<string, number>) =>
      checkCloudService("s", input, { ...known, clusterServers: servers }, ["s"]).map((p) => p.message);
    expect(messages({ kind: "cos", clusters: ["a"], replicas: 3, erasure: { data: 4, parity: 2 } })[0]).toMatch(/both `replicas` and `erasure`/);
    expect(messages({ kind: "cos", clusters: ["a"], erasure: { data: 4, parity: 2 }, writeQuorum: 3 })[0]).toMatch(/writeQuorum 3 is outside 4..6/);
    expect(messages({ kind: "cos", clusters: ["a"], erasure: { data: 8, parity: 4 } }, { a: 6 })[0]).toMatch(/6 nodes for 12 copies/);
    expect(messages({ kind: "replicated", clusters: ["a"], replicas: 2, needed: 3 })[0]).toMatch(/needed \(3\) is above replicas/);
  });

  it("catch VMs that do not fit, a replica on the primary's cluster, and a service naming itself", () => {
    expect(checkCloudService("c", { kind: "cvm", clusters: ["a"], vms: 1000, vmsPerServer: 10 }, { ...known, clusterServers: { a: 50 } }, ["c"])[0]?.message).toMatch(/do not fit in the 500 VM slots/);
    expect(checkCloudService("d", { kind: "database", primary: "a", replicas: ["a"] }, known, ["d"])[0]?.message).toMatch(/also the primary's cluster/);
    expect(checkCloudService("api", { kind: "control-plane", clusters: ["a"], rush: { whenDown: ["api"], loadMultiplier: 2, lasts: 1 } }, known, ["api"])[0]?.message).toMatch(/names the service itself/);
  });

  it("check that a cloud event names a service of the right kind", () => {
    expect(checkCloudEvent({ action: "failover", service: "api" }, { api: "control-plane" }, ["operators", "x", "do"])).toEqual([
      { path: ["operators", "x", "do", "service"], message: 'service "api" is a control-plane, but failover acts on a database service. Name one (none are defined)' },
    ]);
  });
});
