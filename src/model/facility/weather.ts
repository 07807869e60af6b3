import { CHILLER_RUNNING, CHILLER_STARTING, CHILLER_TRIPPED } from "./cooling-plant.js";
import { WEATHER_CURVE_STEP_MS, WEATHER_RAMP_STEP_MS } from "./defaults.js";
import type { FacilityParts } from "./parts.js";

const DAY_MS = 86_400_000;

/** Records an outside-air change and returns its transition id. */
function recordOutside(parts: FacilityParts, to: string, cause: number, detail: string, atWork: boolean): number {
  const id = parts.ctx.trace.record({
    atMs: parts.ctx.sim.nowMs, component: "outside-air", layer: "facility", from: `${parts.outside.celsius.toFixed(1)} °C`, to, causes: [cause],
    aspect: "temperature", atWork, detail,
  });
  parts.outside.causes.setLatest(id);
  return id;
}

/** Sets the outside air to `value` now, caused by transition `id`: chillers above their design-limit ambient trip; then settles. */
function setOutside(parts: FacilityParts, value: number, id: number): void {
  parts.outside.celsius = value;
  parts.outside.causes.setLatest(id);
  for (const plant of parts.plants) {
    plant.causes.mark(id);
    if (value <= plant.config.tripOutsideCelsius) continue;
    const hot: number[] = [];
    plant.state.forEach((s, i) => { if (s === CHILLER_RUNNING || s === CHILLER_STARTING) hot.push(i); });
    if (hot.length === 0) continue;
    plant.trip(hot, CHILLER_TRIPPED, id, `tripped: outside air ${value.toFixed(1)} °C above the chillers' design limit ${plant.config.tripOutsideCelsius} °C`);
    plant.updateLabel(id);
  }
  parts.settle(id);
}

/** Sets the outside temperature now, or ramps it over `overMs` in steps of at most a minute. */
export function setWeather(parts: FacilityParts, celsius: number, overMs: number | undefined, cause: number): void {
  const from = parts.outside.celsius;
  const ramp = overMs !== undefined && overMs > 0;
  const id = recordOutside(parts, `${celsius.toFixed(1)} °C`, cause, ramp ? `outside temperature ramping over ${Math.round(overMs / 60_000)} min` : "outside temperature changed", celsius === parts.config.outsideCelsius);
  if (!ramp) {
    setOutside(parts, celsius, id);
    return;
  }
  const steps = Math.max(1, Math.ceil(overMs / WEATHER_RAMP_STEP_MS));
  for (let k = 1; k <= steps; k++) {
    const value = from + ((celsius - from) * k) / steps;
    parts.defer(Math.round((overMs * k) / steps), () => setOutside(parts, value, id));
  }
}

/**
 * Starts a daily cycle of the outside air: a cosine between min and max with its peak `peakAfterMs`
 * from now, applied in 15-minute steps until the returned stop function is called.
 */
export function startDailyCycle(parts: FacilityParts, minCelsius: number, maxCelsius: number, peakAfterMs: number, cause: number): () => void {
  const id = recordOutside(parts, "daily cycle", cause, `outside air follows a day between ${minCelsius.toFixed(1)} and ${maxCelsius.toFixed(1)} °C`, false);
  const mid = (minCelsius + maxCelsius) / 2;
  const amp = (maxCelsius - minCelsius) / 2;
  const t0 = parts.ctx.sim.nowMs;
  let active = true;
  const step = (): void => {
    if (!active) return;
    const t = parts.ctx.sim.nowMs - t0;
    setOutside(parts, mid + amp * Math.cos((2 * Math.PI * (t - peakAfterMs)) / DAY_MS), id);
    parts.defer(WEATHER_CURVE_STEP_MS, step);
  };
  step();
  return () => { active = false; };
}
