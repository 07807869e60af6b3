import { dataSentence } from "./data-ledger.js";
import Table from "cli-table3";
import { LocalClock } from "../model/core/local-clock.js";
import type { Transition } from "../model/core/trace.js";
import { budgetThatRanOut, type AppImpact, type Run } from "../runner/run.js";
import { cascadeForest, type CascadeNode } from "./cascade.js";
import { componentsOf } from "./components.js";
import { foldTimeline, unfoldedTimeline, type TimelineEntry } from "./fold.js";
import { compactCount, formatDurationMs, percent, thousands } from "./format-number.js";
import { provenanceFiles, replayCommand, wrapCommand } from "./provenance.js";
import { displayWidth } from "./display-width.js";
import { fit, makeStyle, type Style } from "./style.js";

/** How the terminal report is laid out. */
export interface TextOptions {
  readonly color: boolean;
  /** Columns to fit; no line is longer. */
  readonly width: number;
  /** Every transition instead of folding related ones. */
  readonly detail: boolean;
}

const LAYER_WIDTH = 9;
/** From this width on the impact table spells its headings out and prints exact numbers. */
const WIDE_TABLE = 110;
/** From this width on the impact table also shows each app's title. */
const WIDEST_TABLE = 150;

/** One timeline line: time, layer, component, change and detail, cut to the width. */
function timelineLine(e: TimelineEntry, clock: LocalClock, timeWidth: number, width: number, style: Style): string {
  const time = clock.format(e.atMs).padEnd(timeWidth);
  const head = `${time}  ${e.layer.padEnd(LAYER_WIDTH)}`;
  const body = `${e.label}  ${e.change}${e.detail ? `  ${e.detail}` : ""}`;
  const plain = fit(`${head}${body}`, width);
  const labelEnd = Math.min(plain.length, head.length + e.label.length);
  return `${style.dim(plain.slice(0, time.length))}${style.layer(e.layer, plain.slice(time.length, head.length))}${style.bold(plain.slice(head.length, labelEnd))}${plain.slice(labelEnd)}`;
}

/** The timeline: folded into one line per episode by default, every transition with `detail`. */
function renderTimeline(run: Run, clock: LocalClock, options: TextOptions, style: Style): string[] {
  const entries = options.detail
    ? unfoldedTimeline(run.trace)
    : foldTimeline(run.trace, { formatTime: (ms) => clock.format(ms), components: componentsOf(run) });
  const timeWidth = Math.max(5, ...entries.map((e) => clock.format(e.atMs).length));
  const lines = [style.bold(`Timeline (${options.detail ? "every transition" : "folded"}, local time UTC${clock.offset})`)];
  for (const e of entries) lines.push(timelineLine(e, clock, timeWidth, options.width, style));
  const folded = run.trace.length - entries.length;
  if (folded > 0) lines.push(style.dim(fit(`(${thousands(run.trace.length)} transitions on ${thousands(entries.length)} lines; --detail shows every one)`, options.width)));
  return lines;
}

/** Splits the width among table columns: fixed ones keep their size; flexible ones get what they want, or fair shares of the rest (water-filling). */
function columnWidths(fixed: readonly (number | undefined)[], wanted: readonly number[], width: number): number[] {
  const borders = fixed.length + 1;
  const used = fixed.reduce<number>((sum, w) => sum + (w ?? 0), 0);
  let rest = Math.max(0, width - borders - used);
  const widths = fixed.map((w) => w ?? 0);
  let open = fixed.flatMap((w, i) => (w === undefined ? [i] : []));
  while (open.length > 0) {
    const share = Math.floor(rest / open.length);
    const satisfied = open.filter((i) => (wanted[i] as number) <= share);
    if (satisfied.length === 0) {
      open.forEach((i, k) => (widths[i] = Math.max(6, share + (k < rest - share * open.length ? 1 : 0))));
      break;
    }
    for (const i of satisfied) {
      widths[i] = wanted[i] as number;
      rest -= wanted[i] as number;
    }
    open = open.filter((i) => !satisfied.includes(i));
  }
  return widths;
}

interface Column {
  readonly head: string;
  /** Fixed width including padding; undefined shares the rest. */
  readonly width: number | undefined;
  readonly cell: (i: AppImpact) => string;
}

