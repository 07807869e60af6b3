/**
 * Random variates as pure functions of a uniform source `u: () => number` in [0, 1).
 *
 * Our own code rather than a library, so the number of uniforms each draw consumes is fixed
 * and documented: a stream's position after N draws never depends on the values drawn, which
 * keeps runs replayable when a model changes how it uses a draw.
 *
 * Logarithms take 1 - u, which lies in (0, 1], so log(0) cannot occur.
 */

/** A distribution as written in a scenario; every time or duration parameter is in the caller's unit. */
export type DistributionSpec =
  | { dist: "constant"; value: number }
  | { dist: "uniform"; min: number; max: number }
  /** Optional min/max truncate by clamping, so one draw still consumes exactly two uniforms. */
  | { dist: "normal"; mean: number; sd: number; min?: number; max?: number }
  /** mu and sigma are the mean and standard deviation of the underlying normal (of log x). */
  | { dist: "lognormal"; mu: number; sigma: number }
  | { dist: "exponential"; mean: number }
  | { dist: "weibull"; shape: number; scale: number };

/** The `dist` names accepted in a {@link DistributionSpec}. */
export type DistributionName = DistributionSpec["dist"];

const TWO_PI = 2 * Math.PI;

/** Draws uniformly from [min, max); consumes one uniform. */
export function drawUniform(u: () => number, min: number, max: number): number {
  if (!(max >= min)) throw new Error(`drawUniform: max (${max}) must be >= min (${min})`);
  return min + (max - min) * u();
}

/** Draws from the exponential distribution with the given mean (> 0); consumes one uniform. */
export function drawExponential(u: () => number, mean: number): number {
  if (!(mean > 0)) throw new Error(`drawExponential: mean must be > 0, got ${mean}`);
  return -mean * Math.log(1 - u());
}

/**
 * Draws from a normal distribution by Box–Muller; consumes exactly two uniforms.
 *
 * The second variate Box–Muller yields is discarded on purpose: caching it would make a draw
 * consume zero or two uniforms depending on history, so the stream position would no longer
 * be a simple count of draws.
 */
export function drawNormal(u: () => number, mean: number, sd: number): number {
  if (!(sd >= 0)) throw new Error(`drawNormal: sd must be >= 0, got ${sd}`);
  const radius = Math.sqrt(-2 * Math.log(1 - u()));
  return mean + sd * radius * Math.cos(TWO_PI * u());
}

/** Draws exp(N(mu, sigma)); mu and sigma are those of the underlying normal; consumes two uniforms. */
export function drawLognormal(u: () => number, mu: number, sigma: number): number {
  return Math.exp(drawNormal(u, mu, sigma));
}

/** Draws from the Weibull distribution (shape k > 0, scale λ > 0) by inversion; consumes one uniform. */
export function drawWeibull(u: () => number, shape: number, scale: number): number {
  if (!(shape > 0) || !(scale > 0)) throw new Error(`drawWeibull: shape and scale must be > 0, got ${shape}, ${scale}`);
  return scale * Math.pow(-Math.log(1 - u()), 1 / shape);
}

/** Draws one value from `spec`; the constant distribution consumes no uniforms. */
export function drawFrom(u: () => number, spec: DistributionSpec): number {
  switch (spec.dist) {
    case "constant":
      return spec.value;
    case "uniform":
      return drawUniform(u, spec.min, spec.max);
    case "normal": {
      const x = drawNormal(u, spec.mean, spec.sd);
      if (spec.min !== undefined && x < spec.min) return spec.min;
      if (spec.max !== undefined && x > spec.max) return spec.max;
      return x;
    }
    case "lognormal":
      return drawLognormal(u, spec.mu, spec.sigma);
    case "exponential":
      return drawExponential(u, spec.mean);
    case "weibull":
      return drawWeibull(u, spec.shape, spec.scale);
  }
}

/**
 * Analytic mean of `spec`.
 *
 * For a normal with min/max the unclamped mean is returned: clamping shifts the mean only by
 * the tail mass beyond the bounds, and the callers (reports, sanity checks) want the
 * parameter the scenario wrote, not a correction for it.
 */
export function distributionMean(spec: DistributionSpec): number {
  switch (spec.dist) {
    case "constant":
      return spec.value;
    case "uniform":
      return (spec.min + spec.max) / 2;
    case "normal":
      return spec.mean;
    case "lognormal":
      return Math.exp(spec.mu + (spec.sigma * spec.sigma) / 2);
    case "exponential":
      return spec.mean;
    case "weibull":
      return spec.scale * gamma(1 + 1 / spec.shape);
  }
}

/** Lanczos coefficients (g = 7, n = 9), accurate to about 15 significant digits. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** The gamma function Γ(x) by the Lanczos approximation, with reflection below 1/2. */
export function gamma(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return Math.sqrt(TWO_PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * sum;
}
