import { describe, expect, it } from "vitest";
import { emptyBatch, ServerCluster, SERVER_DAMAGED, SERVER_OFF, SERVER_UP } from "../../../src/model/compute/server-cluster.js";
import { normalizeFacility } from "../../../src/model/facility/config.js";
import { fakeRng } from "./fake-rng.js";

function cluster(role: "compute" | "storage" = "compute", servers = 1_000): ServerCluster {
  const cfg = normalizeFacility({
    plants: [{ id: "p", chillers: { count: 2 } }],
    halls: [{ id: "h", plant: "p" }],
    clusters: [{ id: "c", hall: "h", role, servers, kwPerServer: 0.5 }],
  });
  const racks = Math.ceil(servers / 10);
  const offsets = new Float32Array(racks);
  const rng = fakeRng(5);
  for (let r = 0; r < racks; r++) offsets[r] = rng.sample({ dist: "normal", mean: 1.5, sd: 1.5, min: -1, max: 6 });
  return new ServerCluster(cfg.clusters[0]!, 0, 0, offsets, fakeRng(9));
}

describe("a server cluster", () => {
  it("starts with every server up, full capacity and full heat", () => {
    const c = cluster();
    expect(c.up).toBe(1_000);
    expect(c.capacity()).toBe(1);
    expect(c.heatKw()).toBeCloseTo(500, 9);
    expect(c.health()).toBe("healthy");
  });

  it("shuts down exactly the servers whose effective shutdown temperature the hall passed, in one batch", () => {
    const c = cluster();
    const hall = 42;
    const expected = [...c.crit.effCelsius].filter((e) => e <= hall).length;
    const batch = emptyBatch();
    c.syncShutdown(hall, fakeRng(1), batch);
    expect(batch.protective).toBe(expected);
    expect(c.up).toBe(1_000 - expected);
    for (let i = 0; i < c.n; i++) {
      const eff = c.crit.effCelsius[c.crit.pos[i]!]!;
      expect(c.state[i] === SERVER_UP).toBe(eff > hall);
    }
  });

  it("throttles servers above warning: less capacity and less heat", () => {
    const c = cluster();
    const batch = emptyBatch();
    c.syncWarning(38, 0, batch);
    expect(batch.throttled).toBeGreaterThan(0);
    expect(c.capacity()).toBeCloseTo(1 - (batch.throttled / 1_000) * 0.3, 9);
    expect(c.heatKw()).toBeCloseTo(0.5 * (1_000 - batch.throttled * 0.2), 9);
  });

  it("releases throttled servers only below threshold minus hysteresis", () => {
    const c = cluster();
    c.syncWarning(38, 0, emptyBatch());
    const throttled = c.throttledUp;
    c.syncWarning(37.5, 1, emptyBatch());
    expect(c.throttledUp).toBeGreaterThan(throttled / 2);
    c.syncWarning(20, 2, emptyBatch());
    expect(c.throttledUp).toBe(0);
  });

  it("shuts down gracefully the servers that stayed above warning for the dwell (60 s)", () => {
    const c = cluster();
    c.syncWarning(38, 0, emptyBatch());
    const above = c.throttledUp;
    const early = emptyBatch();
    c.syncDwell(38, 59_999, fakeRng(1), early);
    expect(early.graceful).toBe(0);
    expect(c.nextDwellMs()).toBe(60_000);
    const due = emptyBatch();
    c.syncDwell(38, 60_000, fakeRng(1), due);
    expect(due.graceful).toBe(above);
    expect(c.throttledUp).toBe(0);
  });

  it("damages storage servers more the hotter their shutdown, and never compute servers by default", () => {
    const storage = cluster("storage", 20_000);
    const b = emptyBatch();
    storage.syncShutdown(60, fakeRng(2), b);
    expect(b.damaged).toBeGreaterThan(0);
    const frac = b.damaged / b.protective;
    // Inlets around 60–66 °C, onset 40, 2 %/K: roughly 40–50 % damaged.
    expect(frac).toBeGreaterThan(0.3);
    expect(frac).toBeLessThan(0.6);
    const compute = cluster("compute", 2_000);
    const bc = emptyBatch();
    compute.syncShutdown(60, fakeRng(2), bc);
    expect(bc.damaged).toBe(0);
  });

  it("powers off the servers closest to a trip first and powers on only cool, undamaged ones", () => {
    const c = cluster("storage", 1_000);
    expect(c.powerOff(100)).toBe(100);
    for (let p = 0; p < 100; p++) expect(c.state[c.crit.order[p]!]).toBe(SERVER_OFF);
    c.state[c.crit.order[0]!] = SERVER_OFF;
    c.setState(c.crit.order[1]!, SERVER_DAMAGED);
    expect(c.powerOn(1_000)).toBe(99);
    expect(c.up).toBe(999);
    expect(c.repair()).toBe(1);
    expect(c.powerOn(10)).toBe(1);
    expect(c.up).toBe(1_000);
  });

  it("keeps its counters equal to a recount of the state array", () => {
    const c = cluster();
    c.syncWarning(39, 0, emptyBatch());
    c.syncShutdown(41.5, fakeRng(3), emptyBatch());
    c.failFraction(0.1, fakeRng(4));
    c.powerOff(50);
    const [up, off, damaged, failed] = c.recount();
    expect([up, off, damaged, failed]).toEqual([...c.counts]);
    expect(c.up).toBe(up);
  });
});
