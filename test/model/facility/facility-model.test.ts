import { describe, expect, it } from "vitest";
import { harness, oneHall } from "./harness.js";
import type { FacilityInput } from "../../../src/model/facility/config.js";
import type { Transition } from "../../../src/model/core/trace.js";

const MIN = 60_000;

function powered(): FacilityInput {
  return {
    power: {
      utilities: [{ id: "grid" }],
      feeds: [
        { id: "it", utility: "grid", ups: { batteryMinutes: 10 }, generators: { count: 2, needed: 1, startFailureProbability: 0 } },
        { id: "mech", utility: "grid", generators: { count: 2, needed: 1, startFailureProbability: 0 } },
      ],
    },
    plants: [{
      id: "p1", feed: "mech", pumps: { feed: "it" },
      chillers: { count: 7, standby: 2, restartFailureProbability: 0 },
      groups: [{ id: "loop-1", kind: "loop", chillers: ["p1-ch1", "p1-ch2", "p1-ch6"] }],
    }],
    halls: [{ id: "h1", plant: "p1", feed: "it" }],
    clusters: [
      { id: "c1", hall: "h1", role: "compute", servers: 800, kwPerServer: 0.5 },
      { id: "s1", hall: "h1", role: "storage", servers: 200, kwPerServer: 0.5 },
    ],
  };
}

function chillerStates(h: ReturnType<typeof harness>, prefix = "p1-ch"): Map<string, string> {
  const m = new Map<string, string>();
  for (const t of h.trace.all()) if (t.component.startsWith(prefix)) m.set(t.component, t.to);
  return m;
}

function rootsOf(h: ReturnType<typeof harness>, t: Transition): Set<number> {
  const roots = new Set<number>();
  const stack = [t.id];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const e = h.trace.get(id);
    if (e.causes.length === 0) roots.add(id);
    stack.push(...e.causes);
  }
  return roots;
}

describe("cooling plant", () => {
  it("a common-mode loop fault trips the standby chiller on the loop too, so only the other standby starts", () => {
    const h = harness(powered());
    h.faultAt(MIN, { type: "cooling:chiller-fail", group: "loop-1" });
    h.run(MIN + 1);
    const s = chillerStates(h);
    expect(s.get("p1-ch1")).toBe("tripped");
    expect(s.get("p1-ch2")).toBe("tripped");
    expect(s.get("p1-ch6")).toBe("tripped");
    expect(s.get("p1-ch7")).toBe("starting");
    expect(h.model.readMetric("plant.p1.chillersRunning")).toBe(3);
    expect(h.of("p1").at(-1)?.to).toBe("degraded");
  });

  it("a single chiller failure is covered by a standby chiller after its restart time", () => {
    const h = harness(powered());
    h.faultAt(MIN, { type: "cooling:chiller-fail", chillers: ["p1-ch1"] });
    h.run(MIN + 9 * MIN);
    expect(chillerStates(h).get("p1-ch6")).toBe("running");
    expect(h.model.readMetric("plant.p1.chillersRunning")).toBe(5);
    const started = h.of("p1-ch6").find((t) => t.to === "running")!;
    expect(started.atMs - MIN).toBeGreaterThanOrEqual(4 * MIN);
    expect(started.atMs - MIN).toBeLessThanOrEqual(8 * MIN);
  });

  it("a plant fault with a count trips the running chillers first", () => {
    const h = harness(powered());
    h.faultAt(0, { type: "cooling:chiller-fail", plant: "p1", count: 2 });
    h.run(1);
    const s = chillerStates(h);
    expect(s.get("p1-ch1")).toBe("tripped");
    expect(s.get("p1-ch2")).toBe("tripped");
    expect(s.get("p1-ch6")).toBe("starting");
  });

  it("a voltage sag trips every running chiller not on UPS while the IT load on UPS stays up (Azure Australia East 2023)", () => {
    const input = powered();
    input.plants![0]!.chillers.autoRestart = false;
    const h = harness(input, 4);
    h.faultAt(MIN, { type: "power:voltage-sag", utility: "grid" });
    h.run(MIN + 1);
    const s = chillerStates(h);
    for (const k of [1, 2, 3, 4, 5]) expect(s.get(`p1-ch${k}`)).toBe("tripped");
    expect(h.model.readMetric("cluster.c1.serversUp")).toBe(800);
    expect(h.model.readMetric("feed.it.powered")).toBe(1);
  });

  it("armed restart failures make the next restarts fail, and name the fault as a cause", () => {
    const h = harness(powered());
    h.faultAt(0, { type: "cooling:chiller-fail", plant: "p1" });
    h.faultAt(0, { type: "cooling:restart-fail", plant: "p1", count: 2 });
    h.actionAt(MIN, { action: "restart-chillers", plant: "p1" });
    h.run(20 * MIN);
    const failed = h.trace.all().filter((t) => t.detail === "restart failed (injected)");
    expect(failed).toHaveLength(2);
    const armId = h.trace.all().find((t) => t.component === "fault-cooling:restart-fail")!.id;
    for (const f of failed) expect(f.causes).toContain(armId);
    expect(h.model.readMetric("plant.p1.chillersRunning")).toBe(5);
  });

  it("chilled-water storage rides through its minutes at full load, then drains and the hall heats", () => {
    const h = harness(oneHall({ racks: 100, kwPerRack: 5, storageMinutes: 10 }));
    h.faultAt(0, { type: "cooling:chiller-fail", plant: "p1" });
    let at9 = NaN;
    h.at(9 * MIN, () => { at9 = h.model.readMetric("hall.h1.inletCelsius")!; });
    h.run(30 * MIN);
    expect(at9).toBeLessThan(25);
    const drained = h.of("p1-storage").find((t) => t.to === "drained")!;
    expect(drained.atMs).toBeGreaterThan(9.5 * MIN);
    expect(drained.atMs).toBeLessThan(10.5 * MIN);
    expect(h.of("h1").find((t) => t.to === "above 27 °C")!.causes.length).toBeGreaterThan(0);
  });
});

