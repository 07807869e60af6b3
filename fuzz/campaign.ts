/**
 * A fuzz campaign: mutated scenarios generated from a fixed seed, checked by {@link checkCase} on worker
 * processes; each failure is minimized by fast-check and written to a folder.
 */
import fc from "fast-check";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fuzzCase, type FuzzCase } from "./mutate.js";
import { checkCase, prepareCorpus, type CaseResult, type Corpus } from "./oracle.js";
import { FuzzWorker } from "./pool.js";

/** How to run a campaign. */
export interface CampaignOptions {
  /** Folders of scenarios/ and fixtures/ left out of the corpus (by name). */
  readonly skipFolders?: readonly string[];
  readonly repoRoot: string;
  readonly runs: number;
  readonly seed: number;
  readonly workers: number;
  readonly timeoutMs: number;
  readonly heapMb: number;
  /** Where minimized failures are written; none when undefined. */
  readonly outDir: string | undefined;
  /** Shrink failures (slow: each step reruns the case). */
  readonly minimize: boolean;
  /** Stop starting new cases after this long (ms); every case started is finished. */
  readonly timeBudgetMs?: number;
  readonly onProgress?: (done: number, failures: number) => void;
}

/** One failure, minimized when asked. */
export interface CampaignFailure {
  readonly index: number;
  readonly kind: CaseResult["kind"];
  readonly failure: string;
  readonly text: string;
  readonly minimized: { readonly failure: string; readonly text: string } | undefined;
}

/** What a campaign found. */
export interface CampaignResult {
  readonly runs: number;
  readonly failures: readonly CampaignFailure[];
  readonly counts: Readonly<Record<CaseResult["kind"], number>>;
  readonly slowestMs: number;
  readonly slowestIndex: number;
  /** How many passing cases' runs ended with each exit code (0, 1, 3: a report; 2: refused). */
  readonly runCodes: Readonly<Record<string, number>>;
}

/** The case numbered `index` of a campaign seeded with `seed` (the same on every machine). */
export function caseAt(corpus: Corpus, seed: number, index: number): FuzzCase {
  return fc.sample(fuzzCase(corpus.validSeeds, corpus.seeds.length), { seed: seed + index, numRuns: 1 })[0]!;
}

/** Runs a campaign. */
export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const campaignStart = Date.now();
  const corpus = prepareCorpus(options.repoRoot, options.skipFolders ?? []);
  const bounds = { rssMb: options.heapMb * 2 };
  const counts: Record<CaseResult["kind"], number> = { ok: 0, crash: 0, hang: 0, oom: 0, leak: 0, contract: 0 };
  const failures: CampaignFailure[] = [];
  let next = 0;
  let done = 0;
  let slowestMs = 0;
  let slowestIndex = -1;
  const runCodes: Record<string, number> = {};
  if (options.outDir !== undefined) mkdirSync(options.outDir, { recursive: true });
  const lane = async (slot: number): Promise<void> => {
    const worker = new FuzzWorker({ timeoutMs: options.timeoutMs, heapMb: options.heapMb });
    try {
      for (;;) {
        if (options.timeBudgetMs !== undefined && Date.now() - campaignStart > options.timeBudgetMs) return;
        const index = next++;
        if (index >= options.runs) return;
        const started = Date.now();
        const fuzz = caseAt(corpus, options.seed, index);
        const result = await checkCase(worker, corpus, fuzz, bounds, slot);
        if (Date.now() - started > slowestMs) {
          slowestMs = Date.now() - started;
          slowestIndex = index;
        }
        counts[result.kind]++;
        if (result.runCode !== undefined) runCodes[result.runCode] = (runCodes[result.runCode] ?? 0) + 1;
        if (result.failure !== undefined) {
          const minimized = options.minimize ? await minimize(worker, corpus, options.seed + index, bounds, slot) : undefined;
          const failure: CampaignFailure = { index, kind: result.kind, failure: result.failure, text: result.text, minimized };
          failures.push(failure);
          if (options.outDir !== undefined) writeFailure(options.outDir, failure, options.seed);
        }
        done++;
        options.onProgress?.(done, failures.length);
      }
    } finally {
      worker.stop();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.workers) }, (_, slot) => lane(slot)));
  return { runs: done, failures, counts, slowestMs, slowestIndex, runCodes };
}

/** Shrinks the failing case generated from `seed` with fast-check: the smallest mutation list that still fails. */
async function minimize(worker: FuzzWorker, corpus: Corpus, seed: number, bounds: { rssMb: number }, slot: number): Promise<{ failure: string; text: string } | undefined> {
  let last: CaseResult | undefined;
  const property = fc.asyncProperty(fuzzCase(corpus.validSeeds, corpus.seeds.length), async (fuzz) => {
    const result = await checkCase(worker, corpus, fuzz, bounds, slot);
    if (result.failure !== undefined) last = result;
    return result.failure === undefined;
  });
  const details = await fc.check(property, { seed, numRuns: 1, interruptAfterTimeLimit: 120_000, markInterruptAsFailure: false });
  if (!details.failed || last === undefined) return undefined;
  const shrunk = await checkCase(worker, corpus, details.counterexample![0] as FuzzCase, bounds, slot);
  return shrunk.failure === undefined ? { failure: last.failure!, text: last.text } : { failure: shrunk.failure, text: shrunk.text };
}

function writeFailure(dir: string, f: CampaignFailure, seed: number): void {
  const base = join(dir, `${String(f.index).padStart(6, "0")}-${f.kind}`);
  writeFileSync(`${base}.yaml`, f.minimized?.text ?? f.text);
  writeFileSync(`${base}.txt`, `case ${f.index} of the campaign seeded ${seed}\n\n${f.minimized?.failure ?? f.failure}\n\nas generated (before minimizing):\n${f.failure}\n`);
}
