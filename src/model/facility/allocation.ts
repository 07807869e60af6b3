// Cooling allocation: how much of a plant's chilled water each of its halls gets. Pure functions.

/** A hall counts as above its setpoint beyond this margin, K. */
export const SETPOINT_REACHED_K = 1e-3;

/**
 * What a hall asks of its plant, kW: all its CRAH capacity while it is above its setpoint, otherwise
 * what holds it there (heat minus envelope loss at the setpoint), never more than its CRAH capacity.
 */
export function hallDemandKw(hall: {
  readonly celsius: number; readonly setpointCelsius: number; readonly heatKw: number;
  readonly conductanceKwPerK: number; readonly outsideCelsius: number; readonly crahKw: number;
}): number {
  const holding = hall.heatKw - hall.conductanceKwPerK * (hall.setpointCelsius - hall.outsideCelsius);
  return hall.celsius > hall.setpointCelsius + SETPOINT_REACHED_K ? hall.crahKw : Math.min(hall.crahKw, Math.max(0, holding));
}

/** Total demand of a plant's halls (by index into `demand`), kW. */
export function totalDemandKw(demand: ArrayLike<number>, halls: readonly number[]): number {
  let total = 0;
  for (const h of halls) total += demand[h] as number;
  return total;
}

/**
 * Shares a plant's supply among its halls: in proportion to demand when short; when there is more
 * than asked, each gets its demand and the surplus goes to halls with spare CRAH capacity in
 * proportion to that spare. No hall gets more than its CRAH capacity. Writes `out[h]` for each hall.
 */
export function allocateCooling(supplyKw: number, demand: ArrayLike<number>, crah: ArrayLike<number>, halls: readonly number[], out: Float64Array): void {
  let total = 0;
  let spare = 0;
  for (const h of halls) {
    total += demand[h] as number;
    spare += (crah[h] as number) - (demand[h] as number);
  }
  for (const h of halls) {
    let q: number;
    if (supplyKw >= total) {
      const extra = supplyKw - total;
      q = (demand[h] as number) + (spare > 0 ? (extra * ((crah[h] as number) - (demand[h] as number))) / spare : 0);
    } else {
      q = total > 0 ? (supplyKw * (demand[h] as number)) / total : 0;
    }
    out[h] = Math.min(crah[h] as number, q);
  }
}
