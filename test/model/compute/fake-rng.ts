import type { DistributionSpec } from "../../../src/engine/distributions.js";
import type { RandomStream } from "../../../src/engine/rng.js";

/** A small deterministic stand-in for the engine's RandomStream (mulberry32), for unit tests of pure code. */
export function fakeRng(seed: number): RandomStream {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (mean: number, sd: number): number => {
    const u = Math.max(next(), 1e-12);
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  const sample = (spec: DistributionSpec): number => {
    switch (spec.dist) {
      case "constant": return spec.value;
      case "uniform": return spec.min + (spec.max - spec.min) * next();
      case "normal": return Math.min(spec.max ?? Infinity, Math.max(spec.min ?? -Infinity, normal(spec.mean, spec.sd)));
      case "lognormal": return Math.exp(normal(spec.mu, spec.sigma));
      case "exponential": return -spec.mean * Math.log(1 - next());
      case "weibull": return spec.scale * Math.pow(-Math.log(1 - next()), 1 / spec.shape);
    }
  };
  return {
    next,
    uniform: (lo: number, hi: number) => lo + (hi - lo) * next(),
    int: (n: number) => Math.floor(next() * n),
    bernoulli: (p: number) => next() < p,
    exponential: (mean: number) => -mean * Math.log(1 - next()),
    normal,
    lognormal: (mu: number, sigma: number) => Math.exp(normal(mu, sigma)),
    weibull: (shape: number, scale: number) => scale * Math.pow(-Math.log(1 - next()), 1 / shape),
    sample,
  } as unknown as RandomStream;
}
