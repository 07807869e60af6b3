import { describe, expect, it } from "vitest";
import { ObjectStorageBehavior } from "../../../src/model/cloud/object-storage.js";
import { hypergeometricPmf } from "../../../src/model/cloud/placement.js";
import { Driver, fakeContext } from "./harness.js";

const H = 3_600_000;
const servers = { a: 100, b: 100, c: 100 };

describe("object storage", () => {
  it("loses every object of a single-zone pool when its zone fails, and none of a 3-zone pool", () => {
    const ctx = fakeContext(servers);
    const single = new Driver(new ObjectStorageBehavior("lrs", { kind: "cos", clusters: ["a"] }, ctx));
    const multi = new Driver(new ObjectStorageBehavior("zrs", { kind: "cos", zones: { a: ["a"], b: ["b"], c: ["c"] } }, ctx));
    expect(single.set(1000, { a: 0 })).toBe(0);
    expect(multi.set(1000, { a: 0 })).toBe(1);
    expect(single.behavior.metrics()).toMatchObject({ readableFraction: 0, writeAvailable: 0 });
    expect(multi.behavior.metrics()).toMatchObject({ readableFraction: 1, writeAvailable: 1 });
  });

  it("keeps reads but halves writes when one of two zones holding 3 replicas fails (2+1 split, quorum 2)", () => {
    const d = new Driver(new ObjectStorageBehavior("s", { kind: "cos", zones: { a: ["a"], b: ["b"] } }, fakeContext(servers)));
    const capacity = d.set(1000, { b: 0 });
    expect(d.behavior.metrics()).toMatchObject({ readableFraction: 1, writeAvailable: 0.5 });
    expect(capacity).toBeCloseTo(0.8 * 1 + 0.2 * 0.5, 12);
  });

  it("reads erasure-coded objects while at least k shards are up: 4+2 loses objects only past 2 failed shards", () => {
    const d = new Driver(new ObjectStorageBehavior("ec", { kind: "cos", clusters: ["a"], erasure: { data: 4, parity: 2 } }, fakeContext({ a: 10 })));
    d.set(1000, { a: 0.7 }); // 7 of 10 nodes up
    const pmf = hypergeometricPmf(10, 7, 6);
    expect(d.behavior.metrics().readableFraction).toBeCloseTo((pmf[4] as number) + (pmf[5] as number) + (pmf[6] as number), 12);
  });

  it("serves returning nodes only after the integrity check, then caps capacity while it rebuilds", () => {
    const d = new Driver(new ObjectStorageBehavior("s", { kind: "cos", clusters: ["a"], integrityCheck: 2 * H, rebuild: 3 * H, rebuildCapacity: 0.6 }, fakeContext(servers)));
    d.set(1 * H, { a: 0 });
    expect(d.capacity).toBe(0);
    d.set(5 * H, { a: 1 });
    expect(d.capacity).toBe(0);
    expect(d.behavior.metrics().nodesChecking).toBe(100);
    expect(d.at(7 * H - 1)).toBe(0);
    expect(d.at(7 * H)).toBe(0.6);
    expect(d.behavior.describe?.()).toContain("rebuilding until t+10h00m");
    expect(d.at(10 * H - 1)).toBe(0.6);
    expect(d.at(10 * H)).toBe(1);
    expect(d.behavior.metrics().rebuilding).toBe(0);
  });

  it("abandons the check of nodes that fail again before it ends", () => {
    const d = new Driver(new ObjectStorageBehavior("s", { kind: "cos", clusters: ["a"], integrityCheck: 2 * H, rebuild: 0 }, fakeContext(servers)));
    d.set(1 * H, { a: 0 });
    d.set(2 * H, { a: 1 });
    d.set(3 * H, { a: 0.5 });
    expect(d.behavior.metrics().nodesChecking).toBe(50);
    expect(d.at(4 * H)).toBeGreaterThan(0);
    expect(d.behavior.metrics().nodesUsable).toBe(50);
  });

  it("counts objects whose every replica sat on damaged nodes as lost, once, with the cause that damaged them", () => {
    const damaged: Record<string, number> = {};
    const ctx = fakeContext({ a: 10 }, damaged);
    const d = new Driver(new ObjectStorageBehavior("s", { kind: "cos", clusters: ["a"], objects: 1_000_000 }, ctx));
    damaged.a = 0.3; // 3 of 10 nodes damaged: P(all 3 replicas damaged) = C(3,3)/C(10,3) = 1/120
    d.cause = 42;
    d.set(1000, { a: 0 });
    d.evaluate(); // evaluated again at the same instant: no double count
    expect(d.behavior.metrics().objectsLost).toBe(Math.round(1_000_000 / 120));
    expect(d.ledger.all()).toEqual([
      expect.objectContaining({ component: "s", kind: "written", count: 1_000_000, unit: "objects", cause: 42 }),
      expect.objectContaining({ component: "s", kind: "lost", count: 8333, unit: "objects", cause: 42 }),
    ]);
    damaged.a = 0; // repaired hardware does not bring the data back
    d.set(2000, { a: 1 });
    expect(d.ledger.acknowledgedLost()).toBe(8333);
  });

  it("loses nothing while fewer nodes are damaged than copies in a multi-zone layout", () => {
    const damaged: Record<string, number> = { a: 1 };
    const d = new Driver(new ObjectStorageBehavior("s", { kind: "cos", zones: { a: ["a"], b: ["b"], c: ["c"] } }, fakeContext(servers, damaged)));
    d.set(1000, { a: 0 });
    expect(d.ledger.all()).toEqual([]);
  });
});

describe("object storage rebuild", () => {
  it("holds back only a pool whose objects were unreadable: a multi-zone pool is not slowed by its returning zone", () => {
    const ctx = fakeContext(servers);
    const d = new Driver(new ObjectStorageBehavior("s", { kind: "cos", zones: { a: ["a"], b: ["b"] }, replicas: 4, writeQuorum: 2, integrityCheck: H, rebuild: 4 * H }, ctx));
    expect(d.set(1 * H, { a: 0 })).toBe(1);
    d.set(2 * H, { a: 1 });
    expect(d.at(3 * H)).toBe(1);
    expect(d.behavior.metrics().rebuilding).toBe(0);
  });
});
