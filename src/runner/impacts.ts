import type { CapacityPoint } from "../model/core/propagation.js";
import type { AppSpec } from "../scenario/scenario.js";
import type { AppImpact } from "./run.js";

const MS_PER_MINUTE = 60_000;

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** A point of an app's offered load, requests per second from that time on. */
export interface RatePoint {
  readonly atMs: number;
  readonly rps: number;
}

/**
 * Requests that failed over [0, endMs]: ∫ rps × (1 − success) dt over two step functions, exactly. Both lists are in
 * time order; they are walked together, change point by change point, up to endMs.
 */
export function failedRequests(rates: readonly RatePoint[], success: readonly CapacityPoint[], endMs: number): number {
  let total = 0;
  let r = -1;
  let c = -1;
  // The next change points not yet passed, in each list.
  let nextRate = 0;
  let nextSuccess = 0;
  /** The first change point (or endMs) after `t`, or Infinity when none is at or before endMs. */
  const after = (t: number): number => {
    while (nextRate < rates.length && (rates[nextRate] as RatePoint).atMs <= t) nextRate++;
    while (nextSuccess < success.length && (success[nextSuccess] as CapacityPoint).atMs <= t) nextSuccess++;
    let next = endMs > t ? endMs : Infinity;
    const rate = rates[nextRate]?.atMs ?? Infinity;
    const point = success[nextSuccess]?.atMs ?? Infinity;
    if (rate < next) next = rate;
    if (point < next) next = point;
    return next > endMs ? Infinity : next;
  };
  let from = Math.min(rates[0]?.atMs ?? Infinity, success[0]?.atMs ?? Infinity, endMs);
  if (from > endMs) return 0;
  for (let to = after(from); to !== Infinity; from = to, to = after(from)) {
    while (r + 1 < rates.length && (rates[r + 1] as RatePoint).atMs <= from) r++;
    while (c + 1 < success.length && (success[c + 1] as CapacityPoint).atMs <= from) c++;
    const rps = r < 0 ? 0 : (rates[r] as RatePoint).rps;
    const ok = c < 0 ? 1 : (success[c] as CapacityPoint).capacity;
    total += rps * (1 - ok) * ((to - from) / 1000);
  }
  return Math.round(total);
}

/** Sums up an app's success ratio over [0, endMs] into its impact: exact, from the change points, not from samples. */
export function summarizeImpact(app: AppSpec, history: readonly CapacityPoint[], endMs: number, rates?: readonly RatePoint[]): AppImpact {
  let firstImpactAtMs: number | null = null;
  let recoveredAtMs: number | null = null;
  let outageMs = 0;
  let userMs = 0;
  let worst = 1;
  for (let i = 0; i < history.length; i++) {
    const point = history[i] as CapacityPoint;
    if (point.atMs > endMs) break;
    const until = Math.min(history[i + 1]?.atMs ?? endMs, endMs);
    const span = Math.max(0, until - point.atMs);
    const impacted = point.capacity < app.impactBelow;
    worst = Math.min(worst, point.capacity);
    if (impacted) {
      if (firstImpactAtMs === null) firstImpactAtMs = point.atMs;
      recoveredAtMs = null;
      outageMs += span;
    } else if (firstImpactAtMs !== null && recoveredAtMs === null) {
      recoveredAtMs = point.atMs;
    }
    userMs += app.users * (1 - point.capacity) * span;
  }
  const impacted = firstImpactAtMs !== null;
  const failed = rates === undefined ? null : failedRequests(rates, history, endMs);
  const symptom = !impacted ? "" : worst < app.downBelow ? app.symptoms.down : app.symptoms.degraded;
  return {
    app: app.id,
    title: app.title,
    impacted,
    symptom,
    firstImpactAtMs,
    recoveredAtMs,
    recovered: impacted && recoveredAtMs !== null,
    outageMinutes: round(outageMs / MS_PER_MINUTE, 1),
    worstSuccessRatio: round(worst, 4),
    userMinutesLost: Math.round(userMs / MS_PER_MINUTE),
    failedRequests: failed,
    failedTransactions: app.transactional ? failed : null,
  };
}
