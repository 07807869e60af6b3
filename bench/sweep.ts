/**
 * Sweep throughput: tencent-cooling through the real worker pool with 1 and with 2 workers.
 *
 * One run in-process first (the cost every worker pays per run once warm). Then 1,000-run sweeps,
 * alternating 1 and 2 workers for a few rounds so a noisy neighbour slows both alike; the best
 * round of each is kept. Each sweep is timed two ways:
 *   - end to end, from thread start to the last record: worker start-up and JIT warm-up included,
 *     as a user pays them on a sweep of this size;
 *   - steady, the second half of the runs (from the moment half are done to the last record): the rate once every
 *     worker is warm, which is what a long sweep runs at.
 * "Cores busy" (CPU seconds of all our threads per wall second) separates a pool that serializes
 * (2 workers, ~1 core busy) from a machine shared with other processes (~2 busy, yet slower).
 */
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { prepareSweep } from "../src/cli/commands/sweep.js";
import { runPool, type PoolJob } from "../src/cli/sweep-pool.js";
import { jobOf, summarizeSweep, totalJobs } from "../src/runner/sweep.js";
import { runScenario } from "../src/runner/run-scenario.js";
import { resolveScenarioPath } from "../src/cli/io.js";

/** Runs of each timed sweep: the headline sweep's size. */
const RUNS = 1_000;
/** Alternating rounds per worker count; the best of each is kept. */
const ROUNDS = 3;
/** The steady rate is timed from when this share of the runs is done. */
const STEADY_FROM = 0.5;
/** In-process runs: the first ones warm up, the rest are timed. */
const IN_PROCESS_WARMUP = 300;
const IN_PROCESS_TIMED = 300;
const TARGET_HEADLINE_SECONDS = 30;
const TARGET_SCALING = 1.7;

function passOrMiss(ok: boolean): string {
  return ok ? "PASS" : "MISS";
}

/** One timed sweep: end-to-end and steady rates, and the cores our process kept busy. */
interface Timing {
  readonly seconds: number;
  readonly rate: number;
  readonly steadyRate: number;
  readonly coresBusy: number;
}

function scenarioPath(): string {
  return resolveScenarioPath("tencent-cooling.yaml");
}

/** Times one sweep of `runs` runs with `workers` threads. */
async function timeSweep(runs: number, workers: number): Promise<Timing> {
  const { plan, setup } = prepareSweep(scenarioPath(), { runs, set: [] });
  const jobs: PoolJob[] = Array.from({ length: totalJobs(plan) }, (_, job) => ({ job, ...jobOf(plan, job), variant: 0 }));
  let steadyAt = 0;
  let steadyDone = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const results = await runPool({
    setup,
    jobs,
    workers,
    onProgress: (done, total) => {
      if (steadyDone === 0 && done >= total * STEADY_FROM) {
        steadyAt = performance.now();
        steadyDone = done;
      }
    },
  });
  const ended = performance.now();
  const seconds = (ended - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  summarizeSweep(plan, results.map((r) => r.record));
  return { seconds, rate: runs / seconds, steadyRate: ((runs - steadyDone) * 1000) / (ended - steadyAt), coresBusy: (cpu.user + cpu.system) / 1e6 / seconds };
}

/** Milliseconds per tencent-cooling run on this thread, once warm. */
function inProcessMs(): number {
  const { setup } = prepareSweep(scenarioPath(), { runs: 1, set: [] });
  const scenario = setup.variants[0]!.scenario;
  for (let i = 0; i < IN_PROCESS_WARMUP; i++) runScenario(scenario, { seed: i });
  const started = performance.now();
  for (let i = 0; i < IN_PROCESS_TIMED; i++) runScenario(scenario, { seed: IN_PROCESS_WARMUP + i });
  return (performance.now() - started) / IN_PROCESS_TIMED;
}

/** Prints runs/s with 1 and 2 workers, end to end and steady, their ratios, and the time of a 1,000-run sweep, against the targets. */
export async function benchSweep(print: (line: string) => void): Promise<void> {
  print(`sweep: tencent-cooling, ${RUNS.toLocaleString("en-US")}-run sweeps through the worker pool, best of ${ROUNDS} alternating rounds; ${availableParallelism()} cores, node ${process.version}`);
  // The 1-minute load average counts the benches before this one too; above about 1 on a quiet machine something else is running.
  print(`  load average before the sweeps: ${(loadavg()[0] ?? 0).toFixed(1)} (1 min, the benches before this one included)`);
  print(`  one run in-process, warm: ${inProcessMs().toFixed(1)} ms`);
  const best = new Map<number, { end: Timing; steady: Timing }>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const workers of [1, 2]) {
      const timing = await timeSweep(RUNS, workers);
      const known = best.get(workers);
      best.set(workers, {
        end: known === undefined || timing.seconds < known.end.seconds ? timing : known.end,
        steady: known === undefined || timing.steadyRate > known.steady.steadyRate ? timing : known.steady,
      });
    }
  }
  const one = best.get(1)!;
  const two = best.get(2)!;
  const scaling = two.end.rate / one.end.rate;
  const steadyScaling = two.steady.steadyRate / one.steady.steadyRate;
  const line = (label: string, b: { end: Timing; steady: Timing }): string =>
    `  ${label}  end to end ${b.end.rate.toFixed(1).padStart(6)} runs/s (${b.end.seconds.toFixed(1)} s, ${b.end.coresBusy.toFixed(2)} cores busy)   steady ${b.steady.steadyRate.toFixed(1).padStart(6)} runs/s`;
  print(line("1 worker ", one));
  print(line("2 workers", two));
  print(`  scaling 1 → 2 workers: end to end ${scaling.toFixed(2)}×, steady ${steadyScaling.toFixed(2)}×`);
  print(
    `target: ${RUNS.toLocaleString("en-US")} runs < ${TARGET_HEADLINE_SECONDS} s [${passOrMiss(two.end.seconds < TARGET_HEADLINE_SECONDS)}, ${two.end.seconds.toFixed(1)} s with 2 workers],` +
      ` 1 → 2 workers >= ${TARGET_SCALING}× end to end [${passOrMiss(scaling >= TARGET_SCALING)}, ${scaling.toFixed(2)}×], steady [${passOrMiss(steadyScaling >= TARGET_SCALING)}, ${steadyScaling.toFixed(2)}×]`,
  );
}
