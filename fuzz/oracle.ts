/**
 * What every fuzz case must satisfy: `validate` then `run --format json` on the mutated scenario end with a
 * documented exit code, within the time and memory bounds, with no stack trace or internal wording, with every
 * line of an exit 2 located, and, for a run that produced a report, the report's own invariants.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { applyMutations, type FuzzCase } from "./mutate.js";
import type { CommandOutcome, FuzzWorker } from "./pool.js";

/** The seed files, copied into a scratch folder so cases can be written beside them (their imports resolve). */
export interface Corpus {
  readonly root: string;
  /** The seeds are the valid scenarios first, then the broken ones (fixtures/invalid): this many are valid. */
  readonly validSeeds: number;
  readonly seeds: readonly { readonly file: string; readonly text: string }[];
}

const SOURCE_FOLDERS = ["scenarios", "fixtures"];

/** Copies every YAML file of scenarios/ and fixtures/ into a scratch folder; the scenarios among them are the seeds. */
export function prepareCorpus(repoRoot: string, skipFolders: readonly string[] = []): Corpus {
  const root = mkdtempSync(join(tmpdir(), "outage-sim-fuzz-"));
  const seeds: { file: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== "golden" && !skipFolders.includes(name)) walk(path);
        continue;
      }
      if (!name.endsWith(".yaml")) continue;
      const target = join(root, relative(repoRoot, path));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(path, target);
      const text = readFileSync(path, "utf8");
      if (/^kind:\s*Scenario\s*$/m.test(text)) seeds.push({ file: target, text });
    }
  };
  for (const folder of SOURCE_FOLDERS) walk(join(repoRoot, folder));
  const broken = (s: { file: string }): boolean => s.file.includes(`${join("fixtures", "invalid")}`);
  const ordered = [...seeds.filter((s) => !broken(s)), ...seeds.filter(broken)];
  return { root, seeds: ordered, validSeeds: seeds.filter((s) => !broken(s)).length };
}

const STACK_TRACE = /\n\s+at .+:\d+:\d+|^\s+at .+:\d+:\d+/m;
const LEAKED = /internal error|Maximum call stack|RangeError|TypeError|ReferenceError|Invalid (array|string|typed array) length|\bundefined\b|\[object Object\]/;
const LOCATED = /^.+:\d+:\d+ {2}/;

/** Why a command's outcome breaks the contract, or undefined. */
function commandProblem(what: string, outcome: CommandOutcome, allowed: readonly number[], bounds: { rssMb: number }): string | undefined {
  if (outcome.kind === "timeout") return `${what}: hang (no answer within ${outcome.ms} ms)`;
  if (outcome.kind === "died") return `${what}: the process died (signal ${outcome.signal ?? "none"}, exit ${outcome.exitCode ?? "none"})${/heap out of memory|Allocation failed/.test(outcome.stderr) ? ": out of memory" : ""}`;
  if (!allowed.includes(outcome.code)) return `${what}: exit ${outcome.code}, expected one of ${allowed.join(", ")}\n${outcome.stderr.slice(0, 2000)}`;
  if (STACK_TRACE.test(outcome.stderr)) return `${what}: a stack trace\n${outcome.stderr.slice(0, 2000)}`;
  // The user's own text, quoted back in a message ("got text \"undefined\""), is not a leak: look outside quotes.
  const leaked = LEAKED.exec(outcome.stderr.replace(/"(?:[^"\\\n]|\\.)*"/g, '""'));
  if (leaked !== null) return `${what}: leaked internals ("${leaked[0]}")\n${outcome.stderr.slice(0, 2000)}`;
  if (outcome.rssMb > bounds.rssMb) return `${what}: used ${Math.round(outcome.rssMb)} MB, more than ${bounds.rssMb} MB`;
  if (outcome.code === 2) {
    const lines = outcome.stderr.split("\n").filter((l) => l !== "");
    const unlocated = lines.filter((l) => !LOCATED.test(l) && !/: \d+ problem\(s\)$/.test(l) && !/^\d+ problem\(s\); nothing was run\.$/.test(l));
    if (unlocated.length > 0 || lines.length === 0) return `${what}: exit 2 with a line that is not located: ${unlocated[0] ?? "(nothing printed)"}`;
  }
  return undefined;
}

interface ReportJson {
  horizonMs: number;
  stop: { reason: string; atMs: number };
  trace: { id: number; layer: string; causes: number[]; component: string; atMs: number }[];
  impacts: Record<string, unknown>[];
  series: { intervalMs: unknown };
  invariantViolations: string[];
  data: { acknowledgedLost: number; components: Record<string, number | string>[] };
}

