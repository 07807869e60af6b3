import { describe, expect, it } from "vitest";
import { evenSplits, hypergeometricPmf, survivingFraction, type ZonePool } from "../../../src/model/cloud/placement.js";
import { ObjectStorageBehavior } from "../../../src/model/cloud/object-storage.js";
import { combinations, Driver, fakeContext } from "./harness.js";

/**
 * Brute force: every placement of one object (every pattern of copies per zone, every choice of distinct nodes
 * in each zone), counted readable when at least `need` of its copies sit on up nodes; patterns equally likely.
 */
function bruteForce(zoneNodes: number[], up: boolean[][], copies: number, need: number): number {
  const patterns = evenSplits(copies, zoneNodes.length);
  let sum = 0;
  for (const pattern of patterns) {
    let placements: number[][] = [[]]; // up-copy counts per partial placement
    pattern.forEach((k, z) => {
      const next: number[][] = [];
      for (const partial of placements) {
        for (const nodes of combinations(zoneNodes[z] as number, k)) {
          next.push([...partial, nodes.filter((n) => (up[z] as boolean[])[n]).length]);
        }
      }
      placements = next;
    });
    const good = placements.filter((p) => p.reduce((a, b) => a + b, 0) >= need).length;
    sum += good / placements.length;
  }
  return sum / patterns.length;
}

/** Every up/down assignment of the nodes of the zones. */
function everyUpSet(zoneNodes: number[]): boolean[][][] {
  const total = zoneNodes.reduce((a, b) => a + b, 0);
  const out: boolean[][][] = [];
  for (let mask = 0; mask < 1 << total; mask++) {
    let bit = 0;
    out.push(zoneNodes.map((n) => Array.from({ length: n }, () => ((mask >> bit++) & 1) === 1)));
  }
  return out;
}

function pools(zoneNodes: number[], up: boolean[][]): ZonePool[] {
  return zoneNodes.map((n, z) => ({ nodes: n, good: (up[z] as boolean[]).filter(Boolean).length }));
}

describe("placement math", () => {
  it("gives hypergeometric probabilities that match the counting formula and sum to 1", () => {
    const pmf = hypergeometricPmf(10, 4, 3);
    const choose = (n: number, k: number) => combinations(n, k).length;
    pmf.forEach((p, k) => expect(p).toBeCloseTo((choose(4, k) * choose(6, 3 - k)) / choose(10, 3), 12));
    expect(pmf.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("splits copies evenly over zones, rotating the zones that hold an extra copy", () => {
    expect(evenSplits(3, 3)).toEqual([[1, 1, 1]]);
    expect(evenSplits(3, 2)).toEqual([[2, 1], [1, 2]]);
    expect(evenSplits(6, 4)).toEqual([[2, 2, 1, 1], [1, 2, 2, 1], [1, 1, 2, 2], [2, 1, 1, 2]]);
  });

  it("equals a brute-force count: 3 replicas over zones of 4 and 3 nodes, every up set, reads (1 copy) and writes (2)", () => {
    const zoneNodes = [4, 3];
    for (const up of everyUpSet(zoneNodes)) {
      for (const need of [1, 2, 3]) {
        expect(survivingFraction(pools(zoneNodes, up), evenSplits(3, 2), need)).toBeCloseTo(bruteForce(zoneNodes, up, 3, need), 12);
      }
    }
  });

  it("equals a brute-force count: erasure 4+2 in one zone of 8 nodes, every up set", () => {
    for (const up of everyUpSet([8])) {
      expect(survivingFraction(pools([8], up), evenSplits(6, 1), 4)).toBeCloseTo(bruteForce([8], up, 6, 4), 12);
    }
  });

  it("equals a brute-force count: erasure 2+1 over three zones of 3 nodes, every up set", () => {
    const zoneNodes = [3, 3, 3];
    for (const up of everyUpSet(zoneNodes)) {
      expect(survivingFraction(pools(zoneNodes, up), evenSplits(3, 3), 2)).toBeCloseTo(bruteForce(zoneNodes, up, 3, 2), 12);
    }
  });

  it("approaches 1 − (1 − u)³ for 3 replicas in a large pool", () => {
    for (const u of [0.1, 0.5, 0.9]) {
      expect(survivingFraction([{ nodes: 100_000, good: 100_000 * u }], [[3]], 1)).toBeCloseTo(1 - (1 - u) ** 3, 4);
    }
  });

  it("drives object storage's readable fraction: clusters' capacity × servers gives the nodes up, checked by brute force", () => {
    const ctx = fakeContext({ "a-1": 2, "a-2": 2, "b-1": 3 });
    const cos = new ObjectStorageBehavior("cos", { kind: "cos", zones: { a: ["a-1", "a-2"], b: ["b-1"] }, replicas: 3 }, ctx);
    const d = new Driver(cos);
    d.set(1000, { "a-1": 0.5, "a-2": 0, "b-1": 1 / 3 }); // zone a: 1 of 4 nodes up, zone b: 1 of 3
    const up = [[true, false, false, false], [true, false, false]];
    expect(cos.metrics().readableFraction).toBeCloseTo(bruteForce([4, 3], up, 3, 1), 12);
    expect(cos.metrics().writeAvailable).toBeCloseTo(bruteForce([4, 3], up, 3, 2), 12);
  });
});
