import { DATA_COLUMNS, dataCells } from "./data-ledger.js";
import { LocalClock } from "../model/core/local-clock.js";
import type { Transition } from "../model/core/trace.js";
import { budgetThatRanOut, REPORT_SCHEMA_VERSION, type Run } from "../runner/run.js";
import { cascadeGraph } from "./cascade.js";
import { componentsOf, type ComponentInfo } from "./components.js";
import { foldTimeline } from "./fold.js";
import { formatDurationMs, percent, thousands } from "./format-number.js";
import { runOutcome } from "./markdown.js";
import { overridesInWords, provenanceFiles, replayCommand } from "./provenance.js";
import { renderCascadeGraph } from "./svg/cascade-graph.js";
import { renderLineChart, renderStepChart, type ChartBand, type ChartSeries, type ChartThreshold } from "./svg/line-chart.js";
import { el, escapeXml, LAYER_COLORS, paletteColor } from "./svg/svg.js";

const CHART_WIDTH = 1100;
const SMALL_WIDTH = 360;

const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #ffffff; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
.facts { color: var(--muted); margin: 0 0 12px; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; font-size: 13px; margin-right: 8px; vertical-align: 3px; }
.badge.pass { background: #dafbe1; color: #116329; } .badge.fail { background: #ffebe9; color: #a40e26; } .badge.warn { background: #fff8c5; color: #7d4e00; }
.warning { background: #fff8c5; border: 1px solid #d4a72c; padding: 6px 10px; border-radius: 6px; margin: 6px 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.pass { color: #116329; font-weight: 600; } td.fail { color: #a40e26; font-weight: 600; } td.warn { color: #7d4e00; font-weight: 600; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg); padding: 1px 4px; border-radius: 4px; }
svg.chart { display: block; width: 100%; height: auto; margin: 8px 0 16px; }
.small-multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 4px 16px; }
.small-multiples svg.chart { margin: 0; }
.chart-title { font-size: 14px; font-weight: 600; fill: var(--ink); }
.tick { font-size: 11px; fill: var(--muted); font-variant-numeric: tabular-nums; }
.tick.y { text-anchor: end; } .tick.x { text-anchor: middle; }
.grid { stroke: #eaeef2; stroke-width: 1; }
.frame { fill: none; stroke: #afb8c1; stroke-width: 1; }
.series { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
.threshold { stroke-width: 1.2; stroke-dasharray: 5 4; }
.threshold-label { font-size: 11px; text-anchor: end; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
.band { opacity: 0.35; }
.legend-item text { font-size: 12px; fill: var(--ink); }
.edge { fill: none; stroke: #9aa4ae; stroke-width: 1.4; }
.node-name { font-size: 12px; font-weight: 600; fill: var(--ink); }
.node-caption { font-size: 11px; fill: var(--muted); }
.note { color: var(--muted); font-size: 13px; }
details { margin: 8px 0; } summary { cursor: pointer; font-weight: 600; }
ol.chain { margin: 6px 0 12px; padding-left: 28px; } ol.chain li { margin: 2px 0; }
.layer { display: inline-block; min-width: 64px; font-size: 12px; font-weight: 600; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
footer table.files { width: auto; font-size: 12px; }
.scroll { overflow-x: auto; max-width: 100%; }
@media (max-width: 720px) {
  main { padding: 16px 12px 32px; }
  h1 { font-size: 20px; }
  table { display: block; overflow-x: auto; max-width: 100%; }
  .small-multiples { grid-template-columns: 1fr; }
}
`;

function metric(run: Run, name: string): readonly number[] | undefined {
  return run.series.metrics.find((m) => m.name === name)?.values;
}

function idsOf(run: Run, pattern: RegExp): string[] {
  return run.series.metrics.map((m) => pattern.exec(m.name)?.[1]).filter((id): id is string => id !== undefined);
}

/** Round-number ticks from `min` to `max`, about five of them. */
function niceTicks(min: number, max: number): { min: number; max: number; ticks: number[] } {
  const span = Math.max(1e-9, max - min);
  const raw = span / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 1000; v += step) ticks.push(Math.round(v * 1000) / 1000);
  return { min: lo, max: hi, ticks };
}

function finiteValues(series: readonly ChartSeries[]): number[] {
  return series.flatMap((s) => s.values.filter((v) => Number.isFinite(v)));
}

function hallThresholds(run: Run, halls: readonly string[], components: readonly ComponentInfo[]): ChartThreshold[] {
  const known = components.filter((c) => halls.includes(c.id)).flatMap((c) => c.thresholdsCelsius ?? []);
  const found = new Map<number, string>();
  for (const t of known) if (!found.has(t.celsius)) found.set(t.celsius, t.band ? `${t.celsius} °C` : t.label);
  if (found.size === 0) {
    // Without a component list, the hall's own temperature bands (their levels, °C) name its thresholds.
    for (const t of run.trace) {
      if (!halls.includes(t.component) || t.aspect !== "temperature" || t.level === undefined) continue;
      for (const celsius of [t.level.from, t.level.to]) if (celsius > 0) found.set(celsius, `${celsius} °C`);
    }
  }
  const sorted = [...found.entries()].sort((a, b) => a[0] - b[0]);
  const ramp = ["#b08900", "#d97706", "#dc5a1e", "#c0392b", "#8e1b10"];
  return sorted.map(([celsius, label], k) => ({ value: celsius, label, color: ramp[Math.min(ramp.length - 1, Math.round((k * (ramp.length - 1)) / Math.max(1, sorted.length - 1)))] as string }));
}

interface ChartContext {
  readonly run: Run;
  readonly clock: LocalClock;
  readonly components: readonly ComponentInfo[];
}

function chartBase(ctx: ChartContext): { intervalMs: number; points: number; xFormat: (ms: number) => string; xOffsetMs: number } {
  return { intervalMs: ctx.run.series.intervalMs, points: ctx.run.series.points, xFormat: (ms) => ctx.clock.format(ms), xOffsetMs: ctx.clock.startOfDayMs };
}

function hallTemperatureChart(ctx: ChartContext): string {
  const halls = idsOf(ctx.run, /^hall\.(.+)\.inletCelsius$/);
  if (halls.length === 0) return "";
  const series = halls.map((h, k): ChartSeries => ({ name: h, values: metric(ctx.run, `hall.${h}.inletCelsius`) as readonly number[], color: paletteColor(k) }));
  const thresholds = hallThresholds(ctx.run, halls, ctx.components);
  const values = [...finiteValues(series), ...thresholds.map((t) => t.value)];
  const scale = niceTicks(Math.min(...values), Math.max(...values));
  return renderLineChart({ ...chartBase(ctx), id: "chart-hall-temperatures", title: "Hall inlet temperature (°C) with thresholds", width: CHART_WIDTH, height: 300, series, thresholds, yMin: scale.min, yMax: scale.max, yTicks: scale.ticks, yFormat: (v) => `${v}` });
}

function serversChart(ctx: ChartContext): string {
  const clusters = idsOf(ctx.run, /^cluster\.(.+)\.serversUp$/);
  if (clusters.length > 0) {
    const groups = new Map<string, number[]>();
    for (const id of clusters) {
      const info = ctx.components.find((c) => c.id === id);
      const key = info?.hall !== undefined ? `${info.hall} · ${info.role ?? "servers"}` : id;
      const values = metric(ctx.run, `cluster.${id}.serversUp`) as readonly number[];
      const sum = groups.get(key);
      groups.set(key, sum === undefined ? [...values] : sum.map((v, i) => v + (values[i] ?? 0)));
    }
    const series = [...groups.entries()].map(([name, values], k): ChartSeries => ({ name, values, color: paletteColor(k) }));
    const scale = niceTicks(0, Math.max(1, ...finiteValues(series)));
    const byHall = ctx.components.length > 0 ? "by hall and role" : "by cluster";
    return renderStepChart({ ...chartBase(ctx), id: "chart-servers-up", title: `Servers up ${byHall}`, width: CHART_WIDTH, height: 300, series, yMin: 0, yMax: scale.max, yTicks: scale.ticks, yFormat: (v) => thousands(v) });
  }
  const ids = idsOf(ctx.run, /^cluster\.(.+)\.capacity$/);
  if (ids.length === 0) return "";
  const series = ids.map((id, k): ChartSeries => ({ name: id, values: metric(ctx.run, `cluster.${id}.capacity`) as readonly number[], color: paletteColor(k) }));
  return renderStepChart({ ...chartBase(ctx), id: "chart-servers-up", title: "Server clusters: capacity (%)", width: CHART_WIDTH, height: 300, series, yMin: 0, yMax: 1, yTicks: [0, 0.25, 0.5, 0.75, 1], yFormat: (v) => `${Math.round(v * 100)}%` });
}

function serviceChart(ctx: ChartContext): string {
  const ids = idsOf(ctx.run, /^service\.(.+)\.capacity$/);
  if (ids.length === 0) return "";
  const series = ids.map((id, k): ChartSeries => ({ name: id, values: metric(ctx.run, `service.${id}.capacity`) as readonly number[], color: paletteColor(k) }));
  return renderStepChart({ ...chartBase(ctx), id: "chart-service-capacity", title: "Service capacity (%)", width: CHART_WIDTH, height: 300, series, yMin: 0, yMax: 1, yTicks: [0, 0.25, 0.5, 0.75, 1], yFormat: (v) => `${Math.round(v * 100)}%` });
}

/** Spans when an app was not healthy, from its transitions: degraded and down shaded differently. */
export function outageBands(trace: readonly Transition[], app: string, endMs: number, clock: LocalClock): ChartBand[] {
  const bands: ChartBand[] = [];
  let state = "healthy";
  let sinceMs = 0;
  const close = (atMs: number): void => {
    if (state === "healthy" || atMs <= sinceMs) return;
    bands.push({ fromMs: sinceMs, toMs: atMs, color: state === "down" ? "#e5534b" : "#f2b84b", label: `${app} ${state} ${clock.format(sinceMs)}–${clock.format(atMs)}` });
  };
  for (const t of trace) {
    if (t.layer !== "app" || t.component !== app || t.to === state) continue;
    close(t.atMs);
    state = t.to;
    sinceMs = t.atMs;
  }
  close(endMs);
  return bands;
}

function appCharts(ctx: ChartContext): string {
  const apps = idsOf(ctx.run, /^app\.(.+)\.successRatio$/);
  if (apps.length === 0) return "";
  const charts = apps.map((app) => {
    const impact = ctx.run.impacts.find((i) => i.app === app);
    const title = impact?.impacted ? `${app} · worst ${percent(impact.worstSuccessRatio)} · out ${formatDurationMs(impact.outageMinutes * 60000)}` : `${app} · never impacted`;
    return renderLineChart({
      ...chartBase(ctx), id: `chart-app-${app.replace(/[^A-Za-z0-9_-]/g, "_")}`, title, width: SMALL_WIDTH, height: 170, legend: false, step: true,
      series: [{ name: `${app} success ratio`, values: metric(ctx.run, `app.${app}.successRatio`) as readonly number[], color: LAYER_COLORS.app as string }],
      bands: outageBands(ctx.run.trace, app, ctx.run.stop.atMs, ctx.clock),
      yMin: 0, yMax: 1, yTicks: [0, 0.5, 1], yFormat: (v) => `${Math.round(v * 100)}%`,
    });
  });
  return el("div", { class: "small-multiples", id: "chart-app-success" }, ...charts);
}

function cascadeSection(ctx: ChartContext): string {
  const graph = cascadeGraph(ctx.run);
  if (graph.nodes.length === 0) return el("p", { class: "note" }, "No app was impacted: there is no cascade to draw.");
  const svg = renderCascadeGraph({
    id: "chart-cascade",
    title: "The cascade: from the root fault to every impacted app",
    width: CHART_WIDTH,
    nodes: graph.nodes.map((n) => ({ id: n.component, layer: n.layer, depth: n.depth, caption: `${ctx.clock.format(n.atMs)} ${n.state}`, tooltip: `${n.layer} ${n.component}: ${n.state} (first changed ${ctx.clock.format(n.atMs)})` })),
    edges: graph.edges,
  });
  const chains = ctx.run.explanations.map((e) => {
    const impact = ctx.run.impacts.find((i) => i.app === e.app);
    const items = e.chain.map((id) => ctx.run.trace[id]).filter((t): t is Transition => t !== undefined).map((t) =>
      el("li", {}, `${ctx.clock.format(t.atMs)} `, el("span", { class: "layer", style: `color:${LAYER_COLORS[t.layer] ?? "#555555"}` }, t.layer), ` <code>${escapeXml(t.component)}</code> ${escapeXml(t.to)}${t.detail ? ` — ${escapeXml(t.detail)}` : ""}`));
    return el("details", {}, el("summary", {}, `<code>${escapeXml(e.app)}</code>: “${escapeXml(impact?.symptom ?? "")}” (${e.chain.length} steps)`), el("ol", { class: "chain" }, ...items));
  });
  return svg + chains.join("");
}

function headerSection(ctx: ChartContext): string {
  const { run, clock } = ctx;
  const outcome = runOutcome(run);
  const passed = run.verdicts.filter((v) => v.passed).length;
  const facts = [
    `seed ${run.seed}`,
    `horizon ${formatDurationMs(run.horizonMs)}`,
    `start ${clock.startDate} ${clock.format(0)} (UTC${clock.offset})`,
    `${thousands(run.stop.eventsProcessed)} events`,
    run.verdicts.length === 0 ? "no expectations" : `${passed} of ${run.verdicts.length} expectations held`,
    `acknowledged data lost: ${thousands(run.data.acknowledgedLost)}`,
  ].join(" · ");
  const warnings: string[] = [];
  if (budgetThatRanOut(run) !== undefined) warnings.push(`The ${budgetThatRanOut(run)} ran out at ${clock.format(run.stop.atMs)}: the run stopped early.`);
  if (run.unsettled.length > 0) warnings.push(`Not settled at the horizon: ${run.unsettled.join(", ")}.`);
  for (const v of run.invariantViolations) warnings.push(`Invariant violated: ${v}`);
  return el("header", { id: "report-header" },
    el("h1", {}, el("span", { class: `badge ${outcome}` }, outcome), escapeXml(`${run.scenario.name}: ${run.scenario.title}`)),
    el("p", { class: "facts" }, escapeXml(facts)),
    ...warnings.map((w) => el("p", { class: "warning" }, escapeXml(w))));
}

function verdictTable(run: Run): string {
  if (run.verdicts.length === 0) return "";
  const rows = run.verdicts.map((v) => {
    const status = v.passed ? "pass" : v.severity === "critical" ? "fail" : "warn";
    return el("tr", {}, el("td", { class: status }, status), el("td", {}, escapeXml(v.name)), el("td", {}, escapeXml(v.actual)), el("td", {}, `<code>${escapeXml(v.check)}</code>`), el("td", {}, v.severity));
  });
  return el("h2", {}, "Expectations") + el("table", { id: "expectations" }, el("thead", {}, el("tr", {}, el("th", {}, "result"), el("th", {}, "expectation"), el("th", {}, "got"), el("th", {}, "check"), el("th", {}, "severity"))), el("tbody", {}, ...rows));
}

function impactTable(ctx: ChartContext): string {
  const { run, clock } = ctx;
  const head = ["app", "symptom", "first impact", "recovered", "outage", "worst success", "user-minutes lost"];
  const numeric = new Set([2, 3, 4, 5, 6]);
  const rows = run.impacts.map((i) => {
    const cells = [
      `<code>${escapeXml(i.app)}</code> ${escapeXml(i.title)}`,
      i.impacted ? escapeXml(i.symptom) : "—",
      i.firstImpactAtMs === null ? "—" : clock.format(i.firstImpactAtMs),
      !i.impacted ? "—" : i.recoveredAtMs === null ? "not recovered" : clock.format(i.recoveredAtMs),
      i.impacted ? formatDurationMs(i.outageMinutes * 60000) : "—",
      percent(i.worstSuccessRatio),
      thousands(i.userMinutesLost),
    ];
    return el("tr", {}, ...cells.map((c, k) => el("td", { class: numeric.has(k) ? "num" : undefined }, c)));
  });
  return el("h2", {}, "Impact") + el("table", { id: "impacts" }, el("thead", {}, el("tr", {}, ...head.map((h, k) => el("th", { class: numeric.has(k) ? "num" : undefined }, h)))), el("tbody", {}, ...rows))
    + (run.impacts.some((i) => i.impacted) ? el("p", { class: "note" }, "First impact: first below the app's impact threshold. Recovered: healthy again for good, as in the timeline (an app can be healthy, then impacted again, earlier).") : "")
    + el("p", { class: "note" }, `Acknowledged data lost: ${thousands(run.data.acknowledgedLost)}.`)
    + dataTable(run);
}

/** What happened to each component's acknowledged data; nothing when the ledger is empty. */
function dataTable(run: Run): string {
  if (run.data.components.length === 0) return "";
  const head = ["component", "unit", ...DATA_COLUMNS.map((c) => c.head)];
  const rows = run.data.components.map((t) => el("tr", {}, ...dataCells(t).map((c, k) => el("td", { class: k >= 2 ? "num" : undefined }, k === 0 ? `<code>${escapeXml(c)}</code>` : escapeXml(c)))));
  return el("table", { id: "data" }, el("thead", {}, el("tr", {}, ...head.map((h, k) => el("th", { class: k >= 2 ? "num" : undefined }, h)))), el("tbody", {}, ...rows));
}

function timelineSection(ctx: ChartContext): string {
  const entries = foldTimeline(ctx.run.trace, { formatTime: (ms) => ctx.clock.format(ms), components: ctx.components });
  const rows = entries.map((e) => el("tr", {}, el("td", { class: "num" }, ctx.clock.format(e.atMs)), el("td", {}, el("span", { class: "layer", style: `color:${LAYER_COLORS[e.layer] ?? "#555555"}` }, e.layer)), el("td", {}, `<code>${escapeXml(e.label)}</code>`), el("td", {}, escapeXml(e.change)), el("td", {}, escapeXml(e.detail))));
  return el("details", { id: "timeline" }, el("summary", {}, `Timeline: ${thousands(ctx.run.trace.length)} transitions folded into ${thousands(entries.length)} lines (local time UTC${ctx.clock.offset})`),
    el("table", {}, el("thead", {}, el("tr", {}, el("th", { class: "num" }, "time"), el("th", {}, "layer"), el("th", {}, "component"), el("th", {}, "change"), el("th", {}, "detail"))), el("tbody", {}, ...rows)));
}

/** The footer: the report's provenance (tool, files and their SHA-256, seed, horizon, overrides) and the replay command. */
function footer(run: Run): string {
  const p = run.provenance;
  if (p === undefined) return el("footer", {}, escapeXml(`outage-sim report, JSON schema version ${REPORT_SCHEMA_VERSION} · seed ${run.seed}`));
  const rows = provenanceFiles(p).map((f) => el("tr", {}, el("td", {}, f.role), el("td", {}, `<code>${escapeXml(f.path)}</code>`), el("td", {}, `<code>${escapeXml(f.sha256)}</code>`)));
  return el("footer", { id: "provenance" },
    el("p", {}, escapeXml(`${p.tool.name} ${p.tool.version} report, JSON schema version ${REPORT_SCHEMA_VERSION} · seed ${p.seed} · horizon ${formatDurationMs(p.horizonMs)} · overrides: ${overridesInWords(p)}`)),
    el("div", { class: "scroll" }, el("table", { class: "files" }, el("thead", {}, el("tr", {}, el("th", {}, "file"), el("th", {}, "path"), el("th", {}, "sha256"))), el("tbody", {}, ...rows))),
    el("p", {}, "Replay: ", el("code", { id: "replay" }, escapeXml(replayCommand(p)))));
}

/** One self-contained HTML page of a run (inline CSS and SVG, no script, no network): tables, charts and the cascade graph. */
export function renderHtml(run: Run): string {
  const clock = new LocalClock(run.start);
  const ctx: ChartContext = { run, clock, components: componentsOf(run) };
  const serversNote = idsOf(run, /^cluster\.(.+)\.serversUp$/).length === 0 && idsOf(run, /^cluster\.(.+)\.capacity$/).length > 0
    ? el("p", { class: "note" }, "Servers up by hall and role need the run to sample <code>cluster.&lt;id&gt;.serversUp</code>; this run has cluster capacity only.")
    : "";
  const body = [
    headerSection(ctx),
    verdictTable(run),
    impactTable(ctx),
    el("h2", {}, "Facility"),
    hallTemperatureChart(ctx),
    serversChart(ctx),
    serversNote,
    el("h2", {}, "Cloud services"),
    serviceChart(ctx),
    el("h2", {}, "Apps: success ratio, with outages shaded (amber degraded, red down)"),
    appCharts(ctx),
    el("h2", {}, "Why"),
    cascadeSection(ctx),
    el("h2", {}, "Timeline"),
    timelineSection(ctx),
    footer(run),
  ];
  const title = escapeXml(`${run.scenario.name} · outage-sim`);
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">\n<title>${title}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n<main id="report" data-scenario="${escapeXml(run.scenario.name)}" data-seed="${run.seed}">\n${body.filter((s) => s !== "").join("\n")}\n</main>\n</body>\n</html>\n`;
}