/** The report's own contract: causes point back, every chain reaches a fault, an operator step or the apps' own demand, numbers are finite. */
export function reportProblem(text: string): string | undefined {
  let report: ReportJson;
  try {
    report = JSON.parse(text) as ReportJson;
  } catch {
    return "the JSON report does not parse";
  }
  if (!(typeof report.series?.intervalMs === "number" && report.series.intervalMs > 0)) return `series.intervalMs is ${JSON.stringify(report.series?.intervalMs)}`;
  if (!(report.stop.atMs <= report.horizonMs)) return `stop.atMs ${report.stop.atMs} is past the horizon ${report.horizonMs}`;
  if (report.invariantViolations.length > 0) return `invariant violated: ${report.invariantViolations[0]}`;
  const trace = report.trace;
  for (const [i, t] of trace.entries()) {
    if (t.id !== i) return `transition ${i} has id ${t.id}`;
    if (t.causes.some((c) => !(c >= 0 && c < i))) return `transition ${i} names a cause that is not an earlier transition`;
    if (i > 0 && t.atMs < (trace[i - 1] as { atMs: number }).atMs) return `transition ${i} is earlier than the one before it`;
  }
  // Roots reachable from every transition, memoized: a root is a transition without causes.
  const rootOk = new Array<boolean>(trace.length);
  for (const t of trace) {
    rootOk[t.id] = t.causes.length === 0 ? t.layer === "fault" || t.layer === "operator" || (t.layer === "app" && t.component === "load-demand") || (t.atMs === 0 && (t.layer === "facility" || t.layer === "compute")) : t.causes.every((c) => rootOk[c] === true);
    if (!rootOk[t.id]) {
      let at = t;
      while (at.causes.length > 0) at = trace[at.causes.find((c) => rootOk[c] !== true) ?? (at.causes[0] as number)]!;
      return `transition ${t.id} (${t.component}) has a cause chain ending at ${at.layer} ${at.component}, neither a fault, an operator step, the apps' demand nor the region's state at the start`;
    }
  }
  for (const impact of report.impacts) {
    for (const [key, value] of Object.entries(impact)) {
      if (typeof value === "number" && !Number.isFinite(value)) return `impact ${key} is ${value}`;
      // Null is documented for times that never came and for the request counts of apps without load.
      if (value === null && !/At(Ms)?$|recovered|^failed(Requests|Transactions)$/i.test(key)) return `impact ${key} is null`;
    }
  }
  for (const c of report.data.components) {
    for (const key of ["written", "lost", "delayed", "corrupted", "repaired", "acknowledgedLost"]) {
      const v = c[key];
      if (!(typeof v === "number" && Number.isFinite(v) && v >= 0)) return `data ${String(c.component)}.${key} is ${JSON.stringify(v)}`;
    }
    const written = c.written;
    if (!(typeof written === "number" && Number.isFinite(written) && written >= 0)) return `data ${String(c.component)}.written is ${JSON.stringify(written)}`;
    if ((c.lost as number) > written) return `data ${String(c.component)}: lost ${c.lost} > written ${written}`;
    if ((c.corrupted as number) > written) return `data ${String(c.component)}: corrupted ${c.corrupted} > written ${written}`;
  }
  return undefined;
}

/** The outcome of one case: its text and, when it broke the contract, why. */
export interface CaseResult {
  readonly text: string;
  readonly failure: string | undefined;
  readonly kind: "ok" | "crash" | "hang" | "oom" | "leak" | "contract";
  /** The exit code of `run` when it answered. */
  readonly runCode?: number;
}

/** Bounds of a case. */
export interface CaseBounds {
  readonly rssMb: number;
}

/** Runs `validate` and `run --format json` on a case and checks everything the contract promises. */
export async function checkCase(worker: FuzzWorker, corpus: Corpus, fuzz: FuzzCase, bounds: CaseBounds, slot = 0): Promise<CaseResult> {
  const seed = corpus.seeds[fuzz.seed % corpus.seeds.length]!;
  const text = applyMutations(seed.text, fuzz.mutations);
  const file = join(dirname(seed.file), `fuzz-case-${slot}.yaml`);
  writeFileSync(file, text);
  const roots = ["--import-root", corpus.root];
  const validate = await worker.run(["validate", file, ...roots]);
  const failure = commandProblem("validate", validate, [0, 2], bounds);
  if (failure !== undefined) return { text, failure, kind: classify(failure) };
  const run = await worker.run(["run", file, "--format", "json", "--check-invariants", ...roots]);
  const runFailure = commandProblem("run --format json --check-invariants", run, [0, 1, 2, 3], bounds);
  if (runFailure !== undefined) return { text, failure: runFailure, kind: classify(runFailure) };
  if (run.kind === "done" && validate.kind === "done" && validate.code === 0 && run.code === 2) {
    return { text, failure: `validate exited ${validate.code} but run exited ${run.code}`, kind: "contract" };
  }
  if (run.kind === "done" && run.code !== 2 && run.stdout !== "") {
    const problem = reportProblem(run.stdout);
    if (problem !== undefined) return { text, failure: `report: ${problem}`, kind: "contract" };
  }
  return { text, failure: undefined, kind: "ok", runCode: run.kind === "done" ? run.code : undefined };
}

function classify(failure: string): CaseResult["kind"] {
  if (failure.includes(": hang")) return "hang";
  if (failure.includes("out of memory") || failure.includes(" MB, more than")) return "oom";
  if (failure.includes("died") || failure.includes("stack trace") || /exit 70/.test(failure)) return "crash";
  if (failure.includes("leaked") || failure.includes("not located")) return "leak";
  return "contract";
}
