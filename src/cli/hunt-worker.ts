/**
 * The entry of a hunt worker thread: runs batches of fault sets on the scenario the main thread loaded and
 * checked (with each candidate's faults, normalized by the loader), and replies with their records. It imports
 * the runner only. The run without hunted faults on each seed is kept (run once per seed and worker) to tell
 * which components a set's faults reached.
 */
import { parentPort, workerData } from "node:worker_threads";
import { historySignatures, recordHuntRun, runSet, type HuntJob, type HuntRunSetup } from "../runner/hunt/record.js";
import type { HuntRecord } from "../runner/hunt/plan.js";

/** What a hunt worker is started with. */
export interface HuntWorkerSetup {
  /** One variant (the pool names it in crash messages). */
  readonly variants: readonly { readonly label: string }[];
  readonly run: HuntRunSetup;
}

const setup = workerData as HuntWorkerSetup;
const baselines = new Map<number, Map<string, string>>();

function baselineOf(seed: number): Map<string, string> {
  let history = baselines.get(seed);
  if (history === undefined) {
    history = historySignatures(runSet(setup.run, [], seed).trace);
    baselines.set(seed, history);
  }
  return history;
}

parentPort?.on("message", (message: { jobs: HuntJob[] }) => {
  const results: HuntRecord[] = [];
  for (const job of message.jobs) {
    try {
      const run = runSet(setup.run, job.members, job.seed);
      if (job.members.length === 0 && !baselines.has(job.seed)) baselines.set(job.seed, historySignatures(run.trace));
      results.push(recordHuntRun(setup.run, run, job, baselineOf(job.seed)));
    } catch (error) {
      parentPort?.postMessage({ error: { seed: job.seed, variant: 0, message: `${(error as Error)?.stack ?? String(error)} (fault set: ${job.members.join(", ") || "none"})` } });
      return;
    }
  }
  parentPort?.postMessage({ results });
});
