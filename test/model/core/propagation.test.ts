import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/engine/simulation.js";
import { deriveStream } from "../../../src/engine/rng.js";
import type { ModelContext } from "../../../src/model/core/context.js";
import { DependencyGraph } from "../../../src/model/core/dependency-graph.js";
import { PropagationNetwork, formatPercent, type DerivedNodeSpec } from "../../../src/model/core/propagation.js";
import { TraceRecorder } from "../../../src/model/core/trace.js";
import { DataLedger } from "../../../src/model/core/data-ledger.js";

function world(specs: DerivedNodeSpec[], sources: Record<string, number>) {
  const sim = new Simulation();
  const trace = new TraceRecorder();
  const ctx: ModelContext = { sim, trace, stream: (id, p) => deriveStream(1, id, p), capacityChanged: () => undefined };
  const net = new PropagationNetwork(specs, ctx, (id) => sources[id] ?? 1, new DataLedger());
  return { sim, trace, net, sources };
}

const node = (id: string, layer: "cloud" | "app", runsOn: string[], deps: [string, "hard" | "soft" | "fallback", number?][]): DerivedNodeSpec => ({
  id, layer, runsOn, dependsOn: deps.map(([on, mode, fb]) => ({ on, mode, fallbackCapacity: fb ?? 0.9 })), degradedBelow: 0.99, downBelow: 0.5, measure: layer === "app" ? "success" : "capacity",
});

describe("PropagationNetwork", () => {
  it("derives placement capacity as the mean of the clusters a service runs on", () => {
    const { net, sim, sources, trace } = world([node("svc", "cloud", ["c1", "c2"], [])], { c1: 1, c2: 1 });
    sources.c1 = 0;
    net.inputChanged("c1", trace.record({ atMs: 0, component: "c1", layer: "compute", from: "healthy", to: "down", causes: [], aspect: "health", atWork: false }));
    sim.run({ horizonMs: 1000, maxEvents: 100 });
    expect(net.capacity("svc")).toBe(0.5);
  });

  it("multiplies hard dependencies, floors fallbacks and ignores soft ones for capacity", () => {
    const { net, sim, trace } = world([
      node("a", "cloud", [], []), node("b", "cloud", [], []), node("c", "cloud", [], []),
      node("app", "app", [], [["a", "hard"], ["b", "fallback", 0.6], ["c", "soft"]]),
    ], {});
    const fault = trace.record({ atMs: 0, component: "f", layer: "fault", from: "pending", to: "injected", causes: [], aspect: "lifecycle", atWork: false });
    net.hold("a", "f", 0.8, fault);
    net.hold("b", "f", 0, fault);
    net.hold("c", "f", 0, fault);
    sim.run({ horizonMs: 1000, maxEvents: 100 });
    expect(net.capacity("app")).toBeCloseTo(0.8 * 0.6, 10);
    expect(net.health("c")).toBe("down");
    net.hold("a", "f", undefined, fault);
    net.hold("b", "f", undefined, fault);
    sim.run({ horizonMs: 2000, maxEvents: 100 });
    expect(net.capacity("app")).toBe(1);
    expect(net.health("app")).toBe("degraded");
  });

  it("records a transition only when health changes, caused by the input's transition", () => {
    const { net, sim, trace } = world([node("svc", "cloud", [], []), node("app", "app", [], [["svc", "hard"]])], {});
    const fault = trace.record({ atMs: 0, component: "f", layer: "fault", from: "pending", to: "injected", causes: [], aspect: "lifecycle", atWork: false });
    net.hold("svc", "f", 0.3, fault);
    sim.run({ horizonMs: 10, maxEvents: 100 });
    const [, svc, app] = trace.all();
    expect(svc).toMatchObject({ component: "svc", from: "healthy", to: "down", causes: [fault] });
    expect(app).toMatchObject({ component: "app", from: "healthy", to: "down", causes: [svc!.id] });
    net.hold("svc", "f", 0.2, fault);
    sim.run({ horizonMs: 20, maxEvents: 100 });
    expect(trace.size).toBe(3);
    expect(net.history("app").map((p) => p.capacity)).toEqual([1, 0.3, 0.2]);
  });

  it("stacks holds of different holders, the lowest winning, and releases them one by one", () => {
    const { net, sim, trace } = world([node("svc", "cloud", [], [])], {});
    const cause = trace.record({ atMs: 0, component: "f", layer: "fault", from: "pending", to: "injected", causes: [], aspect: "lifecycle", atWork: false });
    net.hold("svc", "fault:a", 0, cause);
    net.hold("svc", "operator", 0.5, cause);
    sim.run({ horizonMs: 1, maxEvents: 100 });
    expect(net.capacity("svc")).toBe(0);
    net.hold("svc", "fault:a", undefined, cause);
    sim.run({ horizonMs: 2, maxEvents: 100 });
    expect(net.capacity("svc")).toBe(0.5);
    net.releaseAll("svc", cause);
    sim.run({ horizonMs: 3, maxEvents: 100 });
    expect(net.capacity("svc")).toBe(1);
  });

  it("refuses a dependency cycle", () => {
    expect(() => world([node("a", "cloud", [], [["b", "hard"]]), node("b", "cloud", [], [["a", "hard"]])], {})).toThrow(/cycle/);
  });

  it("formats percentages with a decimal only near 0 and 100", () => {
    expect([formatPercent(0), formatPercent(0.004), formatPercent(0.41), formatPercent(0.995), formatPercent(1)]).toEqual(["0%", "0.4%", "41%", "99.5%", "100%"]);
  });
});

describe("DependencyGraph", () => {
  it("finds a cycle and names its members in order", () => {
    const g = new DependencyGraph();
    g.addEdge("a", "b");
    g.addEdge("b", "c");
    g.addEdge("c", "a");
    expect(g.findCycle()).toEqual(["a", "b", "c", "a"]);
  });

  it("orders dependencies before dependents, stably by insertion", () => {
    const g = new DependencyGraph();
    g.addEdge("app", "svc2");
    g.addEdge("app", "svc1");
    g.addEdge("svc1", "cluster");
    expect(g.findCycle()).toBeUndefined();
    expect(g.topologicalOrder()).toEqual(["svc2", "cluster", "svc1", "app"]);
  });
});
