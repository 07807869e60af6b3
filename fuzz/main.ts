/**
 * `npm run fuzz -- --runs N [--seed S] [--workers W] [--timeout 20s] [--heap 1536] [--out fuzz-failures] [--no-minimize]`:
 * a long fuzz campaign over mutated shipped scenarios and fixtures; prints the figures and writes each failure,
 * minimized, to the output folder. Exit 1 when anything failed.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runCampaign } from "./campaign.js";

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? (process.argv[at + 1] as string) : fallback;
}

const repoRoot = resolve(fileURLToPath(import.meta.url), "..", "..", "..");
const runs = Number(option("runs", "1000"));
const seed = Number(option("seed", "20260"));
const workers = Number(option("workers", "2"));
const timeoutMs = Number(option("timeout", "20")) * 1000;
const heapMb = Number(option("heap", "1536"));
const outDir = resolve(option("out", "fuzz-failures"));
const started = Date.now();
let lastPrint = 0;
const result = await runCampaign({
  repoRoot, runs, seed, workers, timeoutMs, heapMb, outDir, minimize: !process.argv.includes("--no-minimize"),
  onProgress: (done, failures) => {
    if (Date.now() - lastPrint > 10_000 || done === runs) {
      lastPrint = Date.now();
      process.stderr.write(`${done}/${runs} cases, ${failures} failure(s), ${Math.round((Date.now() - started) / 1000)} s\n`);
    }
  },
});
const seconds = (Date.now() - started) / 1000;
process.stdout.write(`${result.runs} cases (seed ${seed}) in ${seconds.toFixed(0)} s on ${workers} worker(s): ` +
  `${result.counts.crash} crashes, ${result.counts.hang} hangs, ${result.counts.oom} out of memory, ${result.counts.leak} leaked internals or unlocated lines, ${result.counts.contract} report contract failures; slowest case ${(result.slowestMs / 1000).toFixed(1)} s (case ${result.slowestIndex})\n`);
process.stdout.write(`passing cases by the exit code of run: ${Object.entries(result.runCodes).map(([code, n]) => `${code}: ${n}`).join(", ")}\n`);
for (const f of result.failures) process.stdout.write(`  case ${f.index} (${f.kind}): ${(f.minimized?.failure ?? f.failure).split("\n")[0]}\n`);
if (result.failures.length > 0) process.stdout.write(`failures written to ${outDir}\n`);
process.exitCode = result.failures.length > 0 ? 1 : 0;
