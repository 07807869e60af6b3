import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/engine/simulation.js";
import { deriveStream } from "../../../src/engine/rng.js";
import { DataLedger } from "../../../src/model/core/data-ledger.js";
import { TraceRecorder } from "../../../src/model/core/trace.js";
import { DataModel } from "../../../src/model/data/data-model.js";
import type { CorruptWritesFault, DataAction, MigrationFault } from "../../../src/model/data/config.js";

const HOUR = 3_600_000;

/** A data model over a constant write rate, driven by hand: strike, act and advance the clock. */
function harness(rps = 1000) {
  const sim = new Simulation();
  const trace = new TraceRecorder();
  const ledger = new DataLedger();
  const model = new DataModel(
    { sim, trace, stream: (id, purpose) => deriveStream(1, id, purpose), capacityChanged: () => {} },
    ledger,
    { writeSource: () => ({ rates: () => [{ atMs: 0, rps }], shares: () => [{ atMs: 0, capacity: 1 }] }), formatTime: (ms) => `${ms / 60_000}m` },
  );
  const fault = (name: string, atMs: number, type = "data:corrupt-writes"): number => trace.record({ atMs, component: name, layer: "fault", from: "pending", to: "injected", causes: [], aspect: "lifecycle", atWork: false, detail: type });
  const step = (name: string, atMs: number): number => trace.record({ atMs, component: name, layer: "operator", from: "waiting", to: "acted", causes: [], aspect: "lifecycle", atWork: false, detail: "" });
  const tick = sim.registerKind("tick", () => {});
  // The clock stays put when nothing is due, so a tick marks the moment to advance to.
  const advance = (toMs: number): void => {
    sim.scheduleAt(tick, toMs, 0, 99);
    sim.run({ horizonMs: toMs, maxEvents: 1e6 });
  };
  const corrupt = (name: string, perMille: number, source: "partner" | "node", atMs = 0): void => {
    const f: CorruptWritesFault = { type: "data:corrupt-writes", app: "web", perMille, source };
    model.strike(name, f, fault(name, atMs), atMs);
  };
  const act = (name: string, action: DataAction): void => model.act(name, action, step(name, sim.nowMs), sim.nowMs);
  const sum = (kind: string): number => ledger.all().filter((e) => e.kind === kind).reduce((s, e) => s + e.count, 0);
  return { sim, trace, ledger, model, advance, corrupt, act, sum, fault };
}

describe("corrupted writes", () => {
  it("counts exactly for a constant rate: 1,000 writes/s at 2‰ for an hour is 7,200 records", () => {
    const h = harness();
    h.corrupt("partner", 2, "partner");
    h.advance(HOUR);
    h.act("fix", { action: "fix-partner-format", fault: "partner" });
    h.model.finish(2 * HOUR);
    expect(h.sum("corrupted")).toBe(7_200);
    expect(h.ledger.acknowledgedLost()).toBe(7_200);
    expect(h.ledger.all().every((e) => e.unit === "records" && e.component === "web")).toBe(true);
  });

  it("a partner's fix stops its stream but not the node's; removing the node stops that one", () => {
    const h = harness();
    h.corrupt("partner", 2, "partner");
    h.corrupt("node", 1, "node");
    h.advance(HOUR);
    h.act("fix", { action: "fix-partner-format", fault: "partner" });
    expect(h.model.records("web").corrupted).toBe(7_200); // the node's stream is counted when it stops
    h.advance(2 * HOUR);
    h.act("out", { action: "remove-node", fault: "node" });
    h.advance(3 * HOUR);
    h.model.finish(3 * HOUR);
    expect(h.sum("corrupted")).toBe(7_200 + 7_200);
    const cleared = h.trace.all().filter((t) => t.to === "cleared").map((t) => [t.component, t.atMs]);
    expect(cleared).toEqual([["partner", HOUR], ["node", 2 * HOUR]]);
  });

  it("a node's stream keeps counting to the end of the run when nobody removes it", () => {
    const h = harness();
    h.corrupt("node", 1, "node");
    h.advance(HOUR);
    h.act("fix", { action: "fix-partner-format", fault: "node" }); // the wrong action: nothing stops
    h.model.finish(4 * HOUR);
    expect(h.sum("corrupted")).toBe(4 * 3_600);
  });

  it("a duration clears a partner's stream, and the clearing is in the trace with the counts and its cause", () => {
    const h = harness();
    h.corrupt("partner", 1, "partner");
    h.advance(30 * 60_000);
    h.model.clear("partner", h.sim.nowMs, [0]);
    const cleared = h.trace.all().find((t) => t.to === "cleared");
    expect(cleared?.causes).toEqual([0]);
    expect(cleared?.detail).toContain("1,800 records corrupted");
  });

  it("moves the records' line in the trace: clean → corrupting → dirty → repairing → clean, each with a cause", () => {
    const h = harness();
    h.corrupt("partner", 2, "partner");
    h.advance(HOUR);
    h.act("fix", { action: "fix-partner-format", fault: "partner" });
    h.act("repair", { action: "repair-records", app: "web", over: 30 * 60_000 });
    h.advance(2 * HOUR);
    const line = h.trace.all().filter((t) => t.component === "web");
    expect(line.map((t) => `${t.from}→${t.to}`)).toEqual(["clean→corrupting", "corrupting→dirty", "dirty→repairing", "repairing→clean"]);
    expect(line.every((t) => t.causes.length === 1 && t.layer === "app")).toBe(true);
    expect(line[3]?.atMs).toBe(HOUR + 30 * 60_000);
  });
});

