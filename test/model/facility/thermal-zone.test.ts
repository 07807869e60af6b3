import { describe, expect, it } from "vitest";
import {
  coolingAt, crossingDelaySec, noCoolingBoundCelsius, temperatureAfter, trajectoryFrom, type ZoneParams,
} from "../../../src/model/facility/thermal-zone.js";

/** Fine-step explicit integration of C·dT/dt = P − Q(T) − UA·(T − T_out) with the same setpoint controller. */
function integrate(p: ZoneParams, start: number, seconds: number, dt = 0.005): number {
  let t = start;
  const steps = Math.round(seconds / dt);
  for (let k = 0; k < steps; k++) {
    const need = p.heatKw - p.conductanceKwPerK * (p.setpointCelsius - p.outsideCelsius);
    let q: number;
    if (t > p.setpointCelsius + 1e-9) q = p.coolingMaxKw;
    else if (t < p.setpointCelsius - 1e-9) q = 0;
    else q = Math.min(p.coolingMaxKw, Math.max(0, need));
    let next = t + ((p.heatKw - q - p.conductanceKwPerK * (t - p.outsideCelsius)) / p.capacitanceKjPerK) * dt;
    // The controller catches the crossing of the setpoint, as a thermostat does.
    if ((t > p.setpointCelsius && next < p.setpointCelsius && need <= p.coolingMaxKw) || (t < p.setpointCelsius && next > p.setpointCelsius && need >= 0)) next = p.setpointCelsius;
    t = next;
  }
  return t;
}

const base: ZoneParams = { heatKw: 500, coolingMaxKw: 0, setpointCelsius: 24, outsideCelsius: 30, capacitanceKjPerK: 6400, conductanceKwPerK: 0.5 };

const cases: [string, ZoneParams, number][] = [
  ["total cooling loss in a 5 kW/rack hall", base, 24],
  ["partial cooling, still rising", { ...base, coolingMaxKw: 300 }, 24],
  ["cooling back, falling and caught at the setpoint", { ...base, coolingMaxKw: 700 }, 45],
  ["cooling back but too weak to reach the setpoint", { ...base, coolingMaxKw: 498 }, 45],
  ["a large loss conductance (fast exponential)", { ...base, conductanceKwPerK: 40, coolingMaxKw: 100 }, 24],
  ["no loss conductance (linear ramp)", { ...base, conductanceKwPerK: 0 }, 24],
  ["below the setpoint with no load, cold outside", { ...base, heatKw: 0, outsideCelsius: 5, coolingMaxKw: 100 }, 24],
  ["below the setpoint, warming to it", { ...base, heatKw: 50, coolingMaxKw: 100 }, 20],
];

describe("thermal zone closed form", () => {
  for (const [name, p, start] of cases) {
    it(`agrees with a fine-step integration to 0.1 °C: ${name}`, () => {
      const tr = trajectoryFrom(p, start);
      for (const s of [5, 30, 90, 180, 600, 1800]) {
        expect(Math.abs(temperatureAfter(tr, s) - integrate(p, start, s))).toBeLessThan(0.1);
      }
    });
  }

  it("holds the setpoint when cooling covers the load", () => {
    const tr = trajectoryFrom({ ...base, coolingMaxKw: 800 }, 24);
    expect(tr.kind).toBe("hold");
    expect(temperatureAfter(tr, 3600)).toBe(24);
    expect(coolingAt(tr, 24)).toBeCloseTo(500 - 0.5 * (24 - 30), 9);
  });

  it("solves the crossing time exactly: the temperature at it equals the threshold", () => {
    const tr = trajectoryFrom(base, 24);
    for (const theta of [27, 35, 40.25, 45]) {
      const s = crossingDelaySec(tr, theta);
      expect(temperatureAfter(tr, s)).toBeCloseTo(theta, 9);
      expect(temperatureAfter(tr, s - 1e-3)).toBeLessThan(theta);
    }
  });

  it("solves falling crossings and never crosses past the setpoint clamp", () => {
    const tr = trajectoryFrom({ ...base, coolingMaxKw: 700 }, 45);
    const s = crossingDelaySec(tr, 27);
    expect(temperatureAfter(tr, s)).toBeCloseTo(27, 9);
    expect(Number.isFinite(crossingDelaySec(tr, 24))).toBe(true);
    expect(crossingDelaySec(tr, 23)).toBe(Number.POSITIVE_INFINITY);
    expect(crossingDelaySec(tr, 50)).toBe(Number.POSITIVE_INFINITY);
  });

  it("reports no crossing beyond the equilibrium", () => {
    const tr = trajectoryFrom({ ...base, coolingMaxKw: 498 }, 24);
    const eq = 30 + (500 - 498) / 0.5;
    expect(crossingDelaySec(tr, eq - 0.01)).toBeGreaterThan(0);
    expect(crossingDelaySec(tr, eq + 0.01)).toBe(Number.POSITIVE_INFINITY);
  });

  it("solves linear crossings when there is no loss conductance", () => {
    const tr = trajectoryFrom({ ...base, conductanceKwPerK: 0 }, 24);
    expect(crossingDelaySec(tr, 34)).toBeCloseTo((10 * 6400) / 500, 9);
  });

  it("never exceeds the no-cooling bound", () => {
    for (const q of [0, 100, 400, 800]) {
      const tr = trajectoryFrom({ ...base, coolingMaxKw: q }, 30);
      for (const s of [1, 60, 600, 6000]) expect(temperatureAfter(tr, s)).toBeLessThanOrEqual(noCoolingBoundCelsius(base, 30, s) + 1e-9);
    }
  });
});