function impactColumns(run: Run, clock: LocalClock, width: number): Column[] {
  const time = (ms: number | null): string => (ms === null ? "—" : clock.format(ms));
  const recovered = (i: AppImpact): string => (!i.impacted ? "—" : i.recoveredAtMs === null ? "not yet" : clock.format(i.recoveredAtMs));
  const outage = (i: AppImpact): string => (i.impacted ? formatDurationMs(i.outageMinutes * 60000) : "—");
  const timeWidth = Math.max(5, ...run.impacts.map((i) => Math.max(time(i.firstImpactAtMs).length, recovered(i).length))) + 1;
  const wide = width >= WIDE_TABLE;
  const columns: Column[] = [{ head: "app", width: undefined, cell: (i) => i.app }];
  if (width >= WIDEST_TABLE) columns.push({ head: "title", width: undefined, cell: (i) => i.title });
  columns.push(
    { head: "symptom", width: undefined, cell: (i) => (i.impacted ? i.symptom : "—") },
    { head: wide ? "first impact" : "from", width: Math.max(timeWidth, wide ? 14 : 7), cell: (i) => time(i.firstImpactAtMs) },
    { head: wide ? "recovered" : "back", width: Math.max(timeWidth, wide ? 11 : 7), cell: recovered },
    { head: "outage", width: 8, cell: outage },
    { head: wide ? "worst success" : "worst", width: wide ? 15 : 7, cell: (i) => percent(i.worstSuccessRatio) },
    wide
      ? { head: "user-minutes lost", width: Math.max(19, ...run.impacts.map((i) => thousands(i.userMinutesLost).length + 1)), cell: (i) => thousands(i.userMinutesLost) }
      : { head: "user-min\nlost", width: 10, cell: (i) => compactCount(i.userMinutesLost) },
  );
  return columns;
}

/** What "from" and "back" mean, under the impact table: the same threshold as the timeline's app states. */
export const IMPACT_LEGEND = "from: first below its impact threshold · back: healthy again, for good";

/** The impact table: one row per app, fitted to the width, followed by the data lost. */
function renderImpacts(run: Run, clock: LocalClock, options: TextOptions, style: Style): string[] {
  const lines = [style.bold("Impact")];
  const columns = impactColumns(run, clock, options.width);
  const wanted = columns.map((c) => Math.max(c.head.length, ...run.impacts.map((i) => displayWidth(c.cell(i)))) + 1);
  const widths = columnWidths(columns.map((c) => c.width), wanted, options.width);
  const table = new Table({
    head: columns.map((c) => c.head),
    colWidths: widths,
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [], compact: true, "padding-left": 1, "padding-right": 0 },
  });
  for (const i of run.impacts) {
    table.push(columns.map((c, k) => {
      const text = c.cell(i);
      // Ids and numbers are cut, not wrapped; titles and symptoms wrap on spaces.
      return c.head === "symptom" || c.head === "title" ? text : fit(text, (widths[k] as number) - 1);
    }));
  }
  lines.push(...table.toString().split("\n"));
  if (run.impacts.some((i) => i.impacted)) lines.push(style.dim(fit(IMPACT_LEGEND, options.width)));
  const transactional = run.impacts.filter((i) => i.failedTransactions !== null && i.failedTransactions > 0);
  if (transactional.length > 0) {
    lines.push(fit(`failed transactions (refused or rolled back, none lost): ${transactional.map((i) => `${i.app} ${thousands(i.failedTransactions as number)}`).join(", ")}`, options.width));
  }
  const lost = run.data.acknowledgedLost;
  lines.push(`acknowledged data lost: ${lost === 0 ? style.good("0") : style.bad(thousands(lost))}`);
  for (const t of run.data.components) lines.push(fit(`  ${dataSentence(t)}`, options.width));
  return lines;
}

function treeLine(t: Transition, clock: LocalClock, prefix: string, width: number, style: Style, apps: readonly string[], run: Run): string[] {
  const head = `${prefix}${clock.format(t.atMs)}  `;
  const lines: string[] = [];
  const plain = fit(`${head}${t.component}  ${t.to}${t.detail ? `  ${t.detail}` : ""}`, width);
  const nameEnd = Math.min(plain.length, head.length + t.component.length);
  lines.push(`${style.dim(plain.slice(0, head.length))}${style.layer(t.layer, plain.slice(head.length, nameEnd))}${plain.slice(nameEnd)}`);
  const guide = prefix.replace(/[├└]─ $/, (m) => (m.startsWith("├") ? "│  " : "   "));
  for (const app of apps) {
    const impact = run.impacts.find((i) => i.app === app);
    const marker = `${guide}⇒ ${app} impacted: "${impact?.symptom ?? ""}"`;
    lines.push(style.bad(fit(marker, width)));
    const explanation = run.explanations.find((e) => e.app === app);
    const others = (explanation?.roots ?? []).filter((r) => r !== explanation?.chain[0]).map((r) => run.trace[r]).filter((r): r is Transition => r !== undefined);
    if (others.length > 0) lines.push(style.dim(fit(`${guide}  also from: ${others.map((r) => `${r.component} ${clock.format(r.atMs)}`).join(", ")}`, width)));
  }
  return lines;
}

