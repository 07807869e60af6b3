import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/engine/simulation.js";
import { deriveStream } from "../../../src/engine/rng.js";
import type { ModelContext } from "../../../src/model/core/context.js";
import { DataLedger } from "../../../src/model/core/data-ledger.js";
import { PropagationNetwork } from "../../../src/model/core/propagation.js";
import { TraceRecorder } from "../../../src/model/core/trace.js";
import { DatabaseBehavior } from "../../../src/model/cloud/database.js";
import type { DatabaseInput } from "../../../src/model/cloud/config.js";
import { applyCloudEvent } from "../../../src/model/cloud/index.js";
import { Driver } from "./harness.js";

const S = 1000;
const M = 60 * S;
const db: DatabaseInput = {
  kind: "database", primary: "p", replicas: ["r1", "r2"], replication: "async", replicationLag: 2 * S, writesPerSecond: 500,
  failoverDetection: 30 * S, failoverPromotion: 60 * S,
};

describe("database", () => {
  it("fails over after detection plus promotion; replicas serve reads meanwhile", () => {
    const d = new Driver(new DatabaseBehavior("db", db));
    expect(d.set(10 * S, { p: 0 })).toBeCloseTo(0.7, 12);
    expect(d.behavior.describe?.()).toBe("primary on p unreachable, detection until t+1m");
    expect(d.at(40 * S)).toBeCloseTo(0.7, 12);
    expect(d.behavior.describe?.()).toBe("failover in progress until t+2m");
    expect(d.at(100 * S - 1)).toBeCloseTo(0.7, 12);
    expect(d.at(100 * S)).toBe(1);
    expect(d.behavior.metrics()).toMatchObject({ failovers: 1, failoverInProgress: 0, writeAvailable: 1 });
    expect((d.behavior as DatabaseBehavior).primaryCluster).toBe("r1");
  });

  it("asynchronous replication loses writesPerSecond × lag acknowledged writes at failover, in the ledger with its cause", () => {
    const d = new Driver(new DatabaseBehavior("db", db));
    d.cause = 5;
    d.set(10 * S, { p: 0 });
    d.at(200 * S);
    expect(d.ledger.all()).toEqual([
      // What the loss is out of: 500 writes/s for the 100 s before it.
      expect.objectContaining({ component: "db", kind: "written", count: 50_000, unit: "writes", cause: 5, atMs: 100 * S }),
      expect.objectContaining({ component: "db", kind: "lost", count: 1000, unit: "writes", cause: 5, atMs: 100 * S }),
    ]);
    expect(d.behavior.metrics().lostWritesTotal).toBe(1000);
  });

  it("synchronous replication loses no write", () => {
    const d = new Driver(new DatabaseBehavior("db", { ...db, replication: "sync" }));
    d.set(10 * S, { p: 0 });
    expect(d.at(200 * S)).toBe(1);
    expect(d.ledger.all()).toEqual([]);
    expect(d.ledger.acknowledgedLost()).toBe(0);
  });

  it("does not fail over when the primary returns during detection", () => {
    const d = new Driver(new DatabaseBehavior("db", db));
    d.set(10 * S, { p: 0 });
    expect(d.set(30 * S, { p: 1 })).toBe(1);
    d.at(10 * M);
    expect(d.behavior.metrics().failovers).toBe(0);
  });

  it("blocks clients through a proxy in the failed zone even after the data failed over", () => {
    const d = new Driver(new DatabaseBehavior("db", { ...db, proxy: ["px"] }));
    d.set(10 * S, { p: 0, px: 0 });
    expect(d.at(200 * S)).toBe(0);
    expect(d.behavior.metrics()).toMatchObject({ failovers: 1, writeAvailable: 1 });
  });

  it("waits with no replica up, and promotes one when it returns", () => {
    const d = new Driver(new DatabaseBehavior("db", db));
    d.set(10 * S, { p: 0, r1: 0, r2: 0 });
    expect(d.at(5 * M)).toBe(0);
    expect(d.behavior.describe?.()).toContain("no replica to promote");
    d.set(10 * M, { r2: 1 });
    expect(d.at(11 * M)).toBe(1);
    expect((d.behavior as DatabaseBehavior).primaryCluster).toBe("r2");
  });

  it("with automatic failover off, promotes only on an operator's failover action", () => {
    const behavior = new DatabaseBehavior("db", { ...db, autoFailover: false });
    const d = new Driver(behavior);
    d.set(10 * S, { p: 0 });
    expect(d.at(10 * M)).toBeCloseTo(0.7, 12);
    expect(applyCloudEvent(behavior, { action: "failover", service: "db", to: "r2" }, 10 * M)).toBe(true);
    d.evaluate();
    expect(d.at(11 * M)).toBe(1);
    expect(behavior.primaryCluster).toBe("r2");
    expect(d.ledger.acknowledgedLost()).toBe(1000);
  });

  it("loses nothing in a planned switchover while the primary is up", () => {
    const behavior = new DatabaseBehavior("db", db);
    const d = new Driver(behavior);
    applyCloudEvent(behavior, { action: "failover", service: "db" }, 0);
    d.evaluate();
    d.at(2 * M);
    expect(behavior.primaryCluster).toBe("r1");
    expect(d.ledger.all()).toEqual([]);
  });

  it("inside the propagation network: wakes itself at promotion and records the transitions and the loss with causes", () => {
    const sim = new Simulation();
    const trace = new TraceRecorder();
    const ledger = new DataLedger();
    const ctx: ModelContext = { sim, trace, stream: (id, p) => deriveStream(1, id, p), capacityChanged: () => undefined };
    const sources: Record<string, number> = { p: 1, r1: 1, r2: 1 };
    const net = new PropagationNetwork(
      [{ id: "db", layer: "cloud", runsOn: [], dependsOn: [], degradedBelow: 0.99, downBelow: 0.5, measure: "capacity", behavior: new DatabaseBehavior("db", db) }],
      ctx, (id) => sources[id] ?? 1, ledger,
    );
    const kill = sim.registerKind("kill", (s) => {
      sources.p = 0;
      net.inputChanged("p", trace.record({ atMs: s.nowMs, component: "p", layer: "compute", from: "healthy", to: "down", causes: [], aspect: "health", atWork: false }));
    });
    sim.scheduleAt(kill, 10 * S, 0, 5);
    sim.run({ horizonMs: 10 * M, maxEvents: 1000 });
    expect(net.history("db")).toEqual([{ atMs: 0, capacity: 1 }, { atMs: 10 * S, capacity: 0.7 }, { atMs: 100 * S, capacity: 1 }]);
    const [cluster, degraded, healthy] = trace.all();
    expect(degraded).toMatchObject({ component: "db", to: "degraded", causes: [cluster!.id], detail: "capacity 70%: primary on p unreachable, detection until t+1m" });
    expect(healthy).toMatchObject({ atMs: 100 * S, to: "healthy" });
    expect(ledger.all().filter((e) => e.kind === "lost")).toEqual([expect.objectContaining({ count: 1000, cause: cluster!.id })]);
    expect(net.metric("db", "lostWritesTotal")).toBe(1000);
  });
});
