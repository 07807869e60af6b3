/**
 * How many writes a component stored over a time window: the integral of its write rate times the share of
 * requests it served, both step functions known at their change points, computed exactly (no sampling).
 */

/** A write rate from `atMs` on, until the next point. */
export interface WriteRatePoint {
  readonly atMs: number;
  readonly rps: number;
}

/** The share of requests served (an app's success ratio, a service's capacity) from `atMs` on. */
export interface ServedSharePoint {
  readonly atMs: number;
  readonly capacity: number;
}

/** Index of the last point at or before `atMs` (−1 when every point is later): points are sorted by time. */
function lastAtOrBefore(points: readonly { readonly atMs: number }[], atMs: number): number {
  let low = -1;
  let high = points.length;
  // Invariant: points[low].atMs <= atMs < points[high].atMs (with virtual ends).
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if ((points[mid] as { atMs: number }).atMs <= atMs) low = mid;
    else high = mid;
  }
  return low;
}

/**
 * Writes stored over [fromMs, toMs]: ∫ rps(t) × share(t) dt in units, exactly, over two step functions.
 * Before its first point a rate is 0 and a share is 1. Zero or negative windows store nothing.
 */
export function writesBetween(rates: readonly WriteRatePoint[], shares: readonly ServedSharePoint[], fromMs: number, toMs: number): number {
  if (!(toMs > fromMs)) return 0;
  let r = lastAtOrBefore(rates, fromMs);
  let s = lastAtOrBefore(shares, fromMs);
  let t = fromMs;
  let total = 0;
  while (t < toMs) {
    const nextRate = r + 1 < rates.length ? (rates[r + 1] as WriteRatePoint).atMs : Infinity;
    const nextShare = s + 1 < shares.length ? (shares[s + 1] as ServedSharePoint).atMs : Infinity;
    const until = Math.min(toMs, nextRate, nextShare);
    const rps = r < 0 ? 0 : (rates[r] as WriteRatePoint).rps;
    const share = s < 0 ? 1 : (shares[s] as ServedSharePoint).capacity;
    total += rps * share * ((until - t) / 1000);
    t = until;
    if (t === nextRate) r++;
    if (t === nextShare) s++;
  }
  return total;
}

/** Records stored corrupted out of `writes` at `perMille` per thousand (not rounded: callers round a running total once). */
export function corruptedOf(writes: number, perMille: number): number {
  return (writes * perMille) / 1000;
}