function renderNode(node: CascadeNode, prefix: string, guide: string, clock: LocalClock, width: number, style: Style, run: Run, out: string[]): void {
  out.push(...treeLine(node.transition, clock, prefix, width, style, node.apps, run));
  if (node.children.length === 1) {
    // A chain continues at the same indentation: depth grows only where the cascade branches.
    renderNode(node.children[0] as CascadeNode, guide, guide, clock, width, style, run, out);
    return;
  }
  node.children.forEach((child, k) => {
    const last = k === node.children.length - 1;
    renderNode(child, `${guide}${last ? "└─ " : "├─ "}`, `${guide}${last ? "   " : "│  "}`, clock, width, style, run, out);
  });
}

/** The cascade: every impacted app's chain from its root, merged where chains share steps, indented only at branches. */
function renderCascades(run: Run, clock: LocalClock, options: TextOptions, style: Style): string[] {
  const forest = cascadeForest(run);
  if (forest.length === 0) return [];
  const lines = [style.bold(fit("Why: each impacted app's cascade, root first", options.width))];
  for (const root of forest) renderNode(root, "", "", clock, options.width, style, run, lines);
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

/** The header: scenario, seed, horizon, local start time, and any warning about how the run ended. */
function renderHeader(run: Run, clock: LocalClock, options: TextOptions, style: Style): string[] {
  const header = [
    style.bold(fit(`${run.scenario.name}: ${run.scenario.title}`, options.width)),
    fit(`seed ${run.seed} · horizon ${formatDurationMs(run.horizonMs)} · start ${clock.startDate} ${clock.format(0)} (UTC${clock.offset}) · ${thousands(run.stop.eventsProcessed)} events`, options.width),
  ];
  if (budgetThatRanOut(run) !== undefined) header.push(style.bad(fit(`stopped early: ${budgetThatRanOut(run)} ran out at ${clock.format(run.stop.atMs)}`, options.width)));
  if (run.unsettled.length > 0) header.push(style.warn(fit(`not settled at the horizon: ${run.unsettled.join(", ")}`, options.width)));
  for (const v of run.invariantViolations) header.push(style.bad(fit(`invariant violated: ${v}`, options.width)));
  return header;
}

/** Where the report came from, with short hashes, and the command that replays it, never cut (wrapped with `\` instead). */
function renderProvenance(run: Run, options: TextOptions, style: Style): string[] {
  const p = run.provenance;
  if (p === undefined) return [];
  // The overrides are in the replay command below, whole.
  const lines = [style.dim(fit(`${p.tool.name} ${p.tool.version} · seed ${p.seed} · horizon ${formatDurationMs(p.horizonMs)}`, options.width))];
  for (const f of provenanceFiles(p)) {
    // The whole hash when it fits, else its first 16 digits (enough to compare with sha256sum by eye).
    const full = `${f.role} ${f.path}  sha256 ${f.sha256}`;
    lines.push(style.dim(fit(displayWidth(full) <= options.width ? full : `${f.role} ${f.path}  sha256 ${f.sha256.slice(0, 16)}`, options.width)));
  }
  const command = wrapCommand(replayCommand(p), options.width - 8);
  lines.push(`Replay: ${command[0] ?? ""}`, ...command.slice(1).map((l) => `        ${l.trimStart()}`));
  return lines;
}

/** The terminal report of a finished run: header, timeline, impact table, cascade tree and expectations. */
export function renderText(run: Run, options: TextOptions): string {
  const style = makeStyle(options.color);
  const clock = new LocalClock(run.start);
  const sections = [
    renderHeader(run, clock, options, style),
    renderTimeline(run, clock, options, style),
    renderImpacts(run, clock, options, style),
    renderCascades(run, clock, options, style),
    renderVerdicts(run, options, style),
    renderProvenance(run, options, style),
  ];
  return `${sections.filter((s) => s.length > 0).map((s) => s.join("\n")).join("\n\n")}\n`;
}
