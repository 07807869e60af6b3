import type { Hall, CoolingLabel } from "./hall.js";
import { COOLING_RANK } from "./hall.js";
import { allocateCooling, hallDemandKw, totalDemandKw } from "./allocation.js";
import { formatCount } from "./format.js";
import { hallHeatKw, type FacilityParts } from "./parts.js";
import { rescheduleHall } from "./thermal-schedule.js";
import type { ZoneParams } from "./thermal-zone.js";

/** Cooling the CRAH units of hall h can deliver now, kW (0 when their feed is down). */
export function crahAvailableKw(parts: FacilityParts, h: number): number {
  const hall = parts.halls[h] as Hall;
  if (!parts.power.isPowered(hall.crahFeed)) return 0;
  return Math.max(0, hall.config.crah.count - hall.crahFailed) * hall.config.crah.capacityKw;
}

/**
 * Recomputes heat, cooling supply and allocation everywhere after a change, rebases the halls whose
 * parameters changed, records cooling changes and reschedules thermal events. `force` = hall to
 * reschedule anyway. Ends the settle in the cause log.
 */
export function settleFacility(parts: FacilityParts, cause: number, initial = false, force = -1): void {
  const now = parts.ctx.sim.nowMs;
  const outside = parts.outside.celsius;
  const nH = parts.halls.length;
  const heat = new Float64Array(nH);
  const crah = new Float64Array(nH);
  const demand = new Float64Array(nH);
  for (let h = 0; h < nH; h++) {
    const hall = parts.halls[h] as Hall;
    heat[h] = hallHeatKw(parts, h);
    crah[h] = crahAvailableKw(parts, h);
    const c = hall.config;
    demand[h] = hallDemandKw({
      celsius: hall.temperatureAt(now), setpointCelsius: c.setpointCelsius, heatKw: heat[h] as number,
      conductanceKwPerK: c.lossConductanceKwPerK, outsideCelsius: outside, crahKw: crah[h] as number,
    });
  }
  const plantKw = new Float64Array(nH);
  parts.plants.forEach((plant, p) => {
    const mine = parts.plantHalls[p] as readonly number[];
    const supply = plant.settle(now, totalDemandKw(demand, mine), outside, parts.power.isPowered(plant.pumpFeed), cause);
    allocateCooling(supply, demand, crah, mine, plantKw);
  });
  for (let h = 0; h < nH; h++) {
    const hall = parts.halls[h] as Hall;
    const params: ZoneParams = {
      heatKw: heat[h] as number,
      coolingMaxKw: (plantKw[h] as number) + hall.auxCoolingKw,
      setpointCelsius: hall.config.setpointCelsius,
      outsideCelsius: outside,
      capacitanceKjPerK: hall.config.thermalCapacitanceKjPerK,
      conductanceKwPerK: hall.config.lossConductanceKwPerK,
    };
    const old = hall.params;
    const changed = initial || old.heatKw !== params.heatKw || old.coolingMaxKw !== params.coolingMaxKw || old.outsideCelsius !== params.outsideCelsius;
    if (changed) hall.rebase(now, params);
    noteCooling(parts, h, cause, initial);
    if (changed || h === force || initial) rescheduleHall(parts, h);
  }
  parts.log.endSettle();
}

/** Records a hall's cooling change (label change, or a change of at least 5 % of its design load). */
function noteCooling(parts: FacilityParts, h: number, cause: number, initial: boolean): void {
  const hall = parts.halls[h] as Hall;
  const qMax = hall.params.coolingMaxKw;
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
