import type { Hall, CoolingLabel } from "./hall.js";
import { COOLING_RANK } from "./hall.js";
import type { CoolingPlant } from "./cooling-plant.js";
import { coilCapacityKw, hallDemandKw } from "./allocation.js";
import { LOOP_STEP_AIR_K, LOOP_STEP_MAX_MS, LOOP_STEP_MIN_MS, LOOP_STEP_WATER_K, SERVER_AIR_RISE_K } from "./defaults.js";
import { formatCount } from "./format.js";
import { hallHeatKw, type FacilityParts } from "./parts.js";
import { rescheduleHall } from "./thermal-schedule.js";
import type { ZoneParams } from "./thermal-zone.js";

/** Rated cooling of the CRAH units of hall h that run now, kW (0 when their feed is down or the hall is held down). */
export function crahAvailableKw(parts: FacilityParts, h: number): number {
  const hall = parts.halls[h] as Hall;
  if (!parts.power.isPowered(hall.crahFeed) || hall.suppressed) return 0;
  return Math.max(0, hall.config.crah.count - hall.crahFailed - hall.crahLocked) * hall.config.crah.capacityKw;
}

/** Loss conductance of hall h to outside air now (envelope plus any emergency ventilation), kW/K. */
export function hallConductanceKwPerK(hall: Hall): number {
  return hall.config.lossConductanceKwPerK + hall.ventilationKwPerK;
}

/**
 * Settles the facility after a change: each loop takes the heat its coils moved since the last settle;
 * coil capacities follow from the loop water and the hall air now; plants set their supply; halls
 * whose parameters changed are rebased (closed form), cooling changes recorded, thermal events and
 * loop steps rescheduled. `force` = hall to reschedule anyway. Ends the settle in the cause log.
 */
export function settleFacility(parts: FacilityParts, cause: number, initial = false, force = -1): void {
  const now = parts.ctx.sim.nowMs;
  const outside = parts.outside.celsius;
  parts.plants.forEach((plant, p) => {
    let inKj = 0;
    for (const h of parts.plantHalls[p] as readonly number[]) inKj += (parts.halls[h] as Hall).takeCoilKj(now);
    plant.loop.advance(now, inKj);
  });
  const nH = parts.halls.length;
  const heat = new Float64Array(nH);
  const coil = new Float64Array(nH);
  const demand = new Float64Array(nH);
  const available = new Float64Array(nH);
  for (let h = 0; h < nH; h++) {
    const hall = parts.halls[h] as Hall;
    const plant = parts.plants[hall.plantIndex];
    const c = hall.config;
    const t = hall.temperatureAt(now);
    heat[h] = hallHeatKw(parts, h);
    const coilAt = (airCelsius: number, loadShare: number): number => plant === undefined ? 0 : coilCapacityKw({
      ratedKw: crahAvailableKw(parts, h), flowFraction: plant.pumpFraction(parts.power.isPowered(plant.pumpFeed)),
      airCelsius, setpointCelsius: c.setpointCelsius, airRiseK: SERVER_AIR_RISE_K, loadShare,
      waterCelsius: plant.loop.celsius, supplyCelsius: plant.config.loop.supplyCelsius,
    });
    coil[h] = coilAt(t, c.designItKw > 0 ? (heat[h] as number) / c.designItKw : 0);
    // What the hall could get at its design point (setpoint air, full load): the cooling recorded in the trace.
    available[h] = coilAt(c.setpointCelsius, 1) + hall.auxCoolingKw;
    demand[h] = hallDemandKw({
      celsius: t, setpointCelsius: c.setpointCelsius, heatKw: heat[h] as number,
      conductanceKwPerK: hallConductanceKwPerK(hall), outsideCelsius: outside, crahKw: coil[h] as number,
    });
  }
  const supply = parts.plants.map((plant, p) => {
    let total = 0;
    for (const h of parts.plantHalls[p] as readonly number[]) total += demand[h] as number;
    const loop = plant.loop;
    total += (loop.capacitanceKjPerK() * Math.max(0, loop.celsius - loop.config.supplyCelsius)) / (LOOP_STEP_MAX_MS / 1000);
    const kw = plant.settle(now, total, outside, parts.power.isPowered(plant.pumpFeed), cause);
    loop.removalKw = kw;
    return kw;
  });
  for (let h = 0; h < nH; h++) {
    const hall = parts.halls[h] as Hall;
    const params: ZoneParams = {
      heatKw: heat[h] as number,
      coolingMaxKw: (coil[h] as number) + hall.auxCoolingKw,
      setpointCelsius: hall.config.setpointCelsius,
      outsideCelsius: outside,
      capacitanceKjPerK: hall.config.thermalCapacitanceKjPerK,
      conductanceKwPerK: hallConductanceKwPerK(hall),
    };
    const old = hall.params;
    const changed = initial || old.heatKw !== params.heatKw || old.coolingMaxKw !== params.coolingMaxKw
      || old.outsideCelsius !== params.outsideCelsius || old.conductanceKwPerK !== params.conductanceKwPerK;
    if (changed) hall.rebase(now, params, hall.auxCoolingKw);
    noteCooling(parts, h, available[h] as number, cause, initial);
    if (changed || h === force || initial) rescheduleHall(parts, h);
  }
  parts.plants.forEach((plant, p) => scheduleLoopStep(parts, plant, p, supply[p] as number, coil));
  parts.log.endSettle();
}

