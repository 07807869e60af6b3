// What a hall's coils can take and what a hall asks of its plant. Pure functions.
import { COIL_MAX_FACTOR } from "./defaults.js";

/** A hall counts as above its setpoint beyond this margin, K. */
export const SETPOINT_REACHED_K = 1e-3;

/**
 * Heat the running CRAH coils of a hall can take now, kW. A coil's capacity is proportional to the
 * difference between the air entering it (the return air: hall air plus the servers' air rise at the share of design load running) and
 * the chilled water entering it, relative to that difference at design (setpoint air, supply water),
 * and to the water flow; at most COIL_MAX_FACTOR × rated (fan airflow), never below 0.
 */
export function coilCapacityKw(x: {
  readonly ratedKw: number; readonly flowFraction: number; readonly airCelsius: number; readonly setpointCelsius: number;
  readonly airRiseK: number; readonly loadShare: number; readonly waterCelsius: number; readonly supplyCelsius: number;
}): number {
  if (x.ratedKw <= 0 || x.flowFraction <= 0) return 0;
  const design = Math.max(1, x.setpointCelsius + x.airRiseK - x.supplyCelsius);
  const returnAir = x.airCelsius + x.airRiseK * Math.min(1, Math.max(0, x.loadShare));
  const factor = Math.min(COIL_MAX_FACTOR, Math.max(0, (returnAir - x.waterCelsius) / design));
  return x.ratedKw * x.flowFraction * factor;
}

/**
 * What a hall asks of its plant, kW: all its coil capacity while it is above its setpoint, otherwise
 * what holds it there (heat minus envelope loss at the setpoint), never more than its coil capacity.
 */
export function hallDemandKw(hall: {
  readonly celsius: number; readonly setpointCelsius: number; readonly heatKw: number;
  readonly conductanceKwPerK: number; readonly outsideCelsius: number; readonly crahKw: number;
}): number {
  const holding = hall.heatKw - hall.conductanceKwPerK * (hall.setpointCelsius - hall.outsideCelsius);
  return hall.celsius > hall.setpointCelsius + SETPOINT_REACHED_K ? hall.crahKw : Math.min(hall.crahKw, Math.max(0, holding));
}
