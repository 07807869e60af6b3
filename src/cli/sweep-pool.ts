/**
 * The worker pool of sweeps and comparisons: runs jobs on worker_threads and hands back their
 * records. The main thread loads and checks every variant; workers get the loaded scenarios once
 * (structured-cloned: plain data, so every worker runs exactly what the main thread checked, and none
 * reads a file, parses YAML or loads the scenario schema), then take batches of jobs until none are left.
 * Which worker runs which job is not deterministic; the records are, and callers sort them by job.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { RunRecord, SweepCell } from "../runner/sweep.js";
import type { Scenario } from "../scenario/scenario.js";
import { loadScenario, type LoadedScenario } from "../scenario/load.js";
import type { Override } from "../scenario/overrides.js";
import { ScenarioError, type ScenarioProblem } from "../scenario/problem.js";
import { LimitReached } from "../scenario/limits.js";
import type { SourceReader } from "../scenario/source.js";
import { fileReader } from "./io.js";

/** One scenario variant: the loaded scenario (its overrides applied), a horizon, the cell whose columns its records follow, and its name for messages. */
export interface PoolVariant {
  readonly scenario: Scenario;
  readonly horizonMs: number | null;
  readonly cell: SweepCell;
  /** e.g. "the cell chillers=3" or "side B"; empty for a sweep without axes. */
  readonly label: string;
}

/** One run to do: the variant, the seed, and where its record goes. */
export interface PoolJob {
  readonly job: number;
  readonly cell: number;
  readonly run: number;
  readonly seed: number;
  readonly variant: number;
}

/** What a worker is started with. */
export interface WorkerSetup {
  readonly variants: readonly PoolVariant[];
}

/** Messages from a worker. */
export type WorkerReply = { readonly results: PoolResult[] } | { readonly error: { readonly seed: number; readonly variant: number; readonly message: string; readonly limit?: boolean } };

/** A finished job: the variant it ran and its record. */
export interface PoolResult {
  readonly variant: number;
  readonly record: RunRecord;
}

/** A run crashed in a worker: a bug, reported with the seed and the variant (cell or side) that replay it. */
export class RunCrash extends Error {
  constructor(readonly seed: number, readonly label: string, message: string) {
    super(message);
    this.name = "RunCrash";
  }
}

/** A file reader that reads each file once, so every variant of a sweep or comparison is loaded from the same text. */
export function readOnceReader(): SourceReader {
  const read = new Map<string, ReturnType<SourceReader["read"]>>();
  return {
    read(path, within) {
      // An import is read with the folders it must lie in: the key keeps a file read freely apart from one confined.
      const key = within === undefined ? path : `${path}\u0000${within.join("\u0000")}`;
      let result = read.get(key);
      if (result === undefined) {
        result = fileReader.read(path, within);
        read.set(key, result);
      }
      return result;
    },
  };
}

/** Loads a variant, throwing a ScenarioError (with a note naming the variant) when it is invalid. */
export function loadVariantOrThrow(path: string, overrides: readonly Override[], reader: SourceReader, label: string): LoadedScenario {
  const result = loadScenario(path, reader, { overrides });
  if (result.ok) return result.loaded;
  const problems: ScenarioProblem[] = label === "" ? result.problems : result.problems.map((p) => ({ ...p, message: `${p.message} (in ${label})` }));
  throw new ScenarioError(problems);
}

/**
 * The young generation of each worker, in MB. A run allocates a few MB that live for the run; with
 * V8's default for worker threads, collections of the young generation come every few runs and
 * promote what is alive mid-run into the old generation, whose concurrent marking then keeps
 * background threads busy. Measured (1,000-run tencent-cooling sweeps, rounds interleaved, mean
 * of 4): 2 workers 142 runs/s by default, 166 with 64 MB, 157 with 128 MB, 108 with 8 MB; 1 worker
 * 104 by default, 108 with 64 MB. The cost is memory: up to 64 MB more per worker.
 */
export const WORKER_YOUNG_GENERATION_MB = 64;

/**
 * Batches each worker holds at once: the one it runs and the next, queued, so a worker never waits
 * for the main thread to hand it work (on a machine whose cores the workers keep busy, the main
 * thread may wait milliseconds to be scheduled).
 */
const BATCHES_IN_FLIGHT = 2;

/** The default worker count: the machine's cores. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** Options of {@link runPool}. */
export interface PoolOptions<S extends { readonly variants: readonly { readonly label: string }[] } = WorkerSetup, J = PoolJob> {
  readonly setup: S;
  readonly jobs: readonly J[];
  readonly workers: number;
  /** Called after each finished batch with the count of finished jobs. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The worker's entry (default: the sweep worker); it replies as {@link WorkerReply} does, with its own results. */
  readonly workerUrl?: URL;
}

/** Runs every job on `workers` threads and resolves to their results (in no particular order). */
export function runPool<S extends { readonly variants: readonly { readonly label: string }[] } = WorkerSetup, J = PoolJob, R = PoolResult>(options: PoolOptions<S, J>): Promise<R[]> {
  const { jobs, setup } = options;
  const total = jobs.length;
  const count = Math.max(1, Math.min(options.workers, total));
  if (total === 0) return Promise.resolve([]);
  const workerUrl = options.workerUrl ?? new URL("./sweep-worker.js", import.meta.url);
  return new Promise((resolvePool, rejectPool) => {
    const records: R[] = [];
    const workers: Worker[] = [];
    let next = 0;
    let failed = false;
    const stopAll = (): void => {
      for (const w of workers) void w.terminate();
    };
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      stopAll();
      rejectPool(error);
    };
    const feed = (worker: Worker): boolean => {
      if (next >= total) return false;
      // Batches shrink towards the end so the last workers finish together.
      const size = Math.max(1, Math.min(8, Math.floor((total - next) / (count * 4))));
      const batch = jobs.slice(next, next + size);
      next += batch.length;
      worker.postMessage({ jobs: batch });
      return true;
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(workerUrl, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      workers.push(worker);
      worker.on("message", (reply: { readonly results: R[] } | Extract<WorkerReply, { error: unknown }>) => {
        if (failed) return;
        if ("error" in reply) {
          if (reply.error.limit === true) {
            fail(new LimitReached(reply.error.message));
            return;
          }
          fail(new RunCrash(reply.error.seed, setup.variants[reply.error.variant]?.label ?? "", reply.error.message));
          return;
        }
        records.push(...reply.results);
        options.onProgress?.(records.length, total);
        if (records.length === total) {
          stopAll();
          resolvePool(records);
          return;
        }
        feed(worker);
      });
      worker.on("error", (error) => fail(error));
      worker.on("exit", (code) => {
        if (!failed && records.length < total && code !== 0) fail(new Error(`a sweep worker exited with code ${code}`));
      });
      for (let b = 0; b < BATCHES_IN_FLIGHT; b++) feed(worker);
    }
  });
}
