import { describe, expect, it } from "vitest";
import { harness, minutes, oneHall } from "./harness.js";
import type { FacilityInput } from "../../../src/model/facility/config.js";
import {
  AIR_KJ_PER_K_PER_M2, COIL_MAX_FACTOR, DEFAULT_SUPPLY_WATER_CELSIUS, EQUIPMENT_KJ_PER_K_PER_RACK, FLOOR_AREA_M2_PER_RACK,
  LOOP_M3_PER_MW, LOSS_KW_PER_K_PER_M2, SERVER_AIR_RISE_K, STRUCTURE_KJ_PER_K_PER_M2, WATER_KJ_PER_K_PER_M3,
} from "../../../src/model/facility/defaults.js";

const MIN = 60_000;
const HOUR = 60 * MIN;

function firstShutdownMin(h: ReturnType<typeof harness>): number {
  return minutes(h.of("c1").find((t) => t.detail?.includes("shut down") === true)?.atMs ?? Number.POSITIVE_INFINITY);
}

describe("what is lost decides the clock", () => {
  it("chiller loss with pumps and air handlers running takes several times longer than air-handler loss at the same density", () => {
    const chillers = harness(oneHall({ racks: 100, kwPerRack: 5 }));
    chillers.faultAt(0, { type: "cooling:chiller-fail", plant: "p1" });
    chillers.run(2 * HOUR);
    const fans = harness(oneHall({ racks: 100, kwPerRack: 5 }));
    fans.faultAt(0, { type: "cooling:crah-fail", hall: "h1" });
    fans.run(2 * HOUR);
    const a = firstShutdownMin(chillers);
    const b = firstShutdownMin(fans);
    // Measured: chillers lost, about 15.6 min; air handlers lost, about 3.2 min (the 3-minute study).
    expect(b).toBeGreaterThan(2);
    expect(b).toBeLessThan(5);
    expect(a).toBeGreaterThan(12);
    expect(a).toBeGreaterThan(3 * b);
  });

  it("a larger loop (buffer tanks) buys time in proportion to its water", () => {
    const plain = harness(oneHall({ racks: 100, kwPerRack: 5 }));
    plain.faultAt(0, { type: "cooling:chiller-fail", plant: "p1" });
    plain.run(2 * HOUR);
    const input = oneHall({ racks: 100, kwPerRack: 5 });
    input.plants![0]!.loop = { bufferTankM3: 40 };
    const tanks = harness(input);
    tanks.faultAt(0, { type: "cooling:chiller-fail", plant: "p1" });
    tanks.run(3 * HOUR);
    expect(firstShutdownMin(tanks)).toBeGreaterThan(2 * firstShutdownMin(plain));
  });
});

describe("partial loss and recovery", () => {
  it("a small shortfall in a heat wave climbs over hours instead of running away", () => {
    const input: FacilityInput = oneHall({ racks: 100, kwPerRack: 5 });
    // Three chillers carry 1.05 × the IT load at 35 °C; at 41 °C they lose 9 %: a shortfall of about 4 %.
    input.plants![0]!.chillers = { count: 3, standby: 0, capacityKw: 175 };
    const h = harness(input);
    h.faultAt(0, { type: "weather:outside-temperature", celsius: 41 });
    const temps: number[] = [];
    for (let k = 1; k <= 12; k++) h.at(k * HOUR, () => temps.push(h.model.readMetric("hall.h1.inletCelsius")!));
    h.run(12 * HOUR);
    const above27 = h.of("h1").find((t) => t.to === "above 27 °C");
    expect(above27).toBeDefined();
    expect(minutes(above27!.atMs)).toBeGreaterThan(60);
    // Still climbing hours later, slowly: less than 5 K per hour after the loop has warmed.
    expect(temps[5]!).toBeGreaterThan(temps[2]!);
    for (let k = 3; k < temps.length; k++) expect(temps[k]! - temps[k - 1]!).toBeLessThan(5);
  });

  it("a hall whose cooling returns settles back to its setpoint, and the loop to its supply temperature", () => {
    const input = oneHall({ racks: 100, kwPerRack: 5 });
    input.plants![0]!.chillers.restartFailureProbability = 0;
    const h = harness(input);
    const fault = { type: "cooling:chiller-fail" as const, plant: "p1" };
    h.faultAt(0, fault);
    h.clearAt(5 * MIN, fault);
    let peak = 0;
    for (let m = 1; m < 60; m++) h.at(m * MIN, () => { peak = Math.max(peak, h.model.readMetric("hall.h1.inletCelsius")!); });
    h.run(3 * HOUR);
    expect(peak).toBeGreaterThan(26);
    expect(h.model.readMetric("hall.h1.inletCelsius")).toBeCloseTo(24, 1);
    expect(h.model.readMetric("plant.p1.loopCelsius")).toBeCloseTo(DEFAULT_SUPPLY_WATER_CELSIUS, 1);
    expect(h.model.readMetric("cluster.c1.serversUp")).toBe(1_000);
  });

  it("emergency ventilation with cool outside air holds a hall whose air handlers keep running on a warm loop", () => {
    const input = oneHall({ racks: 100, kwPerRack: 5 });
    input.weather = { outsideCelsius: 10 };
    const h = harness(input);
    h.faultAt(0, { type: "cooling:chiller-fail", plant: "p1" });
    h.actionAt(2 * MIN, { action: "open-ventilation", hall: "h1", airflowM3PerSecond: 60 });
    h.run(3 * HOUR);
    // 60 m³/s of 10 °C air carries 72 kW/K: 500 kW settles about 7 K above outside.
    expect(h.model.readMetric("hall.h1.inletCelsius")).toBeLessThan(24.5);
    expect(h.model.readMetric("cluster.c1.serversUp")).toBe(1_000);
  });
});

