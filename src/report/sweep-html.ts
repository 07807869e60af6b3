import { LocalClock } from "../model/core/local-clock.js";
import type { CellSummary, Distribution, SweepSummary } from "../runner/sweep.js";
import { percent } from "./format-number.js";
import { cellLabel, formatBack, formatCount, formatMinutes, QUANTILE_COLUMNS, seedsLine } from "./sweep-text.js";

/** Escapes text for HTML content and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = header.map((h, i) => `<th${i === 0 ? "" : ' class="n"'}>${escapeHtml(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${i === 0 ? "" : ' class="n"'}>${escapeHtml(c)}</td>`).join("")}</tr>`).join("\n");
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

const ROW_HEIGHT = 26;
const LABEL_WIDTH = 130;
const PLOT_WIDTH = 520;
/** At most this many grid intervals on an axis. */
const MAX_TICKS = 6;
/** Grid steps for minute axes: round durations. */
const MINUTE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 7200, 14400];

/** The axis scale: a round step and the top of the axis (a whole number of steps at or above `max`). */
export function niceScale(max: number, kind: "minutes" | "count"): { step: number; top: number } {
  const target = max > 0 ? max / MAX_TICKS : 1;
  let step: number;
  if (kind === "minutes" && target <= (MINUTE_STEPS[MINUTE_STEPS.length - 1] as number)) step = MINUTE_STEPS.find((s) => s >= target) as number;
  else {
    const power = 10 ** Math.floor(Math.log10(target));
    step = ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= target) as number);
  }
  return { step, top: Math.max(step, Math.ceil(max / step) * step) };
}

function n1(x: number): string {
  return x.toFixed(1);
}

/**
 * A horizontal box plot per row: whiskers from min to max, the box from p25 to p75, a bar at the
 * median and ticks at p90 and p99. Self-contained SVG; no script.
 */
