import { describe, it, expect } from "vitest";
import { RandomStream, deriveStream } from "../../src/engine/rng.js";

function take(stream: RandomStream, n: number): number[] {
  return Array.from({ length: n }, () => stream.next());
}

describe("RandomStream", () => {
  it("yields the pinned first values for a fixed key (alea), so a library or algorithm change is caught", () => {
    const stream = new RandomStream("outage-sim");
    expect(take(stream, 3)).toEqual([0.08970804209820926, 0.3114859906490892, 0.31665238621644676]);
    expect(deriveStream(42, "chiller-1", "failure").next()).toBe(0.960974405054003);
  });

  it("yields the same sequence for the same key", () => {
    expect(take(new RandomStream("k"), 1000)).toEqual(take(new RandomStream("k"), 1000));
    expect(take(deriveStream(7, "crah-3", "restart"), 100)).toEqual(take(deriveStream("7", "crah-3", "restart"), 100));
  });

  it("yields different sequences for different seeds, component ids or purposes", () => {
    const base = take(deriveStream(1, "chiller-1", "failure"), 20);
    expect(take(deriveStream(2, "chiller-1", "failure"), 20)).not.toEqual(base);
    expect(take(deriveStream(1, "chiller-2", "failure"), 20)).not.toEqual(base);
    expect(take(deriveStream(1, "chiller-1", "repair"), 20)).not.toEqual(base);
  });

  it("does not confuse ids and purposes that concatenate to the same text", () => {
    const a = take(deriveStream(1, "a-b", "c"), 10);
    const b = take(deriveStream(1, "a", "b-c"), 10);
    expect(a).not.toEqual(b);
  });

  it("does not change one component's draws when another stream is created and used in between", () => {
    const alone = deriveStream(9, "cvm-pool", "placement");
    const expected = take(alone, 50);

    const interleaved = deriveStream(9, "cvm-pool", "placement");
    const other = deriveStream(9, "new-component", "failure");
    const actual: number[] = [];
    for (let i = 0; i < 50; i++) {
      actual.push(interleaved.next());
      other.next();
      other.normal(0, 1);
    }
    expect(actual).toEqual(expected);
  });

  it("keeps uniforms in [0, 1) and integers in 0..n-1", () => {
    const stream = new RandomStream("ranges");
    const counts = new Array<number>(6).fill(0);
    let outOfRange = 0;
    for (let i = 0; i < 60_000; i++) {
      const u = stream.next();
      if (!(u >= 0 && u < 1)) outOfRange++;
      const k = stream.int(6);
      counts[k] = counts[k]! + 1;
    }
    expect(outOfRange).toBe(0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(60_000);
    expect(counts.every((c) => Math.abs(c - 10_000) < 500)).toBe(true);
  });

  it("draws bernoulli(p) true with frequency close to p, and never for p = 0 or always for p = 1", () => {
    const stream = new RandomStream("bernoulli");
    let hits = 0;
    for (let i = 0; i < 100_000; i++) if (stream.bernoulli(0.3)) hits++;
    expect(Math.abs(hits / 100_000 - 0.3)).toBeLessThan(0.01);
    for (let i = 0; i < 1000; i++) {
      expect(stream.bernoulli(0)).toBe(false);
      expect(stream.bernoulli(1)).toBe(true);
    }
  });

  it("draws uniform(min, max) within [min, max)", () => {
    const stream = new RandomStream("uniform");
    let outOfRange = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = stream.uniform(-3, 5);
      if (!(x >= -3 && x < 5)) outOfRange++;
    }
    expect(outOfRange).toBe(0);
  });

  it("consumes exactly two uniforms per normal draw, one per exponential or weibull, so positions stay predictable", () => {
    const a = new RandomStream("positions");
    const b = new RandomStream("positions");
    a.normal(0, 1);
    a.lognormal(0, 1);
    a.exponential(3);
    a.weibull(2, 1);
    a.sample({ dist: "constant", value: 1 });
    take(b, 2 + 2 + 1 + 1);
    expect(a.next()).toBe(b.next());
  });

  it("rejects invalid int and bernoulli parameters", () => {
    const stream = new RandomStream("bad");
    expect(() => stream.int(0)).toThrow(/int/);
    expect(() => stream.int(2.5)).toThrow(/int/);
    expect(() => stream.bernoulli(1.5)).toThrow(/bernoulli/);
    expect(() => stream.bernoulli(NaN)).toThrow(/bernoulli/);
  });
});
