/**
 * The entry of a sweep worker thread: loads each scenario variant once (from the text the main
 * thread read), then runs the batches of jobs it is sent and replies with their records.
 */
import { parentPort, workerData } from "node:worker_threads";
import { runScenario } from "../runner/run-scenario.js";
import { recordRun } from "../runner/sweep.js";
import type { Scenario } from "../scenario/scenario.js";
import { memoryReader } from "../scenario/source.js";
import { formatProblem } from "../scenario/problem.js";
import { loadVariant, type PoolJob, type WorkerReply, type WorkerSetup } from "./sweep-pool.js";

const setup = workerData as WorkerSetup;
const reader = memoryReader(setup.files);
const scenarios = new Map<number, Scenario>();

function scenarioOf(variant: number): Scenario {
  const known = scenarios.get(variant);
  if (known !== undefined) return known;
  const spec = setup.variants[variant];
  if (spec === undefined) throw new Error(`no variant ${variant}`);
  const result = loadVariant(spec.path, spec.overrides, reader);
  if (!result.ok) throw new Error(`the scenario did not load in a worker: ${result.problems.map(formatProblem).join("; ")}`);
  scenarios.set(variant, result.loaded.scenario);
  return result.loaded.scenario;
}

parentPort?.on("message", (message: { jobs: PoolJob[] }) => {
  const results = [];
  for (const job of message.jobs) {
    try {
      const spec = setup.variants[job.variant]!;
      const scenario = scenarioOf(job.variant);
      const run = runScenario(scenario, { seed: job.seed, ...(spec.horizonMs !== null ? { horizonMs: spec.horizonMs } : {}) });
      results.push({ variant: job.variant, record: recordRun(run, spec.cell, { job: job.job, cell: job.cell, run: job.run }) });
    } catch (error) {
      const reply: WorkerReply = { error: { seed: job.seed, message: (error as Error)?.stack ?? String(error) } };
      parentPort?.postMessage(reply);
      return;
    }
  }
  const reply: WorkerReply = { results };
  parentPort?.postMessage(reply);
});