export function boxPlotSvg(title: string, rows: readonly { readonly label: string; readonly d: Distribution }[], format: (v: number) => string, kind: "minutes" | "count"): string {
  const finiteMax = Math.max(0, ...rows.flatMap((r) => [r.d.max, r.d.p99].filter((v) => Number.isFinite(v))));
  const { step, top } = niceScale(finiteMax, kind);
  const x = (v: number): number => LABEL_WIDTH + (Math.min(Number.isFinite(v) ? v : top, top) / top) * PLOT_WIDTH;
  const height = rows.length * ROW_HEIGHT + 40;
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${LABEL_WIDTH + PLOT_WIDTH + 20}" height="${height}" role="img" aria-label="${escapeHtml(title)}">`];
  parts.push(`<title>${escapeHtml(title)}</title>`);
  for (let t = 0; t * step <= top; t++) {
    const v = t * step;
    const px = n1(x(v));
    parts.push(`<line x1="${px}" y1="10" x2="${px}" y2="${height - 24}" class="grid"/>`, `<text x="${px}" y="${height - 8}" class="tick">${escapeHtml(format(v))}</text>`);
  }
  rows.forEach((r, i) => {
    const y = 14 + i * ROW_HEIGHT;
    const mid = y + ROW_HEIGHT / 2 - 4;
    parts.push(`<text x="${LABEL_WIDTH - 8}" y="${n1(mid + 4)}" class="label">${escapeHtml(r.label)}</text>`);
    if (r.d.n === 0) return;
    const tip = `${r.label}: min ${format(r.d.min)}, p25 ${format(r.d.p25)}, p50 ${format(r.d.p50)}, p75 ${format(r.d.p75)}, p90 ${format(r.d.p90)}, p99 ${format(r.d.p99)}, max ${format(r.d.max)}`;
    parts.push(`<g><title>${escapeHtml(tip)}</title>`);
    parts.push(`<line x1="${n1(x(r.d.min))}" y1="${n1(mid)}" x2="${n1(x(r.d.max))}" y2="${n1(mid)}" class="whisker"/>`);
    parts.push(`<rect x="${n1(x(r.d.p25))}" y="${n1(mid - 8)}" width="${n1(Math.max(1, x(r.d.p75) - x(r.d.p25)))}" height="16" class="box"/>`);
    parts.push(`<line x1="${n1(x(r.d.p50))}" y1="${n1(mid - 8)}" x2="${n1(x(r.d.p50))}" y2="${n1(mid + 8)}" class="median"/>`);
    for (const q of [r.d.p90, r.d.p99]) parts.push(`<line x1="${n1(x(q))}" y1="${n1(mid - 5)}" x2="${n1(x(q))}" y2="${n1(mid + 5)}" class="tail"/>`);
    parts.push(`</g>`);
  });
  parts.push(`</svg>`);
  return parts.join("\n");
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222;padding:0 1em}
table{border-collapse:collapse;margin:.5em 0 1em}th,td{padding:.2em .7em;border-bottom:1px solid #ddd;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}code{background:#f4f4f4;padding:.1em .3em}
svg .grid{stroke:#eee}svg .tick{font-size:11px;fill:#666;text-anchor:middle}svg .label{font-size:12px;text-anchor:end}
svg .whisker{stroke:#555}svg .box{fill:#9ecae1;stroke:#3182bd}svg .median{stroke:#08306b;stroke-width:2}svg .tail{stroke:#e6550d;stroke-width:2}
.note{color:#666}`;

function cellSection(summary: SweepSummary, cell: CellSummary, position: number): string {
  const { plan } = summary;
  const clock = new LocalClock(plan.scenario.start);
  const quantiles = QUANTILE_COLUMNS.map((c) => c.label);
  const parts: string[] = ["<section>"];
  if (plan.cells.length > 1) parts.push(`<h2>Cell ${position + 1}/${plan.cells.length}: ${escapeHtml(cellLabel(cell))}</h2>`);
  parts.push(`<h3>Outage per run</h3>`);
  parts.push(boxPlotSvg("Outage per run, by app", cell.apps.map((a) => ({ label: a.app, d: a.outageMinutes })), formatMinutes, "minutes"));
  parts.push(`<p class="note">Box: p25–p75; dark bar: median; orange ticks: p90 and p99; whiskers: min to max.</p>`);
  parts.push(table(["app", "P(impact)", ...quantiles], cell.apps.map((a) => [a.app, percent(a.impactProbability), ...QUANTILE_COLUMNS.map((c) => formatMinutes(a.outageMinutes[c.key]))])));
  parts.push(`<h3>Back (local time, over the runs that impacted the app)</h3>`);
  parts.push(table(["app", ...quantiles, "not back"], cell.apps.map((a) => [a.app, ...QUANTILE_COLUMNS.map((c) => formatBack(a.recoveredAtMs[c.key], clock)), String(a.notRecovered)])));
  parts.push(`<h3>User-minutes lost per run</h3>`);
  parts.push(boxPlotSvg("User-minutes lost per run, by app", cell.apps.map((a) => ({ label: a.app, d: a.userMinutesLost })), formatCount, "count"));
  parts.push(table(["app", ...quantiles], cell.apps.map((a) => [a.app, ...QUANTILE_COLUMNS.map((c) => formatCount(a.userMinutesLost[c.key]))])));
  parts.push(`<p>Acknowledged data lost: P(any) ${percent(cell.dataLossProbability)}; ${escapeHtml(QUANTILE_COLUMNS.map((c) => `${c.label} ${formatCount(cell.dataLost[c.key])}`).join(", "))}.</p>`);
  if (cell.limitRuns > 0) parts.push(`<p>${cell.limitRuns} run(s) hit a limit (event budget, or apps still impacted at the horizon).</p>`);
  if (cell.checks.length > 0) {
    parts.push(`<h3>Expectations</h3>`);
    parts.push(table(["check", "severity", "passed", "rate"], cell.checks.map((c) => [c.name, c.severity, `${c.passed}/${cell.runs}`, percent(c.passRate)])));
  }
  parts.push(`<h3>Worst runs</h3>`, "<ul>");
  for (const w of cell.worst) {
    const failed = w.failedChecks.length === 0 ? "all checks pass" : `failed: ${w.failedChecks.join(", ")}`;
    parts.push(`<li>seed ${w.seed}: ${escapeHtml(formatCount(w.userMinutesLost))} user-min lost, ${escapeHtml(formatMinutes(w.outageMinutes))} app outage in all; ${escapeHtml(failed)}<br><code>${escapeHtml(w.command)}</code></li>`);
  }
  parts.push("</ul>", "</section>");
  return parts.join("\n");
}

/** With several cells: per app, a box plot of its outage in each cell, and the legend of the cells. */
function overview(summary: SweepSummary): string {
  const parts = ["<section>", "<h2>Overview: outage per run, by cell</h2>", "<ol>", ...summary.cells.map((cell) => `<li>${escapeHtml(cellLabel(cell))}</li>`), "</ol>"];
  for (const app of summary.cells[0]?.apps ?? []) {
    const rows = summary.cells.flatMap((cell, i) => {
      const found = cell.apps.find((a) => a.app === app.app);
      return found === undefined ? [] : [{ label: `cell ${i + 1}`, d: found.outageMinutes }];
    });
    parts.push(`<h3>${escapeHtml(app.app)}</h3>`, boxPlotSvg(`Outage of ${app.app} per run, by cell`, rows, formatMinutes, "minutes"));
  }
  parts.push("</section>");
  return parts.join("\n");
}

/** The HTML report of a sweep: one self-contained page with SVG box plots per app; no script, no external resources. */
export function renderSweepHtml(summary: SweepSummary): string {
  const { plan } = summary;
  const parts = [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Sweep: ${escapeHtml(plan.scenario.name)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    "</head>",
    "<body>",
    `<h1>Sweep: ${escapeHtml(plan.scenario.name)}</h1>`,
    `<p>${escapeHtml(plan.scenario.title)}</p>`,
    `<p class="note">${escapeHtml(seedsLine(plan))}${plan.horizon === null ? "" : `; horizon ${escapeHtml(plan.horizon.text)}`}. Quantiles are nearest-rank.</p>`,
    ...(summary.cells.length > 1 ? [overview(summary)] : []),
    ...summary.cells.map((cell, i) => cellSection(summary, cell, i)),
    "</body>",
    "</html>",
  ];
  return `${parts.join("\n")}\n`;
}
