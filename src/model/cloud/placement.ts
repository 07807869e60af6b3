// Placement math: how many of an object's (or a shard group's) copies survive when a known
// number of nodes is up in each zone. Copies of one object sit on distinct nodes, chosen
// uniformly, so the up copies within a zone follow a hypergeometric law; zones are
// independent pools, so the total is the convolution of the zones' laws. This is exact for
// a placement that picks distinct nodes uniformly at random (checked against brute-force
// enumeration in test/model/cloud/placement.test.ts).

/** One zone as a pool of nodes, of which `good` are usable (up, or undamaged). */
export interface ZonePool {
  readonly nodes: number;
  readonly good: number;
}

/** Binomial probabilities P(k successes of `draws`), k = 0..draws. */
export function binomialPmf(p: number, draws: number): number[] {
  const out: number[] = [];
  let c = 1;
  for (let k = 0; k <= draws; k++) {
    out.push(c * Math.pow(p, k) * Math.pow(1 - p, draws - k));
    c = (c * (draws - k)) / (k + 1);
  }
  return out;
}

/**
 * Hypergeometric probabilities P(k good of `draws` distinct nodes drawn from `nodes` of which `good` are good), k = 0..draws.
 * With more draws than nodes, copies must share nodes: each copy then lands on a good node with probability good/nodes.
 */
export function hypergeometricPmf(nodes: number, good: number, draws: number): number[] {
  if (nodes <= 0) return [1, ...new Array<number>(draws).fill(0)];
  const g = Math.max(0, Math.min(nodes, good));
  if (draws > nodes) return binomialPmf(g / nodes, draws);
  const out: number[] = [];
  let choose = 1; // C(draws, k)
  for (let k = 0; k <= draws; k++) {
    let p = choose;
    // C(g,k)·C(n−g,d−k)/C(n,d) = C(d,k) · Π(g−i)/(n−i) · Π(n−g−j)/(n−k−j): ratios keep the product in range.
    for (let i = 0; i < k && p > 0; i++) p *= (g - i) / (nodes - i);
    for (let j = 0; j < draws - k && p > 0; j++) p *= (nodes - g - j) / (nodes - k - j);
    out.push(Math.max(0, p));
    choose = (choose * (draws - k)) / (k + 1);
  }
  return out;
}

/**
 * How `copies` are split over `zones` zones: as evenly as possible; when it does not divide, the
 * zones holding one extra copy rotate, each rotation being an equally likely placement pattern.
 */
export function evenSplits(copies: number, zones: number): number[][] {
  if (zones <= 1) return [[copies]];
  const base = Math.floor(copies / zones);
  const extra = copies % zones;
  if (extra === 0) return [new Array<number>(zones).fill(base)];
  const patterns: number[][] = [];
  for (let r = 0; r < zones; r++) {
    const pattern = new Array<number>(zones).fill(base);
    for (let j = 0; j < extra; j++) pattern[(r + j) % zones] = base + 1;
    patterns.push(pattern);
  }
  return patterns;
}

/** Probabilities of 0..copies good copies of the `copies` an object keeps in one zone. */
export type ZonePmf = (zone: number, copies: number) => number[];

/** Distribution of the number of good copies of one object placed by `pattern` (copies per zone). */
export function goodCopiesPmf(zonePmf: ZonePmf, pattern: readonly number[]): number[] {
  let dist = [1];
  pattern.forEach((copies, z) => {
    if (copies <= 0) return;
    const pmf = zonePmf(z, copies);
    const next = new Array<number>(dist.length + copies).fill(0);
    for (let a = 0; a < dist.length; a++) {
      for (let b = 0; b <= copies; b++) next[a + b] = (next[a + b] as number) + (dist[a] as number) * (pmf[b] as number);
    }
    dist = next;
  });
  return dist;
}

/** Fraction of objects with at least `need` good copies, over placement patterns weighted by `weights` (default: equally likely). */
export function survivingFractionWith(zonePmf: ZonePmf, patterns: readonly (readonly number[])[], need: number, weights?: readonly number[]): number {
  if (patterns.length === 0) return 1;
  let sum = 0;
  let total = 0;
  patterns.forEach((pattern, i) => {
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (!(w > 0)) return;
    const dist = goodCopiesPmf(zonePmf, pattern);
    let p = 0;
    for (let k = Math.max(0, need); k < dist.length; k++) p += dist[k] as number;
    sum += w * p;
    total += w;
  });
  return total <= 0 ? 1 : Math.max(0, Math.min(1, sum / total));
}

/** Fraction of objects with at least `need` good copies when copies sit on distinct nodes of each zone's pool. */
export function survivingFraction(pools: readonly ZonePool[], patterns: readonly (readonly number[])[], need: number): number {
  return survivingFractionWith((z, copies) => {
    const pool = pools[z] as ZonePool;
    return hypergeometricPmf(pool.nodes, pool.good, copies);
  }, patterns, need);
}
