import { Simulation } from "../src/engine/simulation.js";
import { deriveStream } from "../src/engine/rng.js";
import { TraceRecorder } from "../src/model/core/trace.js";
import type { ModelContext } from "../src/model/core/context.js";
import { buildFacility, normalizeFacility } from "../src/model/facility/facility-model.js";
import type { ClusterInput, FacilityAction, FacilityFault, FacilityInput, HallInput } from "../src/model/facility/config.js";

const HOUR = 3_600_000;
const MIN = 60_000;
const TARGET_WALL_MS = 2_000;
const TARGET_PEAK_MB = 300;

/** A synthetic region: 2 plants, 20 halls, 100 clusters, 100,000 servers. */
function syntheticRegion(): FacilityInput {
  const halls: HallInput[] = [];
  const clusters: ClusterInput[] = [];
  const roles = ["compute", "compute", "compute", "storage", "network"] as const;
  for (let h = 0; h < 20; h++) {
    const plant = h < 10 ? "plant-a" : "plant-b";
    halls.push({ id: `hall-${h}`, plant, feed: h < 10 ? "it-a" : "it-b" });
    roles.forEach((role, k) => clusters.push({ id: `hall-${h}-${role}-${k}`, hall: `hall-${h}`, role, servers: 1_000, kwPerServer: role === "storage" ? 0.4 : 0.5 }));
  }
  return {
    power: {
      feeds: [
        { id: "it-a", ups: {}, generators: {} }, { id: "it-b", ups: {}, generators: {} },
        { id: "mech-a", generators: {} }, { id: "mech-b", generators: {} },
      ],
    },
    plants: [
      { id: "plant-a", feed: "mech-a", chillers: { count: 6, standby: 1 }, storage: { rideThroughMinutes: 10 } },
      { id: "plant-b", feed: "mech-b", chillers: { count: 6, standby: 1 }, storage: { rideThroughMinutes: 10 } },
    ],
    halls,
    clusters,
  };
}

/** Runs the 24-hour total-cooling-loss-and-recovery scenario on the synthetic region and prints the figures. */
export async function benchFacilityRegion(print: (line: string) => void): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  let peakHeap = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const sim = new Simulation();
  const trace = new TraceRecorder();
  let capacityCalls = 0;
  const ctx: ModelContext = {
    sim, trace,
    stream: (id, purpose) => deriveStream(20230329, id, purpose),
    capacityChanged: () => { capacityCalls++; },
  };
  const input = syntheticRegion();
  const model = buildFacility(normalizeFacility(input), ctx);
  const tBuilt = performance.now();
  const todo: (() => void)[] = [];
  const kind = sim.registerKind("bench.step", (_s, arg) => (todo[arg] as () => void)());
  const at = (atMs: number, fn: () => void): void => { todo.push(fn); sim.scheduleAt(kind, atMs, todo.length - 1); };
  const fault = (atMs: number, f: FacilityFault): void => at(atMs, () => model.applyFault(f, trace.record({ atMs: sim.nowMs, component: "bench-fault", layer: "fault", from: "pending", to: "injected", causes: [], aspect: "lifecycle", atWork: false })));
  const act = (atMs: number, a: FacilityAction): void => at(atMs, () => model.applyAction(a, trace.record({ atMs: sim.nowMs, component: "bench-op", layer: "operator", from: "pending", to: "done", causes: [], aspect: "lifecycle", atWork: false })));
  model.start();
  fault(1 * HOUR, { type: "cooling:chiller-fail", plant: "plant-a" });
  fault(1 * HOUR, { type: "cooling:chiller-fail", plant: "plant-b" });
  act(1 * HOUR + 20 * MIN, { action: "shed-load", role: "storage", fraction: 0.5 });
  act(4 * HOUR, { action: "restart-chillers", plant: "plant-a" });
  act(4 * HOUR, { action: "restart-chillers", plant: "plant-b" });
  for (let h = 0; h < 20; h++) act(4 * HOUR + 30 * MIN, { action: "power-on", hall: `hall-${h}`, batchSize: 250, every: 5 * MIN });
  for (let m = 10; m < 24 * 60; m += 10) {
    at(m * MIN, () => {
      const mem = process.memoryUsage();
      peakRss = Math.max(peakRss, mem.rss);
      peakHeap = Math.max(peakHeap, mem.heapUsed);
    });
  }
  const result = sim.run({ horizonMs: 24 * HOUR, maxEvents: 50_000_000 });
  const t1 = performance.now();
  const mem = process.memoryUsage();
  peakRss = Math.max(peakRss, mem.rss);
  peakHeap = Math.max(peakHeap, mem.heapUsed);
  const wallMs = t1 - t0;
  const upAtEnd = model.clusterIds().reduce((s, id) => s + (model.readMetric(`cluster.${id}.serversUp`) ?? 0), 0);
  const peakMb = peakRss / 2 ** 20;
  print("facility-region: 20 halls, 100 clusters, 100,000 servers; 24 h total cooling loss at 1 h, restart at 4 h, batched power-on");
  print(`  build ${(tBuilt - t0).toFixed(0)} ms, run ${(t1 - tBuilt).toFixed(0)} ms, wall ${wallMs.toFixed(0)} ms (target < ${TARGET_WALL_MS} ms): ${wallMs < TARGET_WALL_MS ? "PASS" : "MISS"}`);
  print(`  events processed ${result.eventsProcessed.toLocaleString("en-US")} (stop: ${result.reason}); trace ${trace.size.toLocaleString("en-US")} transitions; ${capacityCalls.toLocaleString("en-US")} capacity notifications`);
  print(`  peak RSS ${peakMb.toFixed(0)} MB (target < ${TARGET_PEAK_MB} MB): ${peakMb < TARGET_PEAK_MB ? "PASS" : "MISS"}; peak heap ${(peakHeap / 2 ** 20).toFixed(0)} MB; RSS before build ${(baseRss / 2 ** 20).toFixed(0)} MB`);
  print(`  servers up at 24 h: ${upAtEnd.toLocaleString("en-US")} of 100,000; invariant violations: ${model.invariantViolations().length}`);
}
