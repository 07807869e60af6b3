/**
 * The hunt of the headline scenario: `outage-sim hunt tencent-cooling.yaml --depth 2` through the real worker
 * pool with every core, timed end to end (loading and checking the candidates, then every level of the search),
 * with the runs it took against brute force and what it found.
 */
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { runHuntOnPool } from "../src/cli/commands/hunt.js";
import { prepareHunt } from "../src/cli/hunt-setup.js";
import { summarizeHunt } from "../src/runner/hunt/summary.js";

const DEPTH = 2;

export async function benchHunt(print: (line: string) => void): Promise<void> {
  const workers = availableParallelism();
  print("");
  print(`hunt tencent-cooling --depth ${DEPTH} (${workers} workers, load average ${loadavg()[0]!.toFixed(1)})`);
  const started = performance.now();
  const { plan, setup } = prepareHunt("tencent-cooling.yaml", { depth: DEPTH });
  const prepared = performance.now();
  const { records } = await runHuntOnPool(plan, setup, { workers, progress: false });
  const summary = summarizeHunt(plan, records);
  const ended = performance.now();
  const seconds = (ended - started) / 1000;
  print(`  candidates ${plan.candidates.length} (${plan.rejected.length} refused by the rules), ${plan.runs} seeds per set`);
  for (const level of summary.levels) print(`  size ${level.level}: ${level.sets} set(s) tried of ${level.bruteForceSets} (${level.runs} runs)`);
  print(`  runs ${summary.runs} of ${summary.bruteForceRuns} brute force (${(100 * (1 - summary.runs / summary.bruteForceRuns)).toFixed(1)}% saved)`);
  print(`  wall ${seconds.toFixed(1)} s (loading and checking ${((prepared - started) / 1000).toFixed(1)} s), ${(summary.runs / seconds).toFixed(0)} runs/s`);
  const pairs = summary.objectives.reduce((n, o) => n + o.minimal.filter((s) => s.members.length === 2).length, 0);
  print(`  found: ${summary.singlePoints.length} single points of failure, ${pairs} minimal pair(s) over ${summary.objectives.length} objectives; redundant: ${summary.redundant.map((r) => r.target.id).join(", ") || "none"}`);
}
