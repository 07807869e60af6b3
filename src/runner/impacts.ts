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
  let r = 0;
  let c = 0;
  let rps = 0;
  let ok = 1;
  let t = Math.min(rates[0]?.atMs ?? Infinity, success[0]?.atMs ?? Infinity, endMs);
  for (;;) {
    // The values in force from t: the last point of each list at or before t.
    while (r < rates.length && (rates[r] as RatePoint).atMs <= t) rps = (rates[r++] as RatePoint).rps;
    while (c < success.length && (success[c] as CapacityPoint).atMs <= t) ok = (success[c++] as CapacityPoint).capacity;
    let next = endMs > t ? endMs : Infinity;
    if (r < rates.length && (rates[r] as RatePoint).atMs < next) next = (rates[r] as RatePoint).atMs;
    if (c < success.length && (success[c] as CapacityPoint).atMs < next) next = (success[c] as CapacityPoint).atMs;
    if (next > endMs) break;
    total += rps * (1 - ok) * ((next - t) / 1000);
    t = next;
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
