import { SERVER_DAMAGED, SERVER_FAILED, SERVER_OFF, type ServerCluster } from "../compute/server-cluster.js";
import { CHILLER_RUNNING, CHILLER_TRIPPED, CHILLER_UNPOWERED } from "./cooling-plant.js";
import { hallHeatKw, hallPowered, type FacilityParts } from "./parts.js";

/** The readers of every facility metric, by name, in the order metric-catalog.ts lists them. */
export function defineMetrics(parts: FacilityParts): Map<string, () => number> {
  const m = new Map<string, () => number>();
  const now = (): number => parts.ctx.sim.nowMs;
  m.set("weather.outsideCelsius", () => parts.outside.celsius);
  parts.halls.forEach((hall, h) => {
    const p = `hall.${hall.config.id}.`;
    m.set(`${p}inletCelsius`, () => hall.temperatureAt(now()));
    m.set(`${p}maxInletCelsius`, () => hall.temperatureAt(now()) + hall.maxOffsetCelsius);
    m.set(`${p}peakCelsius`, () => Math.max(hall.peakCelsius, hall.temperatureAt(now())));
    m.set(`${p}itKw`, () => hallHeatKw(parts, h));
    m.set(`${p}coolingKw`, () => hall.coolingAtMs(now()));
    m.set(`${p}coolingMaxKw`, () => hall.params.coolingMaxKw);
    m.set(`${p}powered`, () => (hallPowered(parts, h) ? 1 : 0));
    m.set(`${p}serversUp`, () => hall.clusters.reduce((s, ci) => s + (parts.clusters[ci] as ServerCluster).up, 0));
  });
  parts.clusters.forEach((c) => {
    const p = `cluster.${c.config.id}.`;
    m.set(`${p}serversUp`, () => c.up);
    m.set(`${p}serversThrottled`, () => c.throttledUp);
    m.set(`${p}serversOff`, () => c.counts[SERVER_OFF] as number);
    m.set(`${p}serversDamaged`, () => c.counts[SERVER_DAMAGED] as number);
    m.set(`${p}serversFailed`, () => c.counts[SERVER_FAILED] as number);
    m.set(`${p}capacity`, () => c.capacity());
    m.set(`${p}itKw`, () => c.heatKw());
  });
  parts.plants.forEach((plant) => {
    const p = `plant.${plant.config.id}.`;
    m.set(`${p}chillersRunning`, () => plant.count(CHILLER_RUNNING));
    m.set(`${p}chillersTripped`, () => plant.count(CHILLER_TRIPPED) + plant.count(CHILLER_UNPOWERED));
    m.set(`${p}storageMinutes`, () => plant.storageMinutesAt(now()));
    m.set(`${p}supplyKw`, () => plant.supplyKw);
    m.set(`${p}pumpsRunning`, () => plant.config.pumps.count - plant.pumpsFailed);
    m.set(`${p}loopCelsius`, () => plant.loop.temperatureAt(now()));
  });
  parts.power.feedIds().forEach((id, f) => {
    m.set(`feed.${id}.powered`, () => (parts.power.isPowered(f) ? 1 : 0));
    m.set(`feed.${id}.upsMinutes`, () => parts.power.upsMinutes(f, now()));
  });
  return m;
}