/**
 * Schedules a plant's next loop step while its water or a coil-cooled hall moves: coil capacity is
 * held between steps, so a step lets the water move at most LOOP_STEP_WATER_K and such a hall's air
 * LOOP_STEP_AIR_K, within LOOP_STEP_MIN_MS…LOOP_STEP_MAX_MS. Nothing is scheduled at rest.
 */
function scheduleLoopStep(parts: FacilityParts, plant: CoolingPlant, p: number, supplyKw: number, coil: Float64Array): void {
  const now = parts.ctx.sim.nowMs;
  const loop = plant.loop;
  let inKw = 0;
  let dtSec = Number.POSITIVE_INFINITY;
  for (const h of parts.plantHalls[p] as readonly number[]) {
    const hall = parts.halls[h] as Hall;
    const q = hall.coolingAtMs(now);
    inKw += Math.max(0, q - hall.auxCoolingKw);
    if ((coil[h] as number) <= 0) continue;
    const t = hall.temperatureAt(now);
    const slope = (hall.params.heatKw - q - hallConductanceKwPerK(hall) * (t - hall.params.outsideCelsius)) / hall.params.capacitanceKjPerK;
    if (Math.abs(slope) > 1e-6) dtSec = Math.min(dtSec, LOOP_STEP_AIR_K / Math.abs(slope));
  }
  let rate = (inKw - supplyKw) / loop.capacitanceKjPerK();
  if (rate < 0 && loop.celsius <= loop.config.supplyCelsius) rate = 0;
  loop.rateKPerSec = rate;
  if (Math.abs(rate) > 1e-7) dtSec = Math.min(dtSec, LOOP_STEP_WATER_K / Math.abs(rate));
  const at = Number.isFinite(dtSec) ? now + Math.round(Math.min(LOOP_STEP_MAX_MS, Math.max(LOOP_STEP_MIN_MS, dtSec * 1000))) : Number.POSITIVE_INFINITY;
  plant.stepTimer?.setAt(at);
}

/** Records a change of the cooling a hall can get at its design point, `qMax` kW (label change, or a change of at least 5 % of its design load). */
function noteCooling(parts: FacilityParts, h: number, qMax: number, cause: number, initial: boolean): void {
  const hall = parts.halls[h] as Hall;
  const design = Math.max(1e-9, hall.config.designItKw);
  const label: CoolingLabel = qMax >= design - 1e-6 ? "full" : qMax > 1e-6 ? "reduced" : "none";
  if (initial) {
    hall.coolingLabel = label;
    hall.recordedCoolingMaxKw = qMax;
    return;
  }
  if (label === hall.coolingLabel && (label === "full" || Math.abs(qMax - hall.recordedCoolingMaxKw) < 0.05 * design)) return;
  const plant = parts.plants[hall.plantIndex];
  const causes = new Set<number>([...(plant?.causes.pending ?? []), ...hall.supply.pending]);
  if (parts.outside.causes.latest >= 0 && causes.size === 0) causes.add(parts.outside.causes.latest);
  if (causes.size === 0 && plant !== undefined && plant.causes.latest >= 0) causes.add(plant.causes.latest);
  if (causes.size === 0 && cause >= 0) causes.add(cause);
  const id = parts.ctx.trace.record({
    atMs: parts.ctx.sim.nowMs, component: hall.config.id, layer: "facility", from: `cooling ${hall.coolingLabel}`, to: `cooling ${label}`,
    aspect: "cooling", atWork: label === "full", level: { from: COOLING_RANK[hall.coolingLabel], to: COOLING_RANK[label] },
    causes: [...causes].sort((a, b) => a - b),
    detail: `cooling available ${formatCount(Math.round(qMax))} kW for ${formatCount(Math.round(hall.params.heatKw))} kW of IT load`,
  });
  hall.coolingLabel = label;
  hall.recordedCoolingMaxKw = qMax;
  hall.cooling.setLatest(id);
}
