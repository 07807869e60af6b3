/**
 * Sweep throughput: runs per second of tencent-cooling through the real worker pool with 1 and
 * with 2 workers, the scaling ratio, and the wall time of a 1,000-run sweep. Pools are timed from
 * thread start to the last record, so worker start-up and JIT warm-up are included, as a user
 * pays them. Rounds alternate between worker counts so a noisy neighbour slows both alike.
 * "Cores busy" (CPU seconds of all our threads per wall second) separates a pool that serializes
 * (2 workers, ~1 core busy) from a machine shared with other processes (~2 busy, yet slower).
 */
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { prepareSweep } from "../src/cli/commands/sweep.js";
import { runPool, type PoolJob } from "../src/cli/sweep-pool.js";
import { jobOf, summarizeSweep, totalJobs } from "../src/runner/sweep.js";
import { resolveScenarioPath } from "../src/cli/io.js";

/** Runs per timed round when comparing worker counts. */
const RUNS_PER_ROUND = 200;
/** Alternating rounds per worker count; the best of each is kept. */
const ROUNDS = 2;
/** The size of the headline sweep. */
const HEADLINE_RUNS = 1_000;
const TARGET_HEADLINE_SECONDS = 30;
const TARGET_SCALING = 1.7;

function passOrMiss(ok: boolean): string {
  return ok ? "PASS" : "MISS";
}

/** Wall time of a sweep, and the cores our process kept busy (CPU seconds of every thread / wall seconds). */
interface Timing {
  readonly seconds: number;
  readonly coresBusy: number;
}

/** Times one sweep of `runs` runs with `workers` threads. */
async function timeSweep(runs: number, workers: number): Promise<Timing> {
  const { plan, setup } = prepareSweep(resolveScenarioPath("tencent-cooling.yaml"), { runs, set: [] });
  const jobs: PoolJob[] = Array.from({ length: totalJobs(plan) }, (_, job) => ({ job, ...jobOf(plan, job), variant: 0 }));
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const results = await runPool({ setup, jobs, workers });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  summarizeSweep(plan, results.map((r) => r.record));
  return { seconds, coresBusy: (cpu.user + cpu.system) / 1e6 / seconds };
}

/** Prints runs/s with 1 and 2 workers, their ratio, and the time of a 1,000-run sweep, against the targets. */
export async function benchSweep(print: (line: string) => void): Promise<void> {
  print(`sweep: tencent-cooling through the worker pool, ${RUNS_PER_ROUND} runs per round, best of ${ROUNDS} alternating rounds; ${availableParallelism()} cores, node ${process.version}`);
  const load = loadavg()[0] ?? 0;
  if (load > 0.5) print(`  note: load average ${load.toFixed(1)} before the bench; other processes share the cores, so wall-clock figures and the scaling ratio read low`);
  const best = new Map<number, Timing>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const workers of [1, 2]) {
      const timing = await timeSweep(RUNS_PER_ROUND, workers);
      if (timing.seconds < (best.get(workers)?.seconds ?? Infinity)) best.set(workers, timing);
    }
  }
  const one = best.get(1)!;
  const two = best.get(2)!;
  const rate1 = RUNS_PER_ROUND / one.seconds;
  const rate2 = RUNS_PER_ROUND / two.seconds;
  const scaling = rate2 / rate1;
  print(`  1 worker   ${rate1.toFixed(1).padStart(6)} runs/s   ${one.coresBusy.toFixed(2)} cores busy`);
  print(`  2 workers  ${rate2.toFixed(1).padStart(6)} runs/s   ${two.coresBusy.toFixed(2)} cores busy   scaling ${scaling.toFixed(2)}×`);
  const headline = await timeSweep(HEADLINE_RUNS, availableParallelism());
  print(`  ${HEADLINE_RUNS.toLocaleString("en-US")} runs with ${availableParallelism()} workers: ${headline.seconds.toFixed(1)} s (${(HEADLINE_RUNS / headline.seconds).toFixed(1)} runs/s, ${headline.coresBusy.toFixed(2)} cores busy)`);
  print(
    `target: ${HEADLINE_RUNS.toLocaleString("en-US")} runs < ${TARGET_HEADLINE_SECONDS} s [${passOrMiss(headline.seconds < TARGET_HEADLINE_SECONDS)}],` +
      ` 1 → 2 workers >= ${TARGET_SCALING}× [${passOrMiss(scaling >= TARGET_SCALING)}, ${scaling.toFixed(2)}×]`,
  );
}
