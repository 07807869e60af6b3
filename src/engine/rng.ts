/**
 * Seeded random streams: the only source of randomness in a run, and the only home of seedrandom.
 *
 * Each (seed, component, purpose) triple owns an independent stream, so adding a component
 * or a new use of randomness never shifts the draws of another: results stay comparable
 * across scenario edits, and any run replays from its seed.
 */
import seedrandom from "seedrandom";
import {
  drawExponential,
  drawFrom,
  drawLognormal,
  drawNormal,
  drawUniform,
  drawWeibull,
  type DistributionSpec,
} from "./distributions.js";

/** Largest n accepted by {@link RandomStream.int}: a uniform draw carries 32 bits. */
const INT_RANGE_MAX = 2 ** 32;

/** A deterministic stream of random numbers keyed by a string (alea generator: fast, 32-bit uniforms). */
export class RandomStream {
  /** The uniform source; alea's plain call returns a double in [0, 1) with 32 random bits. */
  private readonly u: () => number;

  /** Creates the stream for `key`; equal keys always give equal sequences. */
  constructor(key: string) {
    this.u = seedrandom.alea(key);
  }

  /** Next uniform value in [0, 1). */
  next(): number {
    return this.u();
  }

  /** Uniform value in [min, max). */
  uniform(min: number, max: number): number {
    return drawUniform(this.u, min, max);
  }

  /** Uniform integer in 0..n-1; consumes one uniform. */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > INT_RANGE_MAX) {
      throw new Error(`RandomStream.int: n must be an integer in [1, ${INT_RANGE_MAX}], got ${n}`);
    }
    return Math.floor(this.u() * n);
  }

  /** True with probability p (0 <= p <= 1); consumes one uniform. */
  bernoulli(p: number): boolean {
    if (!(p >= 0 && p <= 1)) throw new Error(`RandomStream.bernoulli: p must be in [0, 1], got ${p}`);
    return this.u() < p;
  }

  /** Exponential variate with the given mean. */
  exponential(mean: number): number {
    return drawExponential(this.u, mean);
  }

  /** Normal variate; consumes exactly two uniforms. */
  normal(mean: number, sd: number): number {
    return drawNormal(this.u, mean, sd);
  }

  /** Lognormal variate; mu and sigma are the parameters of the underlying normal. */
  lognormal(mu: number, sigma: number): number {
    return drawLognormal(this.u, mu, sigma);
  }

  /** Weibull variate with shape k and scale λ. */
  weibull(shape: number, scale: number): number {
    return drawWeibull(this.u, shape, scale);
  }

  /** One draw from a distribution spec. */
  sample(spec: DistributionSpec): number {
    return drawFrom(this.u, spec);
  }
}

/**
 * Returns the stream of one component's use of randomness in a run.
 *
 * The key joins the parts with NUL, which cannot occur in ids, so ("a-b", "c") and ("a", "b-c")
 * never collide; a numeric seed and its decimal string name the same stream.
 */
export function deriveStream(seed: number | string, componentId: string, purpose: string): RandomStream {
  return new RandomStream(`${seed}\u0000${componentId}\u0000${purpose}`);
}
