/**
 * The entry of a sweep worker thread: runs the batches of jobs it is sent on the scenarios the main
 * thread loaded and checked, and replies with their records. It imports the runner only: no loader.
 */
import { parentPort, workerData } from "node:worker_threads";
import { runScenario } from "../runner/run-scenario.js";
import { LimitReached } from "../scenario/limits.js";
import { recordRun } from "../runner/sweep.js";
import type { PoolJob, PoolResult, WorkerReply, WorkerSetup } from "./sweep-pool.js";

const setup = workerData as WorkerSetup;

parentPort?.on("message", (message: { jobs: PoolJob[] }) => {
  const results: PoolResult[] = [];
  for (const job of message.jobs) {
    try {
      const variant = setup.variants[job.variant];
      if (variant === undefined) throw new Error(`no variant ${job.variant}`);
      const run = runScenario(variant.scenario, { seed: job.seed, ...(variant.horizonMs !== null ? { horizonMs: variant.horizonMs } : {}) });
      results.push({ variant: job.variant, record: recordRun(run, variant.cell, { job: job.job, cell: job.cell, run: job.run }) });
    } catch (error) {
      const limit = error instanceof LimitReached;
      const reply: WorkerReply = { error: { seed: job.seed, variant: job.variant, message: limit ? error.message : ((error as Error)?.stack ?? String(error)), limit } };
      parentPort?.postMessage(reply);
      return;
    }
  }
  const reply: WorkerReply = { results };
  parentPort?.postMessage(reply);
});