describe("energy balance against an independent fine-step integrator", () => {
  it("hall air and loop water follow the same equations integrated with 0.5 s Euler steps", () => {
    const racks = 100;
    const kwPerRack = 5;
    const input = oneHall({ racks, kwPerRack });
    // Servers that never trip, so the heat stays constant and only the thermal model is compared.
    input.clusters![0]!.warningCelsius = { dist: "constant", value: 150 };
    input.clusters![0]!.shutdownCelsius = { dist: "constant", value: 160 };
    const h = harness(input);
    h.faultAt(0, { type: "cooling:chiller-fail", plant: "p1" });
    const checkpoints = [5, 10, 20, 40, 60];
    const model: { air: number; water: number }[] = [];
    for (const m of checkpoints) h.at(m * MIN, () => model.push({ air: h.model.readMetric("hall.h1.inletCelsius")!, water: h.model.readMetric("plant.p1.loopCelsius")! }));
    h.run(61 * MIN);

    // The same physics, written out independently from the defaults.
    const P = racks * kwPerRack;
    const area = racks * FLOOR_AREA_M2_PER_RACK;
    const C = racks * EQUIPMENT_KJ_PER_K_PER_RACK + area * (AIR_KJ_PER_K_PER_M2 + STRUCTURE_KJ_PER_K_PER_M2);
    const UA = area * LOSS_KW_PER_K_PER_M2;
    const Cw = (P / 1000) * LOOP_M3_PER_MW * WATER_KJ_PER_K_PER_M3;
    const rated = Math.ceil((P * 1.25) / 100) * 100;
    const set = 24;
    const outside = 25;
    const design = set + SERVER_AIR_RISE_K - DEFAULT_SUPPLY_WATER_CELSIUS;
    let T = set;
    let Tw = DEFAULT_SUPPLY_WATER_CELSIUS;
    const dt = 0.5;
    const expected: { air: number; water: number }[] = [];
    let next = 0;
    for (let t = 0; next < checkpoints.length; t += dt) {
      if (t >= (checkpoints[next] as number) * 60 - 1e-9) {
        expected.push({ air: T, water: Tw });
        next++;
      }
      const coil = rated * Math.min(COIL_MAX_FACTOR, Math.max(0, (T + SERVER_AIR_RISE_K - Tw) / design));
      const hold = P - UA * (T - outside);
      const Q = T > set + 1e-3 ? coil : Math.min(coil, Math.max(0, hold));
      T += ((P - Q - UA * (T - outside)) / C) * dt;
      Tw += (Q / Cw) * dt;
    }
    for (let k = 0; k < checkpoints.length; k++) {
      expect(Math.abs(model[k]!.air - expected[k]!.air), `air at ${checkpoints[k]} min`).toBeLessThan(0.6);
      expect(Math.abs(model[k]!.water - expected[k]!.water), `water at ${checkpoints[k]} min`).toBeLessThan(0.6);
    }
  });
});