describe("power", () => {
  it("a utility loss moves IT to UPS then generators, and chillers restart after the power transfer", () => {
    const h = harness(powered());
    h.faultAt(MIN, { type: "power:utility-loss" });
    h.run(MIN + 40 * MIN);
    expect(h.of("it").map((t) => t.to)).toEqual(["on ups", "on generator"]);
    expect(h.of("mech").map((t) => t.to)).toEqual(["unpowered", "on generator"]);
    const ch1 = h.of("p1-ch1").map((t) => t.to);
    expect(ch1.slice(0, 2)).toEqual(["unpowered", "starting"]);
    const restart = h.of("p1-ch1").find((t) => t.to === "running")!;
    expect(restart.atMs - MIN).toBeGreaterThanOrEqual(15 * MIN);
    expect(restart.atMs - MIN).toBeLessThanOrEqual(31 * MIN);
    expect(h.model.invariantViolations()).toEqual([]);
  });

  it("a UPS without generators drains and takes the hall's servers down; none is up without power", () => {
    const input = powered();
    input.power!.feeds![0]!.generators = undefined;
    input.power!.feeds![0]!.ups = { batteryMinutes: 5 };
    const h = harness(input);
    h.faultAt(0, { type: "power:utility-loss" });
    const violations: string[] = [];
    for (let m = 1; m <= 20; m++) h.at(m * MIN, () => violations.push(...h.model.invariantViolations()));
    h.run(20 * MIN);
    const down = h.of("it").find((t) => t.to === "unpowered")!;
    expect(down.atMs).toBe(5 * MIN);
    expect(h.model.readMetric("hall.h1.serversUp")).toBe(0);
    expect(h.model.readMetric("hall.h1.itKw")).toBe(0);
    expect(violations).toEqual([]);
    expect(h.model.clusterHealth("c1")).toBe("down");
  });

  it("clearing a utility loss returns the feeds to utility and stops the generators", () => {
    const h = harness(powered());
    const fault = { type: "power:utility-loss" } as const;
    h.faultAt(0, fault);
    h.clearAt(10 * MIN, fault);
    h.run(11 * MIN);
    expect(h.of("it").at(-1)?.to).toBe("utility");
    expect(h.of("it-gen").at(-1)?.to).toBe("standby");
  });

  it("clearing faults undoes exactly what they did: pumps, CRAH units, chillers and the weather", () => {
    const input = powered();
    const h = harness(input);
    const pumps = { type: "cooling:pump-fail", plant: "p1", count: 1 } as const;
    const crah = { type: "cooling:crah-fail", hall: "h1" } as const;
    const chillers = { type: "cooling:chiller-fail", plant: "p1" } as const;
    const heat = { type: "weather:outside-temperature", celsius: 40 } as const;
    for (const f of [pumps, crah, chillers, heat]) { h.faultAt(MIN, f); h.clearAt(3 * MIN, f); }
    let during = { pumps: 0, crahKw: 0, outside: 0 };
    h.at(2 * MIN, () => { during = { pumps: h.model.readMetric("plant.p1.pumpsRunning")!, crahKw: h.model.readMetric("hall.h1.coolingMaxKw")!, outside: h.model.readMetric("weather.outsideCelsius")! }; });
    h.run(15 * MIN);
    expect(during).toEqual({ pumps: 1, crahKw: 0, outside: 40 });
    expect(h.model.readMetric("plant.p1.pumpsRunning")).toBe(2);
    expect(h.model.readMetric("weather.outsideCelsius")).toBe(25);
    expect(h.model.readMetric("plant.p1.chillersRunning")).toBe(5);
    expect(h.model.readMetric("hall.h1.coolingMaxKw")).toBeGreaterThan(0);
  });
});

