import type { HuntSummary } from "../runner/hunt/summary.js";
import { percent } from "./format-number.js";
import { huntHeadline, judgedBy, outageText, setLabel } from "./hunt-text.js";
import { escapeHtml } from "./sweep-html.js";
import { formatCount } from "./sweep-text.js";

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}h3{font-size:1.05em}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ddd;padding:.25em .5em;vertical-align:top}
th{background:#f5f5f5;text-align:left}td.n{text-align:right}code{font-size:.85em;word-break:break-all}
.note{color:#555}.m{text-align:center;min-width:2.5em}.s1{background:#d7301f;color:#fff}.s2{background:#fc8d59}.s3{background:#fdcc8a}
.chain{color:#444;font-size:.9em}`;

function table(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []): string {
  const head = header.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ""}>${escapeHtml(c)}</td>`).join("")}</tr>`).join("\n");
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** The matrix: one row per component hit, one column per app; a cell shows the size of the smallest minimal breaking set through that component. */
function matrix(summary: HuntSummary): string {
  const { matrix: m } = summary;
  const head = `<tr><th>component</th>${m.columns.map((c) => `<th class="m">${escapeHtml(c)}</th>`).join("")}</tr>`;
  const rows = m.rows.map((row, r) => {
    const cells = (m.cells[r] ?? []).map((cell) => {
      if (cell === null) return '<td class="m"></td>';
      const cls = `m s${Math.min(cell.size, 3)}`;
      return `<td class="${cls}" title="${escapeHtml(`${cell.set}: P(break) ${percent(cell.pBreak)}`)}">${cell.size}</td>`;
    }).join("");
    return `<tr><td>${escapeHtml(`${row.kind} ${row.id}`)}</td>${cells}</tr>`;
  });
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>`;
}

/** The HTML report of a hunt: one self-contained page (no script, no external resources) with the components × apps matrix. */
export function renderHuntHtml(summary: HuntSummary): string {
  const { plan } = summary;
  const parts = [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<title>Hunt: ${escapeHtml(plan.scenario.name)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    "</head>",
    "<body>",
    `<h1>Hunt: ${escapeHtml(plan.scenario.name)}</h1>`,
    `<p>${escapeHtml(plan.scenario.title)}</p>`,
    ...huntHeadline(summary).map((l) => `<p class="note">${escapeHtml(l)}</p>`),
    "<h2>Components × apps</h2>",
    '<p class="note">A cell is the size of the smallest minimal set of faults through this component that breaks the app: 1 is a single point of failure, 2 a pair. Empty: nothing found up to the depth.</p>',
    matrix(summary),
    "<h2>Single points of failure</h2>",
    summary.singlePoints.length === 0 ? "<p>None: no single fault tried breaks anything.</p>" : table(["fault", "breaks"], summary.singlePoints.map((s) => [s.label, s.breaks.map((b) => `${b.objective} (${percent(b.pBreak)})`).join(", ")])),
    "<h2>Minimal breaking sets, per app</h2>",
  ];
  for (const o of summary.objectives) {
    parts.push(`<h3>${escapeHtml(o.id)}${o.kind === "app" ? ` (${escapeHtml(o.title)})` : ""}</h3>`, `<p class="note">Breaks when: ${escapeHtml(judgedBy(o))}.</p>`);
    if (o.brokenWithoutFaults !== null) {
      parts.push(`<p>Broken without any hunted fault (${escapeHtml(percent(o.brokenWithoutFaults))} of runs): not hunted.</p>`);
      continue;
    }
    if (o.minimal.length === 0) {
      parts.push(`<p>Nothing found: no set of up to ${plan.depth} fault(s) tried breaks it.</p>`);
      continue;
    }
    parts.push(table(["set", "P(break)", "outage p50 / p90", "user-min"], o.minimal.map((s) => [setLabel(s), percent(s.pBreak), outageText(s), s.userMinutesLost === null ? "—" : formatCount(s.userMinutesLost)]), [1, 2, 3]));
    parts.push("<ol>");
    for (const s of o.minimal) parts.push(`<li>${escapeHtml(setLabel(s))}, seed ${s.seed}<br><span class="chain">${escapeHtml(s.chain === null ? "an expectation failed" : s.chain.join(" → "))}</span><br><code>${escapeHtml(s.replay)}</code></li>`);
    parts.push("</ol>");
  }
  parts.push("<h2>Redundant: no single fault on these breaks anything</h2>");
  parts.push(summary.redundant.length === 0 ? "<p>None.</p>" : `<ul>\n${summary.redundant.map((r) => `<li>${escapeHtml(`${r.target.kind} ${r.target.id}: ${r.faults.join(", ")}${r.inPairs.length > 0 ? ` (with another fault it breaks ${r.inPairs.join(", ")})` : ""}`)}</li>`).join("\n")}\n</ul>`);
  parts.push("<h2>Search</h2>", table(["size", "sets tried", "runs", "brute force sets", "over budget"], summary.levels.map((l) => [String(l.level), String(l.sets), String(l.runs), String(l.bruteForceSets), String(l.overBudget)]), [1, 2, 3, 4]));
  parts.push("</body>", "</html>");
  return `${parts.join("\n")}\n`;
}
