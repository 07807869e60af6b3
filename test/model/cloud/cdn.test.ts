import { describe, expect, it } from "vitest";
import { CdnBehavior } from "../../../src/model/cloud/cdn.js";
import type { CdnInput } from "../../../src/model/cloud/config.js";
import { Driver } from "./harness.js";

const M = 60_000;
const H = 60 * M;
const cdn: CdnInput = { kind: "cdn", origin: "cos", hitRatio: 0.9, ttl: H, staleIfError: 30 * M, warmup: 30 * M, originHeadroom: 3 };

describe("CDN", () => {
  it("serves cached objects through TTL plus stale-if-error while the origin is down; misses and uploads fail", () => {
    const d = new Driver(new CdnBehavior("cdn", cdn), { cos: 1 });
    expect(d.set(1 * H, { cos: 0 })).toBeCloseTo(0.9, 12);
    expect(d.behavior.metrics()).toMatchObject({ servingStale: 0, cacheWarmFraction: 1 });
    expect(d.at(1.5 * H)).toBeCloseTo(0.9, 12); // stale-if-error holds the whole cache
    expect(d.behavior.metrics().servingStale).toBe(1);
    expect(d.at(2 * H)).toBeCloseTo(0.45, 12); // half the objects are past TTL + stale-if-error
    expect(d.at(2.5 * H)).toBe(0);
    expect(d.behavior.describe?.()).toBe("origin failing: cache expired");
  });

  it("steps its capacity down over the TTL, not all at once", () => {
    const d = new Driver(new CdnBehavior("cdn", cdn), { cos: 1 });
    d.set(1 * H, { cos: 0 });
    d.at(3 * H);
    const during = d.evaluations.filter((e) => e.atMs > 1.5 * H && e.atMs < 2.5 * H).map((e) => e.capacity);
    expect(during.length).toBeGreaterThanOrEqual(15);
    expect([...during].sort((a, b) => b - a)).toEqual(during);
  });

  it("passes a partially failing origin's capacity to the misses, and refreshes expired objects with it", () => {
    const d = new Driver(new CdnBehavior("cdn", cdn), { cos: 1 });
    expect(d.set(H, { cos: 0.5 })).toBeCloseTo(0.9 + 0.1 * 0.5, 12);
    // After TTL + stale-if-error half the cache was refreshed: hits 0.45; the 0.55 of misses exceed 3× the normal 10%.
    expect(d.at(5 * H)).toBeCloseTo(0.45 + 0.55 * 0.5 * (0.3 / 0.55), 12);
    const barely = new Driver(new CdnBehavior("cdn", cdn), { cos: 1 });
    barely.set(H, { cos: 0.999 });
    expect(barely.at(5 * H)).toBeGreaterThan(0.998);
  });

  it("warms the cache after a long outage; the burst of misses is capped by the origin's headroom", () => {
    const d = new Driver(new CdnBehavior("cdn", cdn), { cos: 1 });
    d.set(1 * H, { cos: 0 });
    expect(d.set(3 * H, { cos: 1 })).toBeCloseTo(0.3, 12); // cold cache: all misses, origin absorbs 3× 10%
    expect(d.behavior.describe?.()).toBe("cache warming (0% warm)");
    expect(d.at(3 * H + 15 * M)).toBeCloseTo(0.45 + 0.55 * (0.3 / 0.55), 12);
    expect(d.at(3.5 * H)).toBe(1);
  });

  it("needs no warm-up when the origin returns within stale-if-error", () => {
    const d = new Driver(new CdnBehavior("cdn", cdn), { cos: 1 });
    d.set(1 * H, { cos: 0 });
    expect(d.set(1 * H + 20 * M, { cos: 1 })).toBe(1);
    expect(d.behavior.metrics().hitRatio).toBeCloseTo(0.9, 12);
  });

  it("multiplies by its edges' capacity when edges are modelled", () => {
    const d = new Driver(new CdnBehavior("cdn", { ...cdn, edges: ["edge-1", "edge-2"] }), { cos: 1 });
    expect(d.set(M, { "edge-1": 0 })).toBeCloseTo(0.5, 12);
  });
});
