import { el, escapeXml, px } from "./svg.js";

/** One line of a chart: values on the chart's grid, NaN where undefined (a gap). */
export interface ChartSeries {
  readonly name: string;
  readonly values: readonly number[];
  readonly color: string;
  readonly dash?: string;
}

/** A horizontal reference line with a label ("45 °C protective shutdown"). */
export interface ChartThreshold {
  readonly value: number;
  readonly label: string;
  readonly color: string;
}

/** A shaded span of time ("outage"). */
export interface ChartBand {
  readonly fromMs: number;
  readonly toMs: number;
  readonly color: string;
  readonly label: string;
}

/** Everything a line or step chart needs; the chart is a pure function of it. */
export interface LineChartOptions {
  /** Id of the chart's root `<svg>` element. */
  readonly id: string;
  readonly title: string;
  readonly width: number;
  readonly height: number;
  /** The grid: sample i is at i × intervalMs. */
  readonly intervalMs: number;
  readonly points: number;
  readonly series: readonly ChartSeries[];
  readonly yMin: number;
  readonly yMax: number;
  readonly yTicks: readonly number[];
  readonly yFormat: (value: number) => string;
  /** Formats a simulated time for the x axis. */
  readonly xFormat: (atMs: number) => string;
  /** Local time of day at simulated 0, in ms, so x ticks fall on round clock times. */
  readonly xOffsetMs: number;
  /** Draw steps (a value holds until the next sample) instead of straight segments. */
  readonly step?: boolean;
  readonly thresholds?: readonly ChartThreshold[];
  readonly bands?: readonly ChartBand[];
  /** Draw a legend under the plot (default true). */
  readonly legend?: boolean;
}

const MARGIN = { top: 30, right: 16, bottom: 26, left: 48 } as const;
const LEGEND_ROW = 18;
const TICK_STEPS_MS = [5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440].map((m) => m * 60_000);

/** Round clock-aligned tick times over [0, spanMs], at most about `maxTicks` of them. */
export function timeTicks(spanMs: number, offsetMs: number, maxTicks: number): number[] {
  const stepMs = TICK_STEPS_MS.find((s) => spanMs / s <= maxTicks) ?? (TICK_STEPS_MS[TICK_STEPS_MS.length - 1] as number);
  const first = Math.ceil(offsetMs / stepMs) * stepMs - offsetMs;
  const ticks: number[] = [];
  for (let t = first; t <= spanMs; t += stepMs) ticks.push(t);
  return ticks;
}

/** A path through the samples: straight segments, or steps; flat runs are reduced to their ends. */
function seriesPath(values: readonly number[], x: (i: number) => number, y: (v: number) => number, step: boolean): string {
  const parts: string[] = [];
  let open = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      open = false;
      continue;
    }
    const prev = values[i - 1];
    const next = values[i + 1];
    if (!open) {
      parts.push(`M${px(x(i))} ${px(y(v))}`);
      open = true;
      continue;
    }
    if (step) {
      if (v !== prev) parts.push(`H${px(x(i))}V${px(y(v))}`);
      else if (next === undefined || !Number.isFinite(next)) parts.push(`H${px(x(i))}`);
      continue;
    }
    const flat = v === prev && v === next;
    if (!flat) parts.push(`L${px(x(i))} ${px(y(v))}`);
  }
  return parts.join("");
}

function legendHeight(series: readonly ChartSeries[], width: number): number {
  return legendLayout(series, width).rows * LEGEND_ROW;
}

function legendLayout(series: readonly ChartSeries[], width: number): { rows: number; positions: { x: number; row: number }[] } {
  const positions: { x: number; row: number }[] = [];
  let x = MARGIN.left;
  let row = 0;
  for (const s of series) {
    const itemWidth = 26 + s.name.length * 6.6;
    if (x + itemWidth > width - MARGIN.right && x > MARGIN.left) {
      row++;
      x = MARGIN.left;
    }
    positions.push({ x, row });
    x += itemWidth + 12;
  }
  return { rows: series.length === 0 ? 0 : row + 1, positions };
}

