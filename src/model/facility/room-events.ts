import type { ServerCluster } from "../compute/server-cluster.js";
import type { FacilityFault } from "./config.js";
import { DEFAULT_GAS_DAMAGE_FRACTION, DEFAULT_SPRINKLER_DAMAGE_FRACTION, SERVER_AIR_RISE_K } from "./defaults.js";
import { formatCount } from "./format.js";
import type { Hall } from "./hall.js";
import type { FacilityParts } from "./parts.js";
import type { Undo } from "./fault-table.js";

type Suppression = Extract<FacilityFault, { type: "room:suppression-discharge" }>;

/** Return air of a hall now: hall air plus the servers' air rise at the share of design load running, °C. */
export function returnAirCelsius(parts: FacilityParts, hall: Hall): number {
  const share = hall.config.designItKw > 0 ? hall.params.heatKw / hall.config.designItKw : 0;
  return hall.temperatureAt(parts.ctx.sim.nowMs) + SERVER_AIR_RISE_K * share;
}

/** A suppression discharge, at once or armed on the hall's air temperature. */
export function suppressionDischarge(parts: FacilityParts, fault: Suppression, cause: number): Undo | undefined {
  const h = parts.hallIndex(fault.hall);
  const hall = parts.halls[h];
  if (hall === undefined) return undefined;
  const fire = (): void => discharge(parts, hall, fault, cause);
  if (fault.whenAboveCelsius === undefined || hall.temperatureAt(parts.ctx.sim.nowMs) >= fault.whenAboveCelsius) {
    fire();
    return undefined;
  }
  const trigger = { celsius: fault.whenAboveCelsius, fire };
  hall.triggers.push(trigger);
  parts.settle(cause);
  return () => {
    const k = hall.triggers.indexOf(trigger);
    if (k >= 0) hall.triggers.splice(k, 1);
  };
}

function discharge(parts: FacilityParts, hall: Hall, fault: Suppression, cause: number): void {
  const agent = fault.agent ?? "gas";
  const fraction = fault.damagedFraction ?? (agent === "gas" ? DEFAULT_GAS_DAMAGE_FRACTION : DEFAULT_SPRINKLER_DAMAGE_FRACTION);
  const t = hall.temperatureAt(parts.ctx.sim.nowMs);
  const id = parts.ctx.trace.record({
    atMs: parts.ctx.sim.nowMs, component: `${hall.config.id}-suppression`, layer: "facility", from: "armed", to: "discharged", causes: [fault.whenAboveCelsius !== undefined && hall.band.latest >= 0 ? hall.band.latest : cause].filter((x) => x >= 0),
    aspect: "state", atWork: false,
    detail: `${agent === "gas" ? "inert gas" : "sprinkler"} discharge at ${t.toFixed(1)} °C hall air: air handlers stopped, power cabinets out, hall held for inspection`,
  });
  hall.suppressed = true;
  hall.supply.mark(id);
  for (const ci of hall.clusters) {
    const c = parts.clusters[ci] as ServerCluster;
    const before = c.health();
    const upBefore = c.up;
    const damaged = c.damageFraction(fraction, parts.ctx.stream(c.config.id, "suppression"));
    c.powerOff(c.up);
    if (upBefore === 0 && damaged === 0) continue;
    hall.load.setLatest(parts.recordCluster(c, before, [id], `suppression discharge: ${formatCount(damaged)} servers damaged, ${formatCount(c.up)} of ${formatCount(c.n)} up`));
  }
  parts.settle(id);
}

/** Ends a hall's inspection: cabinets repaired, air handlers back unless the return air locks them out. */
export function releaseHall(parts: FacilityParts, hall: Hall, cause: number): void {
  if (!hall.suppressed) return;
  hall.suppressed = false;
  hall.itSwitchedOff = false;
  const id = parts.ctx.trace.record({ atMs: parts.ctx.sim.nowMs, component: `${hall.config.id}-suppression`, layer: "facility", from: "discharged", to: "released", causes: [cause], aspect: "state", atWork: true, detail: "inspection done: power cabinets repaired, air handlers may restart" });
  hall.supply.mark(id);
  const running = hall.config.crah.count - hall.crahFailed - hall.crahLocked;
  if (running > 0 && returnAirCelsius(parts, hall) > hall.config.crah.lockoutReturnCelsius) lockOut(parts, hall, running, id);
  parts.settle(id);
}

/** Locks out `count` air handlers that try to restart in return air above their limit. */
export function lockOut(parts: FacilityParts, hall: Hall, count: number, cause: number): void {
  hall.crahLocked += count;
  const id = parts.ctx.trace.record({
    atMs: parts.ctx.sim.nowMs, component: `${hall.config.id}-crah`, layer: "facility", from: "restarting", to: "locked out", causes: [cause], aspect: "state", atWork: false,
    detail: `${count} units refuse to restart: return air ${returnAirCelsius(parts, hall).toFixed(1)} °C above their lock-out ${hall.config.crah.lockoutReturnCelsius} °C`,
  });
  hall.supply.mark(id);
}
