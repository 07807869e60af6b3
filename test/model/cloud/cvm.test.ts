import { describe, expect, it } from "vitest";
import { CvmBehavior } from "../../../src/model/cloud/cvm.js";
import type { CvmInput } from "../../../src/model/cloud/config.js";
import { Driver, fakeContext } from "./harness.js";

const M = 60_000;
const ctx = fakeContext({ ha: 10, hb: 10, hc: 10 });
const base: CvmInput = { kind: "cvm", zones: { a: ["ha"], b: ["hb"] }, vms: 100, vmsPerServer: 10, controlPlane: "cp", restartRatePerMinute: 20, restartDelay: 5 * M, restartEvery: M };

function vms(d: Driver) {
  return d.behavior.metrics();
}

describe("CVM", () => {
  it("spreads VMs over zones; a zone down takes its VMs down; restarts begin after the delay at the bounded rate", () => {
    const d = new Driver(new CvmBehavior("cvm", base, ctx), { cp: 1 });
    expect(d.set(1 * M, { ha: 0 })).toBe(0.5);
    expect(vms(d)).toMatchObject({ vmsLost: 50, vmsWaiting: 50, spareSlots: 50 });
    expect(d.at(6 * M - 1)).toBe(0.5);
    expect(d.at(6 * M)).toBe(0.7);
    expect(d.at(7 * M)).toBe(0.9);
    expect(d.at(8 * M)).toBe(1);
    expect(vms(d)).toMatchObject({ vmsLost: 50, vmsRestarted: 50, vmsWaiting: 0, vmsRunning: 100 });
  });

  it("loses the same fraction of a cluster's VMs as of its hosts", () => {
    const d = new Driver(new CvmBehavior("cvm", base, ctx), { cp: 1 });
    d.set(M, { ha: 0.5 });
    expect(vms(d).vmsLost).toBe(25);
  });

  it("restarts nothing while the control plane is down, and resumes as soon as it is back", () => {
    const d = new Driver(new CvmBehavior("cvm", base, ctx), { cp: 1 });
    d.set(1 * M, { ha: 0, cp: 0 });
    expect(d.at(15 * M)).toBe(0.5);
    expect(d.behavior.describe?.()).toBe("50 VMs waiting for restart (control plane down)");
    expect(d.set(20 * M, { cp: 1 })).toBe(0.7);
    expect(d.at(21 * M)).toBe(0.9);
    expect(d.at(22 * M)).toBe(1);
  });

  it("restarts at a rate scaled by a throttled control plane's capacity", () => {
    const d = new Driver(new CvmBehavior("cvm", base, ctx), { cp: 1 });
    d.set(1 * M, { ha: 0, cp: 0.6 });
    expect(d.at(6 * M)).toBeCloseTo(0.62, 12); // 12 per minute
    expect(d.at(7 * M)).toBeCloseTo(0.74, 12);
  });

  it("waits for spare capacity when the region has none, and restarts on hosts that come back", () => {
    const d = new Driver(new CvmBehavior("cvm", { ...base, vmsPerServer: 5 }, ctx), { cp: 1 });
    d.set(1 * M, { ha: 0 });
    expect(d.at(20 * M)).toBe(0.5);
    expect(d.behavior.describe?.()).toContain("no spare capacity");
    expect(d.set(30 * M, { ha: 1 })).toBe(0.7);
    expect(d.at(32 * M)).toBe(1);
  });

  it("evaluated several times at one instant restarts one batch only", () => {
    const d = new Driver(new CvmBehavior("cvm", base, ctx), { cp: 1 });
    d.set(1 * M, { ha: 0 });
    d.at(6 * M);
    d.evaluate();
    d.evaluate();
    expect(vms(d).vmsRestarted).toBe(20);
  });

  it("packs VMs into the first cluster, so losing it loses them all", () => {
    const d = new Driver(new CvmBehavior("cvm", { ...base, placement: "pack" }, ctx), { cp: 1 });
    expect(d.set(M, { ha: 0 })).toBe(0);
    expect(vms(d).vmsLost).toBe(100);
  });

  it("keeps anti-affinity groups spread over three zones working with one zone down when two of three suffice", () => {
    const zones = { a: ["ha"], b: ["hb"], c: ["hc"] };
    const two = new Driver(new CvmBehavior("cvm", { ...base, zones, vms: 90, antiAffinity: { groupSize: 3, needed: 2 } }, ctx), { cp: 0 });
    const three = new Driver(new CvmBehavior("cvm", { ...base, zones, vms: 90, antiAffinity: { groupSize: 3 } }, ctx), { cp: 0 });
    two.set(M, { ha: 0 });
    three.set(M, { ha: 0 });
    expect(two.behavior.metrics().groupsAvailable).toBeCloseTo(1, 12);
    expect(three.behavior.metrics().groupsAvailable).toBeCloseTo(0, 12);
    two.set(2 * M, { hb: 0 });
    expect(two.behavior.metrics().groupsAvailable).toBeCloseTo(0, 12);
  });

  it("refuses more VMs than its clusters have slots", () => {
    expect(() => new CvmBehavior("cvm", { ...base, vms: 201 }, ctx)).toThrow(/do not fit/);
  });
});
