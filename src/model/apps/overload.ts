/**
 * What a service does with more load than it can serve.
 *
 * Without load shedding, a saturated service queues what it cannot serve; once the wait exceeds the
 * clients' timeout, it spends its work on requests whose callers have already given up, so the useful
 * work (goodput) falls as the queue grows, down to a floor. With shedding it rejects the excess at once,
 * cheaply, and keeps serving its full supply.
 */

/** How a service behaves past saturation. */
export interface OverloadModel {
  /** Rejects load beyond its supply cheaply, so goodput stays at the supply. */
  readonly shedding: boolean;
  /** Without shedding: fraction of supply lost per unit of utilization above 1. */
  readonly collapse: number;
  /** Without shedding: goodput never falls below this fraction of supply. */
  readonly minGoodput: number;
}

/**
 * No shedding; goodput halves at twice the load it can serve (collapse 0.5) and bottoms out at 5% of supply
 * (from ρ = 2.9 on): an assumed order of magnitude for a FIFO service whose queue outgrows its callers' timeouts.
 */
export const DEFAULT_OVERLOAD: OverloadModel = Object.freeze({ shedding: false, collapse: 0.5, minGoodput: 0.05 });

/** Checks a model's numbers, throwing on a bug (collapse < 0, minGoodput outside 0..1). */
export function checkOverloadModel(model: OverloadModel): void {
  if (!(model.collapse >= 0) || !Number.isFinite(model.collapse)) throw new Error(`overload: collapse must be finite and ≥ 0, got ${model.collapse}`);
  if (!(model.minGoodput >= 0 && model.minGoodput <= 1)) throw new Error(`overload: minGoodput must be in 0..1, got ${model.minGoodput}`);
}

/**
 * Requests per second served usefully, never more than min(offered, supply): all of it below saturation;
 * past it, the whole supply with shedding, else supply × max(minGoodput, 1 − collapse × (ρ − 1)) with ρ = offered/supply.
 */
export function goodputRps(offeredRps: number, supplyRps: number, model: OverloadModel): number {
  if (!(offeredRps > 0) || !(supplyRps > 0)) return 0;
  if (offeredRps <= supplyRps) return offeredRps;
  if (model.shedding) return supplyRps;
  const rho = offeredRps / supplyRps;
  return supplyRps * Math.max(model.minGoodput, 1 - model.collapse * (rho - 1));
}

/** Fraction of offered requests served usefully, goodput / offered: 1 when nothing is offered. */
export function successRatio(offeredRps: number, supplyRps: number, model: OverloadModel): number {
  if (!(offeredRps > 0)) return 1;
  return goodputRps(offeredRps, supplyRps, model) / offeredRps;
}

/**
 * Mean response time by the M/M/1 shape, baseMs / (1 − ρ), capped at the clients' timeout; the timeout itself
 * once ρ ≥ 1 or the service has no supply.
 */
export function latencyMs(offeredRps: number, supplyRps: number, baseMs: number, timeoutMs: number): number {
  if (!(supplyRps > 0)) return timeoutMs;
  const rho = Math.max(0, offeredRps) / supplyRps;
  if (rho >= 1) return timeoutMs;
  return Math.min(timeoutMs, baseMs / (1 - rho));
}
