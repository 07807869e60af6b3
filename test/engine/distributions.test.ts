import { describe, it, expect } from "vitest";
import {
  distributionMean,
  drawFrom,
  gamma,
  type DistributionSpec,
} from "../../src/engine/distributions.js";
import { RandomStream } from "../../src/engine/rng.js";

const DRAWS = 200_000;

interface Moments {
  mean: number;
  variance: number;
  min: number;
  max: number;
}

function moments(spec: DistributionSpec, key: string): Moments {
  const stream = new RandomStream(key);
  const u = (): number => stream.next();
  let sum = 0;
  let sumSquares = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < DRAWS; i++) {
    const x = drawFrom(u, spec);
    sum += x;
    sumSquares += x * x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / DRAWS;
  return { mean, variance: sumSquares / DRAWS - mean * mean, min, max };
}

/**
 * Expected (mean, variance) of each distribution. The mean is checked within 5 standard errors;
 * the variance within a relative tolerance chosen per distribution's tail weight.
 */
const cases: Array<{ name: string; spec: DistributionSpec; variance: number; varianceTolerance: number }> = [
  { name: "uniform(2, 10)", spec: { dist: "uniform", min: 2, max: 10 }, variance: 64 / 12, varianceTolerance: 0.02 },
  { name: "normal(50, 7)", spec: { dist: "normal", mean: 50, sd: 7 }, variance: 49, varianceTolerance: 0.02 },
  {
    name: "lognormal(1, 0.5)",
    spec: { dist: "lognormal", mu: 1, sigma: 0.5 },
    variance: (Math.exp(0.25) - 1) * Math.exp(2 + 0.25),
    varianceTolerance: 0.05,
  },
  { name: "exponential(300)", spec: { dist: "exponential", mean: 300 }, variance: 300 * 300, varianceTolerance: 0.05 },
  {
    name: "weibull(1.5, 1000)",
    spec: { dist: "weibull", shape: 1.5, scale: 1000 },
    variance: 1000 ** 2 * (gamma(1 + 2 / 1.5) - gamma(1 + 1 / 1.5) ** 2),
    varianceTolerance: 0.03,
  },
  {
    name: "weibull(3, 40)",
    spec: { dist: "weibull", shape: 3, scale: 40 },
    variance: 40 ** 2 * (gamma(1 + 2 / 3) - gamma(1 + 1 / 3) ** 2),
    varianceTolerance: 0.03,
  },
];

describe("distributions", () => {
  for (const { name, spec, variance, varianceTolerance } of cases) {
    it(`${name}: sample mean and variance over ${DRAWS} draws match the analytic values`, () => {
      const observed = moments(spec, `moments ${name}`);
      const mean = distributionMean(spec);
      const standardError = Math.sqrt(variance / DRAWS);
      expect(Math.abs(observed.mean - mean)).toBeLessThan(5 * standardError);
      expect(Math.abs(observed.variance / variance - 1)).toBeLessThan(varianceTolerance);
    });
  }

  it("constant: always returns its value and consumes no uniforms", () => {
    let calls = 0;
    const u = (): number => {
      calls++;
      return 0.5;
    };
    for (let i = 0; i < 100; i++) expect(drawFrom(u, { dist: "constant", value: 17 })).toBe(17);
    expect(calls).toBe(0);
    expect(distributionMean({ dist: "constant", value: 17 })).toBe(17);
  });

  it("weibull with shape 1 has the mean of the exponential with the same scale, analytically and in samples", () => {
    const weibull: DistributionSpec = { dist: "weibull", shape: 1, scale: 250 };
    const exponential: DistributionSpec = { dist: "exponential", mean: 250 };
    expect(distributionMean(weibull)).toBeCloseTo(distributionMean(exponential), 9);
    const w = moments(weibull, "shape-one");
    const e = moments(exponential, "shape-one");
    // Same key, one uniform per draw, same inverse transform: the samples coincide.
    expect(w.mean).toBeCloseTo(e.mean, 6);
    expect(Math.abs(w.mean - 250)).toBeLessThan(5 * Math.sqrt((250 * 250) / DRAWS));
  });

  it("normal with min/max never leaves [min, max], and reaches both bounds when they cut the tails", () => {
    const spec: DistributionSpec = { dist: "normal", mean: 10, sd: 5, min: 5, max: 12 };
    const observed = moments(spec, "clamped");
    expect(observed.min).toBe(5);
    expect(observed.max).toBe(12);
  });

  it("normal with only a lower bound never goes below it", () => {
    const observed = moments({ dist: "normal", mean: 1, sd: 3, min: 0 }, "lower only");
    expect(observed.min).toBe(0);
    expect(observed.max).toBeGreaterThan(10);
  });

  it("reports the unclamped mean for a clamped normal", () => {
    expect(distributionMean({ dist: "normal", mean: 10, sd: 5, min: 9, max: 30 })).toBe(10);
  });

  it("never takes log(0): a uniform source returning exactly 0 gives finite draws", () => {
    const zero = (): number => 0;
    const specs: DistributionSpec[] = [
      { dist: "exponential", mean: 1 },
      { dist: "normal", mean: 0, sd: 1 },
      { dist: "lognormal", mu: 0, sigma: 1 },
      { dist: "weibull", shape: 2, scale: 1 },
    ];
    for (const spec of specs) expect(Number.isFinite(drawFrom(zero, spec))).toBe(true);
  });

  it("computes gamma accurately at known points", () => {
    expect(gamma(1)).toBeCloseTo(1, 12);
    expect(gamma(5)).toBeCloseTo(24, 9);
    expect(gamma(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 12);
    expect(gamma(1.5)).toBeCloseTo(Math.sqrt(Math.PI) / 2, 12);
  });

  it("rejects parameters that would produce NaN", () => {
    const u = (): number => 0.5;
    expect(() => drawFrom(u, { dist: "exponential", mean: 0 })).toThrow(/mean/);
    expect(() => drawFrom(u, { dist: "normal", mean: 0, sd: -1 })).toThrow(/sd/);
    expect(() => drawFrom(u, { dist: "weibull", shape: 0, scale: 1 })).toThrow(/shape/);
    expect(() => drawFrom(u, { dist: "uniform", min: 2, max: 1 })).toThrow(/min/);
  });
});