describe("halls, clusters and the trace", () => {
  it("walks back from a cluster shutdown to the injected fault, through the hall crossing", () => {
    const h = harness(oneHall({ racks: 100, kwPerRack: 5 }));
    h.faultAt(0, { type: "cooling:chiller-fail", plant: "p1" });
    h.run(30 * MIN);
    const shutdown = h.of("c1").find((t) => t.detail?.includes("shut down") === true)!;
    expect(h.trace.get(shutdown.causes[0]!).component).toBe("h1");
    expect(h.trace.get(shutdown.causes[0]!).to).toMatch(/^above/);
    const roots = [...rootsOf(h, shutdown)].map((id) => h.trace.get(id).component);
    expect(roots).toEqual(["fault-cooling:chiller-fail"]);
  });

  it("tells the layers above about every capacity change, with the transition that made it", () => {
    const h = harness(oneHall({ racks: 100, kwPerRack: 5 }));
    h.faultAt(0, { type: "cooling:crah-fail", hall: "h1" });
    h.run(30 * MIN);
    expect(h.capacityCalls.length).toBeGreaterThan(1);
    for (const c of h.capacityCalls) expect(h.trace.get(c.cause).component).toBe(c.id);
    expect(h.model.clusterCapacity("c1")).toBe(0);
  });

  it("records aggregated cluster transitions, never one per server", () => {
    const h = harness(oneHall({ racks: 500, kwPerRack: 5 }));
    h.faultAt(0, { type: "cooling:crah-fail", hall: "h1" });
    h.run(60 * MIN);
    // The last few servers (coolest racks, highest thresholds) survive: with most servers off the room stops heating.
    expect(h.model.readMetric("cluster.c1.serversUp")).toBeLessThan(50);
    expect(h.of("c1").length).toBeLessThan(60);
  });

  it("emergency cooling brings a hall without its plant back to its setpoint", () => {
    const h = harness(oneHall({ racks: 100, kwPerRack: 5 }));
    h.faultAt(0, { type: "cooling:chiller-fail", plant: "p1" });
    h.actionAt(MIN, { action: "add-cooling", hall: "h1", capacityKw: 700 });
    const events = h.run(60 * MIN);
    // Once held at its setpoint the hall schedules nothing more: no ticking, no event storm.
    expect(events).toBeLessThan(50);
    // The run drains at the last event (the hall passing 24.001 °C on its way down to the setpoint).
    expect(h.model.readMetric("hall.h1.inletCelsius")).toBeCloseTo(24, 2);
    expect(h.model.readMetric("cluster.c1.serversUp")).toBe(1_000);
  });

  it("power-off of a hall keeps every server off until a power-on names the hall", () => {
    const h = harness(oneHall({ racks: 10, kwPerRack: 5 }));
    h.actionAt(MIN, { action: "power-off", hall: "h1" });
    h.actionAt(10 * MIN, { action: "power-on", cluster: "c1", batchSize: 50, every: MIN });
    h.run(20 * MIN);
    expect(h.model.readMetric("hall.h1.serversUp")).toBe(0);
    expect(h.model.invariantViolations()).toEqual([]);
    const h2 = harness(oneHall({ racks: 10, kwPerRack: 5 }));
    h2.actionAt(MIN, { action: "power-off", hall: "h1" });
    h2.actionAt(10 * MIN, { action: "power-on", hall: "h1", batchSize: 50, every: MIN });
    h2.run(20 * MIN);
    expect(h2.model.readMetric("hall.h1.serversUp")).toBe(100);
  });

  it("storage servers damaged by heat need a repair before they power on", () => {
    const input = oneHall({ racks: 100, kwPerRack: 5, role: "storage" });
    input.clusters![0]!.damage = { probabilityPerKelvin: 0.2 };
    input.plants![0]!.chillers.restartFailureProbability = 0;
    const h = harness(input);
    h.faultAt(0, { type: "cooling:chiller-fail", plant: "p1" });
    h.actionAt(20 * MIN, { action: "restart-chillers", plant: "p1" });
    h.actionAt(40 * MIN, { action: "power-on", hall: "h1", batchSize: 1_000, every: MIN });
    h.actionAt(90 * MIN, { action: "repair", cluster: "c1" });
    h.actionAt(91 * MIN, { action: "power-on", cluster: "c1", batchSize: 1_000, every: MIN });
    let damagedBefore = 0;
    let upBefore = 0;
    h.at(89 * MIN, () => { damagedBefore = h.model.readMetric("cluster.c1.serversDamaged")!; upBefore = h.model.readMetric("cluster.c1.serversUp")!; });
    h.run(120 * MIN);
    expect(damagedBefore).toBeGreaterThan(0);
    expect(upBefore).toBe(1_000 - damagedBefore);
    expect(h.model.readMetric("cluster.c1.serversUp")).toBe(1_000);
  });

  it("a heat wave derates the chillers and overheats a tightly sized plant", () => {
    const input = oneHall({ racks: 100, kwPerRack: 5 });
    input.plants![0]!.chillers.capacityKw = 270;
    input.plants![0]!.chillers.deratePerKelvin = 0.03;
    const h = harness(input);
    h.faultAt(0, { type: "weather:outside-temperature", celsius: 45, over: 60 * MIN });
    h.run(4 * 60 * MIN);
    expect(h.model.readMetric("weather.outsideCelsius")).toBe(45);
    expect(h.of("h1").some((t) => t.to === "above 27 °C")).toBe(true);
  });

  it("server failures take capacity until repaired", () => {
    const h = harness(oneHall({ racks: 100, kwPerRack: 5 }));
    h.faultAt(MIN, { type: "server:fail", cluster: "c1", fraction: 0.2 });
    h.actionAt(5 * MIN, { action: "repair", cluster: "c1" });
    h.actionAt(6 * MIN, { action: "power-on", cluster: "c1", batchSize: 1_000, every: MIN });
    let cap = 1;
    h.at(2 * MIN, () => { cap = h.model.clusterCapacity("c1"); });
    h.run(10 * MIN);
    expect(cap).toBeGreaterThan(0.7);
    expect(cap).toBeLessThan(0.9);
    expect(h.model.clusterCapacity("c1")).toBe(1);
  });

  it("answers every metric it lists", () => {
    const h = harness(powered());
    h.run(1);
    const names = h.model.metricNames();
    for (const n of ["hall.h1.inletCelsius", "hall.h1.maxInletCelsius", "hall.h1.itKw", "hall.h1.coolingKw", "cluster.c1.serversUp", "cluster.c1.capacity", "plant.p1.chillersRunning", "plant.p1.storageMinutes"]) expect(names).toContain(n);
    for (const n of names) expect(Number.isFinite(h.model.readMetric(n))).toBe(true);
    expect(h.model.readMetric("hall.nope.inletCelsius")).toBeUndefined();
    expect(h.model.clusterIds()).toEqual(["c1", "s1"]);
  });
});