describe("repairs by hand", () => {
  it("reduce acknowledgedLost by what they repair, when they end", () => {
    const h = harness();
    h.corrupt("partner", 2, "partner");
    h.advance(HOUR);
    h.act("fix", { action: "fix-partner-format", fault: "partner" });
    h.act("half", { action: "repair-records", app: "web", fraction: 0.5 });
    expect(h.ledger.acknowledgedLost()).toBe(3_600);
    h.act("rest", { action: "repair-records", app: "web", over: HOUR });
    expect(h.ledger.acknowledgedLost()).toBe(3_600); // not yet: the repair takes an hour
    h.advance(2 * HOUR);
    expect(h.ledger.acknowledgedLost()).toBe(0);
    expect(h.sum("repaired")).toBe(7_200);
  });

  it("repair only what was corrupted when they start; a stream still running leaves more to repair", () => {
    const h = harness();
    h.corrupt("node", 1, "node");
    h.advance(HOUR);
    h.act("early", { action: "repair-records", app: "web" });
    h.advance(2 * HOUR);
    h.act("out", { action: "remove-node", fault: "node" });
    h.model.finish(2 * HOUR);
    expect(h.sum("repaired")).toBe(3_600);
    expect(h.ledger.acknowledgedLost()).toBe(3_600);
  });

  it("count the share done when the run ends mid-repair", () => {
    const h = harness();
    h.corrupt("partner", 1, "partner");
    h.advance(HOUR);
    h.act("fix", { action: "fix-partner-format", fault: "partner" });
    h.act("slow", { action: "repair-records", app: "web", over: 2 * HOUR });
    h.advance(2 * HOUR);
    h.model.finish(2 * HOUR);
    expect(h.sum("repaired")).toBe(1_800);
  });
});

describe("migrations", () => {
  const migration = (verifyBeforeDelete: boolean): MigrationFault => ({ type: "data:migration", from: "old", to: "new", objects: 1_000_000, copyFailurePerMille: 2, verifyBeforeDelete, over: 10 * HOUR });

  it("without verification, lose objects × rate when the copies end, and say verification would have kept them", () => {
    const h = harness();
    h.model.strike("move", migration(false), h.fault("move", 0, "data:migration"), 0);
    h.advance(20 * HOUR);
    expect(h.ledger.all()).toMatchObject([{ atMs: 10 * HOUR, component: "old", kind: "written", unit: "objects" }, { atMs: 10 * HOUR, component: "old", kind: "lost", count: 2_000, unit: "objects" }]);
    expect(h.ledger.all()[1]?.detail).toContain("would have been kept with verify-before-delete");
    const phases = h.trace.all().filter((t) => t.component === "move").map((t) => t.to);
    expect(phases).toEqual(["injected", "copying", "copied", "sources deleted", "verified"]);
    const lost = h.trace.all().find((t) => t.component === "old");
    expect(lost).toMatchObject({ from: "intact", to: "lost", layer: "cloud" });
    expect(h.trace.get(h.ledger.all()[1]!.cause).component).toBe("old");
  });

  it("with verification, lose nothing and delete the sources later, after re-copying", () => {
    const h = harness();
    h.model.strike("move", migration(true), h.fault("move", 0, "data:migration"), 0);
    h.advance(20 * HOUR);
    expect(h.ledger.acknowledgedLost()).toBe(0);
    const phases = h.trace.all().filter((t) => t.component === "move");
    expect(phases.map((t) => t.to)).toEqual(["injected", "copying", "copied", "re-copying", "verified", "sources deleted"]);
    expect(phases[5]?.atMs).toBe(10 * HOUR + 72_144);
    for (const t of phases.slice(1)) expect(t.causes).toEqual([t.id - 1]);
  });
});
