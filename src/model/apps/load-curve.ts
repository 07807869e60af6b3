/**
 * Surges: a load multiplier over the time since a surge began, joined linearly between breakpoints
 * and held at its last value afterwards (a sign-up flood does not go away when the table ends).
 */

/** One breakpoint of a surge: the multiplier `atMs` after the surge began. */
export interface CurvePoint {
  readonly atMs: number;
  readonly multiplier: number;
}

/** A surge's multiplier over time since its start: breakpoints sorted by time, piecewise linear, holding its last value. */
export interface LoadCurve {
  readonly points: readonly CurvePoint[];
}

/** Most breakpoints a curve may have. */
const MAX_POINTS = 10_000;

/** The curve's multiplier `sinceMs` after the surge began: its first value before the first point, its last after the last. */
export function curveMultiplier(curve: LoadCurve, sinceMs: number): number {
  const points = curve.points;
  const count = points.length;
  if (count === 0) return 1;
  const first = points[0] as CurvePoint;
  if (sinceMs <= first.atMs) return first.multiplier;
  const last = points[count - 1] as CurvePoint;
  if (sinceMs >= last.atMs) return last.multiplier;
  let low = 0;
  let high = count - 1;
  // Invariant: points[low].atMs < sinceMs < points[high].atMs.
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if ((points[mid] as CurvePoint).atMs <= sinceMs) low = mid;
    else high = mid;
  }
  const from = points[low] as CurvePoint;
  const to = points[high] as CurvePoint;
  const span = to.atMs - from.atMs;
  if (!(span > 0)) return to.multiplier;
  return from.multiplier + ((to.multiplier - from.multiplier) * (sinceMs - from.atMs)) / span;
}

/** The first breakpoint strictly after `sinceMs`, or Infinity when the curve holds its last value from then on. */
export function nextCurveChangeMs(curve: LoadCurve, sinceMs: number): number {
  for (const point of curve.points) if (point.atMs > sinceMs) return point.atMs;
  return Number.POSITIVE_INFINITY;
}

/**
 * Builds a surge from user counts over time: multiplier = users / users at t = 0, so request rate scales with
 * the user base; the first point must be at atMs 0 with users > 0, and times must increase.
 */
export function curveFromUsers(points: readonly { readonly atMs: number; readonly users: number }[]): LoadCurve {
  const first = points[0];
  if (first === undefined || first.atMs !== 0) throw new Error("curveFromUsers: the first point must be at atMs 0");
  if (!(first.users > 0) || !Number.isFinite(first.users)) throw new Error(`curveFromUsers: users at t=0 must be > 0, got ${first.users}`);
  if (points.length > MAX_POINTS) throw new Error(`curveFromUsers: at most ${MAX_POINTS} points, got ${points.length}`);
  let previousMs = -1;
  const out: CurvePoint[] = [];
  for (const { atMs, users } of points) {
    if (!(atMs > previousMs) || !Number.isFinite(atMs)) throw new Error(`curveFromUsers: times must increase, got ${atMs} after ${previousMs}`);
    if (!(users >= 0) || !Number.isFinite(users)) throw new Error(`curveFromUsers: users must be finite and ≥ 0, got ${users}`);
    out.push({ atMs, multiplier: users / first.users });
    previousMs = atMs;
  }
  return { points: out };
}

const MINUTE_MS = 60_000;

/**
 * Users of the sign-up flood of seed 002, from its start at 20:19 local: 1.25M → 1.33M (5 min) → 1.46M (10 min) →
 * 1.79M (30 min) → 2.54M (1 h) → 4.31M (~22:00) → 5M (midnight) → 7.98M (08:00) → 8.07M (09:30, entry closed).
 */
export const SEED_002_SIGNUP_USERS: readonly { readonly atMs: number; readonly users: number }[] = Object.freeze([
  { atMs: 0, users: 1_250_000 },
  { atMs: 5 * MINUTE_MS, users: 1_330_000 },
  { atMs: 10 * MINUTE_MS, users: 1_460_000 },
  { atMs: 30 * MINUTE_MS, users: 1_790_000 },
  { atMs: 60 * MINUTE_MS, users: 2_540_000 },
  { atMs: 101 * MINUTE_MS, users: 4_310_000 },
  { atMs: 221 * MINUTE_MS, users: 5_000_000 },
  { atMs: 701 * MINUTE_MS, users: 7_980_000 },
  { atMs: 791 * MINUTE_MS, users: 8_070_000 },
]);
