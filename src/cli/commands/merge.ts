import { Option, type Command } from "commander";
import { orderRecords, summarizeSweep, SWEEP_FORMAT_VERSION, type RunRecord, type SweepPlan } from "../../runner/sweep.js";
import { UserError } from "../exit-codes.js";
import type { CommandContext } from "./context.js";
import { readInputFile } from "../safe-io.js";

/** Largest part file read, in bytes (a part of a long sweep holds one record per run). */
export const MAX_PART_BYTES = 256 * 1024 * 1024;
import { emit } from "./context.js";
import { applyGate, parseFailUnder, PART_FORMAT, renderSweep, SWEEP_FORMATS, warnLimits, type SweepFormat } from "./sweep.js";
import { finishHunt, HUNT_PART_FORMAT, mergeHuntParts, renderHunt } from "./hunt.js";
import { HUNT_FORMAT_VERSION, type HuntPlan, type HuntRecord } from "../../runner/hunt/plan.js";
import { summarizeHunt } from "../../runner/hunt/summary.js";

interface HuntPart {
  readonly kind: "hunt";
  readonly file: string;
  readonly shard: { readonly index: number; readonly count: number };
  readonly plan: HuntPlan;
  readonly records: readonly HuntRecord[];
}

/** Reads a hunt part file (`hunt --shard I/N`); its records are checked against the plan's search when merged. */
function readHuntPart(file: string, value: Record<string, unknown>): HuntPart {
  if (value.version !== HUNT_FORMAT_VERSION) throw new UserError(`"${file}" is a hunt part file of version ${String(value.version)}; this outage-sim reads version ${HUNT_FORMAT_VERSION}. Rerun the shard with this version`);
  const shard = value.shard;
  const plan = value.plan as Record<string, unknown> | undefined;
  if (!isObject(shard) || !Number.isInteger(shard.index) || !Number.isInteger(shard.count) || !isObject(plan) || !Array.isArray(value.records)) throw new UserError(`"${file}" is a damaged hunt part file (no shard, plan or records)`);
  if (!Array.isArray(plan.candidates) || !Array.isArray(plan.objectives) || !Number.isInteger(plan.runs) || !Number.isInteger(plan.depth)) throw new UserError(`"${file}" is a damaged hunt part file (its plan is incomplete)`);
  const apps = (plan.apps as unknown[] | undefined)?.length ?? 0;
  for (const r of value.records as unknown[]) {
    const ok = isObject(r) && Number.isInteger(r.level) && Number.isInteger(r.job) && Number.isInteger(r.seed) && Array.isArray(r.members)
      && numbers(r.outageMinutes, apps) && numbers(r.userMinutesLost, apps) && Array.isArray(r.impacted) && Array.isArray(r.checks) && Array.isArray(r.reach) && typeof r.reachAny === "boolean" && Array.isArray(r.chains);
    if (!ok) throw new UserError(`"${file}" is a damaged hunt part file: a record does not match its plan`);
  }
  return { kind: "hunt", file, shard: { index: shard.index as number, count: shard.count as number }, plan: plan as unknown as HuntPlan, records: value.records as HuntRecord[] };
}