/** A line (or step) chart as an `<svg>` with axes, thresholds, shaded bands and a legend. */
export function renderLineChart(o: LineChartOptions): string {
  const showLegend = o.legend !== false;
  const legendH = showLegend ? legendHeight(o.series, o.width) + 6 : 0;
  const totalHeight = o.height + legendH;
  const plotW = o.width - MARGIN.left - MARGIN.right;
  const plotH = o.height - MARGIN.top - MARGIN.bottom;
  const spanMs = Math.max(1, (o.points - 1) * o.intervalMs);
  const xOfMs = (ms: number): number => MARGIN.left + (Math.min(Math.max(ms, 0), spanMs) / spanMs) * plotW;
  const x = (i: number): number => xOfMs(i * o.intervalMs);
  const y = (v: number): number => MARGIN.top + plotH - ((Math.min(Math.max(v, o.yMin), o.yMax) - o.yMin) / (o.yMax - o.yMin)) * plotH;
  const parts: string[] = [];
  parts.push(el("title", {}, escapeXml(o.title)));
  parts.push(el("text", { class: "chart-title", x: 8, y: 18 }, escapeXml(o.title)));
  for (const b of o.bands ?? []) {
    const x0 = xOfMs(b.fromMs);
    const x1 = xOfMs(b.toMs);
    parts.push(el("rect", { class: "band", x: x0, y: MARGIN.top, width: Math.max(1, x1 - x0), height: plotH, fill: b.color }, el("title", {}, escapeXml(b.label))));
  }
  for (const t of o.yTicks) {
    parts.push(el("line", { class: "grid", x1: MARGIN.left, x2: MARGIN.left + plotW, y1: y(t), y2: y(t) }));
    parts.push(el("text", { class: "tick y", x: MARGIN.left - 6, y: y(t) + 4 }, escapeXml(o.yFormat(t))));
  }
  for (const t of timeTicks(spanMs, o.xOffsetMs, Math.max(2, Math.floor(plotW / 70)))) {
    parts.push(el("line", { class: "grid", x1: xOfMs(t), x2: xOfMs(t), y1: MARGIN.top, y2: MARGIN.top + plotH }));
    parts.push(el("text", { class: "tick x", x: xOfMs(t), y: MARGIN.top + plotH + 16 }, escapeXml(o.xFormat(t))));
  }
  parts.push(el("rect", { class: "frame", x: MARGIN.left, y: MARGIN.top, width: plotW, height: plotH }));
  for (const t of o.thresholds ?? []) {
    if (t.value < o.yMin || t.value > o.yMax) continue;
    parts.push(el("line", { class: "threshold", x1: MARGIN.left, x2: MARGIN.left + plotW, y1: y(t.value), y2: y(t.value), stroke: t.color }));
    parts.push(el("text", { class: "threshold-label", x: MARGIN.left + plotW - 4, y: y(t.value) - 3, fill: t.color }, escapeXml(t.label)));
  }
  for (const s of o.series) {
    const d = seriesPath(s.values, x, y, o.step === true);
    if (d === "") continue;
    parts.push(el("path", { class: "series", d, stroke: s.color, "stroke-dasharray": s.dash }, el("title", {}, escapeXml(s.name))));
  }
  if (showLegend) {
    const layout = legendLayout(o.series, o.width);
    o.series.forEach((s, k) => {
      const p = layout.positions[k] as { x: number; row: number };
      const ly = o.height + p.row * LEGEND_ROW + 8;
      parts.push(el("g", { class: "legend-item" },
        el("line", { x1: p.x, x2: p.x + 18, y1: ly, y2: ly, stroke: s.color, "stroke-width": 3, "stroke-dasharray": s.dash }),
        el("text", { x: p.x + 24, y: ly + 4 }, escapeXml(s.name))));
    });
  }
  return el("svg", { id: o.id, class: "chart", xmlns: "http://www.w3.org/2000/svg", viewBox: `0 0 ${px(o.width)} ${px(totalHeight)}`, width: o.width, height: totalHeight, role: "img", "aria-label": o.title }, ...parts);
}

/** A step chart: a value holds until the next sample (server counts, capacities). */
export function renderStepChart(o: LineChartOptions): string {
  return renderLineChart({ ...o, step: true });
}
