import { describe, expect, it } from "vitest";
import { ControlPlaneBehavior } from "../../../src/model/cloud/control-plane.js";
import { ReplicatedBehavior } from "../../../src/model/cloud/replicated.js";
import { applyCloudEvent, clearCloudEvent } from "../../../src/model/cloud/index.js";
import { Driver, fakeContext } from "./harness.js";

const M = 60_000;
const H = 60 * M;

describe("control plane", () => {
  it("throttles to supply/demand while customers rush to re-create resources after a zone fails (Alibaba HK: ~20% for ~8 h)", () => {
    const d = new Driver(new ControlPlaneBehavior("api", { kind: "control-plane", clusters: ["ctl"], headroom: 2, rush: { whenDown: ["zone-c"], loadMultiplier: 10, lasts: 8 * H } }));
    expect(d.capacity).toBe(1);
    expect(d.set(1 * H, { "zone-c": 0 })).toBeCloseTo(0.2, 12);
    expect(d.behavior.describe?.()).toBe("demand 10× normal until t+9h00m, throttling 80% of requests");
    expect(d.set(3 * H, { "zone-c": 1 })).toBeCloseTo(0.2, 12); // the rush outlasts the zone's recovery
    expect(d.at(9 * H - 1)).toBeCloseTo(0.2, 12);
    expect(d.at(9 * H)).toBe(1);
  });

  it("cannot bring capacity back while a start-up dependency is down", () => {
    const d = new Driver(new ControlPlaneBehavior("api", { kind: "control-plane", clusters: ["ctl"], headroom: 1, startupDependsOn: ["image-svc"] }));
    d.set(1 * H, { ctl: 0.4, "image-svc": 0 });
    expect(d.capacity).toBeCloseTo(0.4, 12);
    expect(d.set(2 * H, { ctl: 1 })).toBeCloseTo(0.4, 12); // servers back, but cannot start
    expect(d.behavior.describe?.()).toContain("new capacity cannot start");
    expect(d.set(3 * H, { "image-svc": 1 })).toBe(1);
  });

  it("adds scale-out capacity only once its start-up dependency is back", () => {
    const api = new ControlPlaneBehavior("api", { kind: "control-plane", clusters: ["ctl"], headroom: 1, startupDependsOn: ["image-svc"] });
    const d = new Driver(api);
    expect(applyCloudEvent(api, { type: "cloud:api-rush", service: "api", loadMultiplier: 4 }, H)).toBe(true);
    expect(d.set(H, { "image-svc": 0 })).toBeCloseTo(0.25, 12);
    applyCloudEvent(api, { action: "scale-out", service: "api", capacity: 1 }, 2 * H);
    expect(d.set(2 * H, {})).toBeCloseTo(0.25, 12);
    expect(api.metrics().pendingCapacity).toBe(1);
    expect(d.set(3 * H, { "image-svc": 1 })).toBeCloseTo(0.5, 12);
    expect(clearCloudEvent(api, { type: "cloud:api-rush", service: "api", loadMultiplier: 4 }, 4 * H)).toBe(true);
    expect(d.set(4 * H, {})).toBe(1);
  });
});

describe("replicated", () => {
  const ctx = fakeContext({ a: 50, b: 50, c: 50 });

  it("keeps every 2-of-3 quorum with one of three zones down, and none with two down", () => {
    const d = new Driver(new ReplicatedBehavior("kv", { kind: "replicated", zones: { a: ["a"], b: ["b"], c: ["c"] }, replicas: 3 }, ctx));
    expect(d.set(M, { a: 0 })).toBe(1);
    expect(d.set(2 * M, { b: 0 })).toBe(0);
  });

  it("serves a stateless pool (needed 1) from any member up", () => {
    const d = new Driver(new ReplicatedBehavior("web", { kind: "replicated", clusters: ["a"], replicas: 2, needed: 1 }, ctx));
    expect(d.set(M, { a: 0.5 })).toBeCloseTo(1 - (25 * 24) / (50 * 49), 12);
  });
});
