/**
 * Daily load curves: how an app's request rate moves with the scenario's local time of day.
 *
 * A profile is a list of breakpoints joined by straight lines, wrapping at midnight (the segment
 * after the last breakpoint runs to the first one of the next day). Multipliers are relative to
 * the app's peak rate, so 1 is the busiest moment of the day for the built-in profiles.
 */

/** Minutes in a day: profiles wrap at this period. */
export const MINUTES_PER_DAY = 1440;

/** One breakpoint of a daily profile: the multiplier at a local minute of the day (0 ≤ minute < 1440). */
export interface ProfilePoint {
  readonly minuteOfDay: number;
  readonly multiplier: number;
}

/** A daily load curve: breakpoints sorted by minute, joined linearly, wrapping at 24 h. */
export interface LoadProfile {
  readonly points: readonly ProfilePoint[];
}

/** Most breakpoints a profile may have: one a minute. */
const MAX_POINTS = MINUTES_PER_DAY;

/**
 * Builds a profile from (hour, multiplier) rows with hours in 0..24 (fractions allowed, 12.5 is 12:30);
 * an hour of 24 is midnight of the next day and must agree with hour 0 when both are given.
 */
export function profileFromTable(table: readonly (readonly [hour: number, multiplier: number])[]): LoadProfile {
  if (table.length === 0) throw new Error("profileFromTable: a profile needs at least one point");
  if (table.length > MAX_POINTS + 1) throw new Error(`profileFromTable: at most ${MAX_POINTS} points, got ${table.length}`);
  const byMinute = new Map<number, number>();
  for (const [hour, multiplier] of table) {
    if (!(hour >= 0 && hour <= 24)) throw new Error(`profileFromTable: hour must be in 0..24, got ${hour}`);
    if (!(multiplier >= 0) || !Number.isFinite(multiplier)) throw new Error(`profileFromTable: multiplier must be finite and ≥ 0, got ${multiplier}`);
    const minuteOfDay = hour === 24 ? 0 : hour * 60;
    const earlier = byMinute.get(minuteOfDay);
    if (earlier !== undefined && earlier !== multiplier) {
      throw new Error(`profileFromTable: two multipliers (${earlier}, ${multiplier}) at hour ${hour === 24 ? "0/24" : hour}`);
    }
    byMinute.set(minuteOfDay, multiplier);
  }
  const points = [...byMinute].map(([minuteOfDay, multiplier]) => ({ minuteOfDay, multiplier })).sort((a, b) => a.minuteOfDay - b.minuteOfDay);
  return { points };
}

/** Reduces any minute (negative, or on a later day) to 0 ≤ minute < 1440. */
export function wrapMinuteOfDay(minute: number): number {
  const wrapped = minute % MINUTES_PER_DAY;
  return wrapped < 0 ? wrapped + MINUTES_PER_DAY : wrapped;
}

/** Index of the last breakpoint at or before `minute` (already wrapped), or -1 when it is before the first. */
function segmentStart(points: readonly ProfilePoint[], minute: number): number {
  let low = 0;
  let high = points.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((points[mid] as ProfilePoint).minuteOfDay <= minute) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/** The profile's multiplier at a local minute of the day (any minute: it wraps), interpolated linearly. */
export function profileMultiplier(profile: LoadProfile, minuteOfDay: number): number {
  const points = profile.points;
  const count = points.length;
  if (count === 0) return 1;
  if (count === 1) return (points[0] as ProfilePoint).multiplier;
  const minute = wrapMinuteOfDay(minuteOfDay);
  const index = segmentStart(points, minute);
  const first = points[0] as ProfilePoint;
  const last = points[count - 1] as ProfilePoint;
  // Before the first point or after the last, the segment runs from the last point across midnight to the first.
  let from = last;
  let fromMinute = last.minuteOfDay - MINUTES_PER_DAY;
  let to = first;
  let toMinute = first.minuteOfDay;
  if (index === count - 1) {
    fromMinute = last.minuteOfDay;
    toMinute = first.minuteOfDay + MINUTES_PER_DAY;
  } else if (index >= 0) {
    from = points[index] as ProfilePoint;
    to = points[index + 1] as ProfilePoint;
    fromMinute = from.minuteOfDay;
    toMinute = to.minuteOfDay;
  }
  const span = toMinute - fromMinute;
  if (!(span > 0)) return from.multiplier; // an unsorted hand-built profile: no interpolation rather than NaN
  return from.multiplier + ((to.multiplier - from.multiplier) * (minute - fromMinute)) / span;
}

/**
 * The first breakpoint strictly after `minuteOfDay`, in the same unwrapped frame as the argument (so it may
 * exceed 1440 and `result − minuteOfDay` is the wait), or Infinity when the profile is constant.
 */
export function nextProfileChangeMinute(profile: LoadProfile, minuteOfDay: number): number {
  const points = profile.points;
  if (points.length === 0 || isConstant(profile)) return Number.POSITIVE_INFINITY;
  const dayStart = minuteOfDay - wrapMinuteOfDay(minuteOfDay);
  const minute = minuteOfDay - dayStart;
  const index = segmentStart(points, minute);
  const next = index + 1 < points.length ? (points[index + 1] as ProfilePoint).minuteOfDay : (points[0] as ProfilePoint).minuteOfDay + MINUTES_PER_DAY;
  return dayStart + next;
}

/** Whether every breakpoint has the same multiplier, so the profile never changes. */
export function isConstant(profile: LoadProfile): boolean {
  const first = profile.points[0];
  return first === undefined || profile.points.every((p) => p.multiplier === first.multiplier);
}

/**
 * Built-in daily shapes, by name; all of them are assumptions of the usual shape, not measurements
 * (docs/model/apps.md says which shape each follows).
 */
export const BUILTIN_PROFILES: Readonly<Record<string, LoadProfile>> = Object.freeze({
  flat: profileFromTable([[0, 1]]),
  "diurnal-cn": profileFromTable([
    [0, 0.6], [1, 0.42], [2, 0.3], [3, 0.23], [4, 0.2], [5, 0.2], [6, 0.28], [7, 0.45], [8, 0.62], [9, 0.7],
    [10, 0.74], [11, 0.8], [12, 0.88], [13, 0.82], [14, 0.74], [15, 0.74], [16, 0.76], [17, 0.78], [18, 0.8],
    [19, 0.86], [20, 0.93], [21, 1], [22, 1], [23, 0.82],
  ]),
  "diurnal-us": profileFromTable([
    [0, 0.55], [1, 0.42], [2, 0.33], [3, 0.27], [4, 0.25], [5, 0.28], [6, 0.38], [7, 0.52], [8, 0.66], [9, 0.75],
    [10, 0.8], [11, 0.83], [12, 0.86], [13, 0.85], [14, 0.84], [15, 0.85], [16, 0.87], [17, 0.9], [18, 0.93],
    [19, 0.97], [20, 1], [21, 1], [22, 0.9], [23, 0.72],
  ]),
  "business-hours": profileFromTable([
    [0, 0.1], [7, 0.1], [8, 0.5], [9, 1], [12, 1], [12.5, 0.8], [13.5, 0.8], [14, 1], [17, 1], [18, 0.5], [20, 0.15], [21, 0.1],
  ]),
});
