import Table from "cli-table3";
import { LocalClock } from "../model/core/local-clock.js";
import type { Transition } from "../model/core/trace.js";
import type { Run } from "../runner/run.js";
import { fit, makeStyle, type Style } from "./style.js";

/** How the terminal report is laid out. */
export interface TextOptions {
  readonly color: boolean;
  /** Columns to fit; no line is longer. */
  readonly width: number;
  /** Every transition instead of folding repeated ones. */
  readonly detail: boolean;
}

const LAYER_WIDTH = 9;

function formatDurationMs(ms: number): string {
  const minutes = Math.round(ms / 60000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m}m` : m === 0 ? `${h}h` : `${h}h${m}m`;
}

function thousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** One timeline line: time, layer, component, change and detail, cut to the width. */
function timelineLine(t: Transition, clock: LocalClock, width: number, style: Style, suffix = ""): string {
  const time = clock.format(t.atMs).padEnd(5);
  const head = `${time}  ${t.layer.padEnd(LAYER_WIDTH)}`;
  const change = t.from === t.to ? t.to : `${t.from} → ${t.to}`;
  const body = `${t.component}  ${change}${t.detail ? `  ${t.detail}` : ""}${suffix}`;
  const plain = fit(`${head}${body}`, width);
  return `${style.dim(plain.slice(0, time.length))}${style.layer(t.layer, plain.slice(time.length, head.length))}${plain.slice(head.length)}`;
}

/** The timeline, folding transitions that repeat the same component and change ("×12 until 02:52") unless `detail`. */
function renderTimeline(run: Run, clock: LocalClock, options: TextOptions, style: Style): string[] {
  const lines = [style.bold("Timeline")];
  if (options.detail) {
    for (const t of run.trace) lines.push(timelineLine(t, clock, options.width, style));
    return lines;
  }
  const groups = new Map<string, Transition[]>();
  for (const t of run.trace) {
    const key = `${t.layer}\u0000${t.component}\u0000${t.from}\u0000${t.to}`;
    const group = groups.get(key);
    if (group) group.push(t);
    else groups.set(key, [t]);
  }
  let folded = 0;
  for (const t of run.trace) {
    const group = groups.get(`${t.layer}\u0000${t.component}\u0000${t.from}\u0000${t.to}`) as Transition[];
    if (group[0] !== t) continue;
    if (group.length === 1) lines.push(timelineLine(t, clock, options.width, style));
    else {
      const last = group[group.length - 1] as Transition;
      folded += group.length - 1;
      lines.push(timelineLine(t, clock, options.width, style, `  (×${group.length} until ${clock.format(last.atMs)})`));
    }
  }
  if (folded > 0) lines.push(style.dim(fit(`(${folded} repeated transitions folded; --detail shows every one)`, options.width)));
  return lines;
}

/** Splits the width among table columns: fixed ones keep their size, the flexible ones share the rest. */
function columnWidths(fixed: readonly (number | undefined)[], width: number): number[] {
  const borders = fixed.length + 1;
  const used = fixed.reduce<number>((sum, w) => sum + (w ?? 0), 0);
  const flexible = fixed.filter((w) => w === undefined).length;
  const share = Math.max(8, Math.floor((width - borders - used) / Math.max(1, flexible)));
  return fixed.map((w) => w ?? share);
}

function renderImpacts(run: Run, clock: LocalClock, options: TextOptions, style: Style): string[] {
  const lines = [style.bold("Impact")];
  const wide = options.width >= 110;
  const head = wide
    ? ["app", "symptom", "impact", "recovered", "outage", "worst", "user-min lost"]
    : ["app", "symptom", "impact", "back", "outage", "worst"];
  const fixed = wide ? [undefined, undefined, 8, 10, 8, 7, 14] : [undefined, undefined, 7, 7, 7, 6];
  const widths = columnWidths(fixed, options.width);
  const table = new Table({
    head,
    colWidths: widths,
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [], compact: true, "padding-left": 0, "padding-right": 0 },
  });
  for (const i of run.impacts) {
    const row = [
      i.app,
      i.impacted ? i.symptom : "—",
      i.firstImpactAtMs === null ? "—" : clock.format(i.firstImpactAtMs),
      !i.impacted ? "—" : i.recoveredAtMs === null ? "no" : clock.format(i.recoveredAtMs),
      i.impacted ? formatDurationMs(i.outageMinutes * 60000) : "—",
      `${(i.worstSuccessRatio * 100).toFixed(i.worstSuccessRatio > 0.99 && i.worstSuccessRatio < 1 ? 1 : 0)}%`,
    ];
    if (wide) row.push(thousands(i.userMinutesLost));
    table.push(row.map((cell, c) => fit(cell, c < 2 ? Math.max(4, (widths[c] as number) * 3) : (widths[c] as number))));
  }
  lines.push(...table.toString().split("\n").map((line) => (style === undefined ? line : line)));
  lines.push(`acknowledged data lost: ${run.data.acknowledgedLost === 0 ? style.good("0") : style.bad(thousands(run.data.acknowledgedLost))}`);
  return lines;
}

function renderCascades(run: Run, clock: LocalClock, options: TextOptions, style: Style): string[] {
  if (run.explanations.length === 0) return [];
  const lines = [style.bold("Why (cascade for each impacted app, root first)")];
  for (const e of run.explanations) {
    const impact = run.impacts.find((i) => i.app === e.app);
    lines.push(fit(`${e.app}: "${impact?.symptom ?? ""}"`, options.width));
    e.chain.forEach((id, depth) => {
      const t = run.trace[id] as Transition;
      const indent = "  ".repeat(Math.min(depth, 8) + 1);
      const text = `${indent}${depth === 0 ? "" : "└ "}${clock.format(t.atMs)}  ${t.component}  ${t.to}${t.detail ? `  ${t.detail}` : ""}`;
      lines.push(style.layer(t.layer, fit(text, options.width)));
    });
    const otherRoots = e.roots.filter((r) => r !== e.chain[0]);
    if (otherRoots.length > 0) {
      lines.push(style.dim(fit(`  also from: ${otherRoots.map((r) => `${(run.trace[r] as Transition).component} ${clock.format((run.trace[r] as Transition).atMs)}`).join(", ")}`, options.width)));
    }
  }
  return lines;
}

function renderVerdicts(run: Run, options: TextOptions, style: Style): string[] {
  if (run.verdicts.length === 0) return [];
  const lines = [style.bold("Expectations")];
  for (const v of run.verdicts) {
    const mark = v.passed ? style.good("pass") : v.severity === "critical" ? style.bad("FAIL") : style.warn("warn");
    lines.push(`${mark}  ${fit(`${v.name}  got ${v.actual}  (${v.check})`, options.width - 6)}`);
  }
  const failed = run.verdicts.filter((v) => !v.passed).length;
  lines.push(fit(`${run.verdicts.length - failed} passed, ${failed} failed`, options.width));
  return lines;
}

/** The terminal report of a finished run: header, timeline, impact table, cascades and expectations. */
export function renderText(run: Run, options: TextOptions): string {
  const style = makeStyle(options.color);
  const clock = new LocalClock(run.start);
  const header = [
    style.bold(fit(`${run.scenario.name}: ${run.scenario.title}`, options.width)),
    fit(`seed ${run.seed} · horizon ${formatDurationMs(run.horizonMs)} · start ${clock.startDate} ${clock.format(0)} (UTC${clock.offset}) · ${thousands(run.stop.eventsProcessed)} events`, options.width),
  ];
  if (run.stop.reason === "event-budget") header.push(style.bad(fit(`stopped early: event budget ran out at ${clock.format(run.stop.atMs)}`, options.width)));
  if (run.unsettled.length > 0) header.push(style.warn(fit(`not settled at the horizon: ${run.unsettled.join(", ")}`, options.width)));
  for (const v of run.invariantViolations) header.push(style.bad(fit(`invariant violated: ${v}`, options.width)));
  const sections = [header, renderTimeline(run, clock, options, style), renderImpacts(run, clock, options, style), renderCascades(run, clock, options, style), renderVerdicts(run, options, style)];
  return `${sections.filter((s) => s.length > 0).map((s) => s.join("\n")).join("\n\n")}\n`;
}
