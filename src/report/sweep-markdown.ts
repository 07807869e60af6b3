import { LocalClock } from "../model/core/local-clock.js";
import type { CellSummary, SweepSummary } from "../runner/sweep.js";
import { percent } from "./format-number.js";
import { cellLabel, formatBack, formatCount, formatMinutes, overviewRows, QUANTILE_COLUMNS, seedsLine } from "./sweep-text.js";

/** Escapes the characters that would break a Markdown table cell. */
export function mdCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/`/g, "\\`");
}

/** A Markdown table; the first column left-aligned, the others right-aligned. */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.map(mdCell).join(" | ")} |`,
    `|${header.map((_, i) => (i === 0 ? " :--- " : " ---: ")).join("|")}|`,
    ...rows.map((r) => `| ${r.map(mdCell).join(" | ")} |`),
  ];
}

function cellSection(summary: SweepSummary, cell: CellSummary, position: number): string[] {
  const { plan } = summary;
  const clock = new LocalClock(plan.scenario.start);
  const quantiles = QUANTILE_COLUMNS.map((c) => c.label);
  const lines: string[] = [];
  const level = plan.cells.length > 1 ? "###" : "##";
  if (plan.cells.length > 1) lines.push(`## Cell ${position + 1}/${plan.cells.length}: ${cellLabel(cell)}`, "");
  lines.push(`${level} Outage per run`, "");
  lines.push(...mdTable(["app", "P(impact)", ...quantiles], cell.apps.map((a) => [a.app, percent(a.impactProbability), ...QUANTILE_COLUMNS.map((c) => formatMinutes(a.outageMinutes[c.key]))])));
  lines.push("", `${level} Back (local time, over the runs that impacted the app)`, "");
  lines.push(...mdTable(["app", ...quantiles, "not back"], cell.apps.map((a) => [a.app, ...QUANTILE_COLUMNS.map((c) => formatBack(a.recoveredAtMs[c.key], clock)), String(a.notRecovered)])));
  lines.push("", `${level} User-minutes lost per run`, "");
  lines.push(...mdTable(["app", ...quantiles], cell.apps.map((a) => [a.app, ...QUANTILE_COLUMNS.map((c) => formatCount(a.userMinutesLost[c.key]))])));
  lines.push("", `Acknowledged data lost: P(any) ${percent(cell.dataLossProbability)}; ${QUANTILE_COLUMNS.map((c) => `${c.label} ${formatCount(cell.dataLost[c.key])}`).join(", ")}.`);
  if (cell.limitRuns > 0) lines.push("", `${cell.limitRuns} run(s) hit a limit (event budget, or apps still impacted at the horizon).`);
  if (cell.checks.length > 0) {
    lines.push("", `${level} Expectations`, "");
    lines.push(...mdTable(["check", "severity", "passed", "rate"], cell.checks.map((c) => [c.name, c.severity, `${c.passed}/${cell.runs}`, percent(c.passRate)])));
  }
  lines.push("", `${level} Worst runs`, "");
  for (const w of cell.worst) {
    const failed = w.failedChecks.length === 0 ? "all checks pass" : `failed: ${w.failedChecks.join(", ")}`;
    lines.push(`- seed ${w.seed}: ${formatCount(w.userMinutesLost)} user-min lost, ${formatMinutes(w.outageMinutes)} app outage in all; ${failed}`, `  \`${w.command}\``);
  }
  return lines;
}

/** The Markdown report of a sweep (for pull requests and wikis). */
export function renderSweepMarkdown(summary: SweepSummary): string {
  const { plan } = summary;
  const lines = [
    `# Sweep: ${plan.scenario.name}`,
    "",
    `${plan.scenario.title}`,
    "",
    `${seedsLine(plan)}${plan.horizon === null ? "" : `; horizon ${plan.horizon.text}`}. Quantiles are nearest-rank.`,
    "",
  ];
  if (summary.cells.length > 1) {
    const { header, rows } = overviewRows(summary);
    lines.push("## Overview: outage per run, p50 / p90, by cell", "", ...mdTable(header, rows), "");
    summary.cells.forEach((cell, i) => lines.push(`${i + 1}. ${mdCell(cellLabel(cell))}`));
    lines.push("");
  }
  summary.cells.forEach((cell, i) => {
    lines.push(...cellSection(summary, cell, i));
    if (i < summary.cells.length - 1) lines.push("");
  });
  return `${lines.join("\n")}\n`;
}
