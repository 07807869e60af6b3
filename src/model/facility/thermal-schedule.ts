import type { RandomStream } from "../../engine/rng.js";
import { emptyBatch, type ServerCluster, type ThermalBatch } from "../compute/server-cluster.js";
import { TRIP_BATCH_WINDOW_MS } from "./defaults.js";
import { SETPOINT_REACHED_K } from "./allocation.js";
import { formatCount } from "./format.js";
import { hallBandCelsius, hallLabel, type Hall } from "./hall.js";
import type { FacilityParts } from "./parts.js";
import { isFalling, isRising } from "./thermal-zone.js";

// Thermal scheduling: each hall has exactly one pending thermal event (its timer), the earliest of its
// next band crossing, reaching the setpoint on the way down, and its clusters' next threshold or dwell.

/** Time of hall h's next thermal event, ms (Infinity when none): the earliest band, setpoint, threshold or dwell time. */
export function nextThermalEventMs(parts: FacilityParts, h: number): number {
  const hall = parts.halls[h] as Hall;
  const now = parts.ctx.sim.nowMs;
  const tr = hall.trajectory;
  const rising = isRising(tr);
  const falling = isFalling(tr);
  let next = Number.POSITIVE_INFINITY;
  if (rising) next = Math.min(next, hall.crossingMs(hall.nextBandUpCelsius()));
  if (rising) for (const trigger of hall.triggers) next = Math.min(next, hall.crossingMs(trigger.celsius));
  if (falling) {
    next = Math.min(next, hall.crossingMs(hall.nextBandDownCelsius()));
    if (hall.temperatureAt(now) > hall.config.setpointCelsius + SETPOINT_REACHED_K) next = Math.min(next, hall.crossingMs(hall.config.setpointCelsius + SETPOINT_REACHED_K));
  }
  for (const ci of hall.clusters) {
    const c = parts.clusters[ci] as ServerCluster;
    let t = Number.POSITIVE_INFINITY;
    if (rising) t = Math.min(t, hall.crossingMs(Math.min(c.nextWarnUpCelsius(), c.nextShutdownUpCelsius())));
    if (falling) t = Math.min(t, hall.crossingMs(c.nextWarnDownCelsius()));
    t = Math.min(t, c.nextDwellMs());
    if (Number.isFinite(t)) next = Math.min(next, Math.max(t, c.lastBatchMs + TRIP_BATCH_WINDOW_MS));
  }
  if (Number.isFinite(next)) next = Math.max(next, now + 1);
  return next;
}

/** Moves hall h's timer to its next thermal event. */
export function rescheduleHall(parts: FacilityParts, h: number): void {
  const hall = parts.halls[h] as Hall;
  hall.timer.setAt(nextThermalEventMs(parts, h));
}

/** Handles hall h's thermal event: brings the hall in line with its temperature now, then settles. */
export function onHallEvent(parts: FacilityParts, h: number, settle: (cause: number, force: number) => void): void {
  const hall = parts.halls[h] as Hall;
  hall.timer.fired();
  // Re-anchor at now (same curve): crossings are then solved from the present, never from a passed point.
  hall.rebase(parts.ctx.sim.nowMs, hall.params);
  processHall(parts, h);
  settle(hall.band.latest, h);
}

/** Brings a hall's band and its clusters' servers in line with its temperature now, recording what changed. */
export function processHall(parts: FacilityParts, h: number): void {
  const hall = parts.halls[h] as Hall;
  const now = parts.ctx.sim.nowMs;
  const t = hall.temperatureAt(now);
  if (t > hall.peakCelsius) hall.peakCelsius = t;
  const band = hall.bandFor(t);
  if (band !== hall.bandIndex) {
    const causes = [...new Set([hall.cooling.latest, hall.load.latest].filter((x) => x >= 0))].sort((a, b) => a - b);
    hall.band.setLatest(parts.ctx.trace.record({
      atMs: now, component: hall.config.id, layer: "facility", from: hallLabel(hall.bandIndex), to: hallLabel(band), causes,
      aspect: "temperature", atWork: band === 0, level: { from: hallBandCelsius(hall.bandIndex), to: hallBandCelsius(band) },
      detail: `hall air ${t.toFixed(1)} °C; hottest rack inlet ${(t + hall.maxOffsetCelsius).toFixed(1)} °C`,
    }));
    hall.bandIndex = band;
  }
  for (const ci of hall.clusters) {
    const c = parts.clusters[ci] as ServerCluster;
    const before = c.health();
    const batch = emptyBatch();
    const rng = parts.damageRng[ci] as RandomStream;
    c.syncShutdown(t, rng, batch);
    c.syncWarning(t, now, batch);
    c.syncDwell(t, now, rng, batch);
    if (batch.throttled + batch.unthrottled + batch.protective + batch.graceful === 0) continue;
    c.lastBatchMs = now;
    const causes = hall.band.latest >= 0 ? [hall.band.latest] : hall.cooling.latest >= 0 ? [hall.cooling.latest] : [];
    parts.recordCluster(c, before, causes, thermalDetail(c, t, batch), batch.protective + batch.graceful + batch.throttled > 0 ? "heat" : undefined);
  }
  for (let k = 0; k < hall.triggers.length; k++) {
    const trigger = hall.triggers[k] as Hall["triggers"][number];
    if (t < trigger.celsius - 1e-6) continue;
    hall.triggers.splice(k--, 1);
    trigger.fire();
  }
}

function thermalDetail(c: ServerCluster, hallCelsius: number, b: ThermalBatch): string {
  const parts: string[] = [];
  const inlet = Number.isNaN(b.inletCelsius) ? hallCelsius : b.inletCelsius;
  parts.push(`inlet ${inlet.toFixed(1)} °C`);
  const down = b.protective + b.graceful;
  if (down > 0) {
    const kinds = [b.graceful > 0 ? `${formatCount(b.graceful)} graceful` : "", b.protective > 0 ? `${formatCount(b.protective)} protective` : ""].filter((x) => x !== "").join(", ");
    parts.push(`${formatCount(down)} of ${formatCount(c.n)} servers shut down (${kinds})`);
  }
  if (b.damaged > 0) parts.push(`${formatCount(b.damaged)} damaged`);
  if (b.throttled > 0) parts.push(`${formatCount(b.throttled)} throttled`);
  if (b.unthrottled > 0) parts.push(`${formatCount(b.unthrottled)} back to full speed`);
  parts.push(`${formatCount(c.up)} up`);
  return parts.join("; ");
}