interface Part {
  readonly file: string;
  readonly shard: { readonly index: number; readonly count: number };
  readonly plan: SweepPlan;
  readonly records: readonly RunRecord[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function numbers(value: unknown, length: number, nullable = false): boolean {
  return Array.isArray(value) && value.length === length && value.every((v) => (typeof v === "number" && Number.isFinite(v)) || (nullable && v === null));
}

/** Checks one record against its plan's shape; returns what is wrong, or "". */
function recordProblem(plan: SweepPlan, r: unknown): string {
  if (!isObject(r)) return "a record is not an object";
  const cell = plan.cells[r.cell as number];
  if (!Number.isInteger(r.job) || !Number.isInteger(r.run) || !Number.isInteger(r.seed) || cell === undefined) return `record ${JSON.stringify(r.job)} has no valid job, cell, run or seed`;
  const apps = cell.apps.length;
  const ok = Array.isArray(r.impacted) && r.impacted.length === apps && r.impacted.every((v) => typeof v === "boolean")
    && numbers(r.outageMinutes, apps) && numbers(r.recoveredAtMs, apps, true) && numbers(r.userMinutesLost, apps)
    && typeof r.dataLost === "number" && Array.isArray(r.checks) && r.checks.length === cell.checks.length && r.checks.every((v) => typeof v === "boolean")
    && typeof r.stop === "string" && Number.isInteger(r.unsettled);
  return ok ? "" : `record ${String(r.job)} does not match its cell (${apps} apps, ${cell.checks.length} checks)`;
}

/** Reads and checks one part file. */
function readPart(file: string): Part | HuntPart {
  let value: unknown;
  const read = readInputFile(file, MAX_PART_BYTES);
  if (!read.ok) throw new UserError(read.reason === "no such file" ? `no part file at "${file}"` : `cannot read "${file}" as a part file: ${read.reason}`);
  try {
    value = JSON.parse(read.text);
  } catch {
    throw new UserError(`"${file}" is not a sweep part file: it is not JSON (write them with outage-sim sweep --shard I/N --out FILE)`);
  }
  if (isObject(value) && value.format === HUNT_PART_FORMAT) return readHuntPart(file, value);
  if (!isObject(value) || value.format !== PART_FORMAT) throw new UserError(`"${file}" is not a sweep part file (write them with outage-sim sweep --shard I/N --out FILE)`);
  if (value.version !== SWEEP_FORMAT_VERSION) throw new UserError(`"${file}" is a part file of version ${String(value.version)}; this outage-sim reads version ${SWEEP_FORMAT_VERSION}. Rerun the shard with this version`);
  const shard = value.shard;
  if (!isObject(shard) || !Number.isInteger(shard.index) || !Number.isInteger(shard.count) || !isObject(value.plan) || !Array.isArray(value.records)) throw new UserError(`"${file}" is a damaged part file (no shard, plan or records)`);
  const plan = value.plan as unknown as SweepPlan;
  if (!Array.isArray(plan.cells) || !Number.isInteger(plan.runs) || !Number.isInteger(plan.baseSeed)) throw new UserError(`"${file}" is a damaged part file (its plan is incomplete)`);
  for (const r of value.records) {
    const problem = recordProblem(plan, r);
    if (problem !== "") throw new UserError(`"${file}" is a damaged part file: ${problem}`);
  }
  return { file, shard: { index: shard.index as number, count: shard.count as number }, plan, records: value.records as RunRecord[] };
}

/** Combines part files into the records of the whole sweep; every problem is a user error naming the files. */
export function mergeParts(parts: readonly Part[]): { plan: SweepPlan; records: RunRecord[] } {
  const first = parts[0];
  if (first === undefined) throw new UserError("give the part files to merge");
  const planText = JSON.stringify(first.plan);
  for (const part of parts) {
    if (JSON.stringify(part.plan) !== planText) throw new UserError(`"${part.file}" belongs to a different sweep than "${first.file}" (scenario, seeds, runs, horizon or axes differ)`);
    if (part.shard.count !== first.shard.count) throw new UserError(`"${part.file}" is a part of ${part.shard.count}, "${first.file}" of ${first.shard.count}. Merge the parts of one split`);
  }
  const seen = new Map<number, string>();
  for (const part of parts) {
    const twice = seen.get(part.shard.index);
    if (twice !== undefined) throw new UserError(`part ${part.shard.index}/${part.shard.count} is given twice ("${twice}" and "${part.file}")`);
    seen.set(part.shard.index, part.file);
  }
  const missing = Array.from({ length: first.shard.count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new UserError(`part(s) ${missing.map((i) => `${i}/${first.shard.count}`).join(", ")} missing. Run them with outage-sim sweep --shard I/${first.shard.count}`);
  const records = parts.flatMap((p) => p.records);
  const ordered = orderRecords(first.plan, records);
  if (typeof ordered === "string") throw new UserError(`the parts do not add up to the sweep: ${ordered}`);
  return { plan: first.plan, records: ordered };
}

/** `merge <parts...>`: the report of a sharded sweep, byte for byte the same as the unsharded sweep's. */
export function registerMerge(program: Command, context: CommandContext): void {
  program
    .command("merge")
    .description("combine the part files of a sharded sweep or hunt (--shard I/N) into its report")
    .argument("<parts...>", "part files, one per shard, in any order")
    .addOption(new Option("--format <format>", "report format").choices([...SWEEP_FORMATS]).default("text"))
    .option("--out <file>", "write the report to this file, atomically, instead of stdout")
    .option("--fail-under <rate>", "exit 1 when a critical check holds in fewer than this share of a cell's runs, e.g. 95%", parseFailUnder)
    .action((files: string[], opts: { format: SweepFormat; out?: string; failUnder?: { text: string; fraction: number } }) => {
      const parts = files.map(readPart);
      const hunts = parts.filter((p): p is HuntPart => "kind" in p);
      if (hunts.length > 0) {
        if (hunts.length !== parts.length) throw new UserError("give either the parts of a sweep or those of a hunt, not both");
        const merged = mergeHuntParts(hunts);
        const summary = summarizeHunt(merged.plan, merged.records);
        emit(renderHunt(summary, opts.format), opts.out, context.streams);
        context.setCode(finishHunt(summary, context));
        return;
      }
      const { plan, records } = mergeParts(parts as Part[]);
      const summary = summarizeSweep(plan, records);
      emit(renderSweep(summary, opts.format), opts.out, context.streams);
      warnLimits(summary, context);
      applyGate(summary, opts.failUnder, context);
    });
}
