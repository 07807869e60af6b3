import { LocalClock } from "../model/core/local-clock.js";
import type { AppSummary, CellSummary, Distribution, SweepPlan, SweepSummary } from "../runner/sweep.js";
import { formatDurationMs, percent, threeDigitCount } from "./format-number.js";

/** The quantile columns every sweep table shows, with their labels. */
export const QUANTILE_COLUMNS: readonly { readonly key: keyof Distribution; readonly label: string }[] = [
  { key: "min", label: "min" },
  { key: "p50", label: "p50" },
  { key: "p90", label: "p90" },
  { key: "p99", label: "p99" },
  { key: "max", label: "max" },
];

/** Minutes as a duration ("7h29m"); "—" for no value. */
export function formatMinutes(minutes: number): string {
  return Number.isNaN(minutes) ? "—" : formatDurationMs(minutes * 60_000);
}

/** A recovery time as the local clock reads it; "not back" for a run that did not recover, "—" for none. */
export function formatBack(atMs: number, clock: LocalClock): string {
  if (Number.isNaN(atMs)) return "—";
  return Number.isFinite(atMs) ? clock.format(atMs) : "not back";
}

/** A count in a sweep report: three significant digits in its unit (see threeDigitCount). */
export const formatCount = threeDigitCount;

/** The first and last seed of the plan, and the seed rule, in words. */
export function seedsLine(plan: SweepPlan): string {
  const last = plan.baseSeed + plan.runs - 1;
  return `${plan.runs} run(s) per cell on seeds ${plan.baseSeed}…${last} (run i uses seed ${plan.baseSeed} + i)`;
}

/** A cell's name: its overrides, or "the scenario as written". */
export function cellLabel(cell: CellSummary): string {
  return cell.overrides.length === 0 ? "the scenario as written" : cell.overrides.join(", ");
}

/** The rows of one measure's table: app, then the quantile columns formatted. */
export function measureRows(apps: readonly AppSummary[], pick: (a: AppSummary) => Distribution, format: (v: number) => string): string[][] {
  return apps.map((a) => [a.app, ...QUANTILE_COLUMNS.map((c) => format(pick(a)[c.key]))]);
}

/** Lays out a table: the first column left-aligned, the others right-aligned, two spaces apart. */
export function alignTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? "")].length)));
  return all.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join("  ").trimEnd());
}

/** With several cells: one row per cell, one column per app (of the first cell), "p50 / p90" outage. */
export function overviewRows(summary: SweepSummary): { header: string[]; rows: string[][] } {
  const apps = summary.cells[0]?.apps.map((a) => a.app) ?? [];
  const header = ["cell", ...apps];
  const rows = summary.cells.map((cell, i) => [
    String(i + 1),
    ...apps.map((id) => {
      const app = cell.apps.find((a) => a.app === id);
      return app === undefined ? "—" : `${formatMinutes(app.outageMinutes.p50)} / ${formatMinutes(app.outageMinutes.p90)}`;
    }),
  ]);
  return { header, rows };
}

function renderCell(summary: SweepSummary, cell: CellSummary, position: number): string[] {
  const { plan } = summary;
  const clock = new LocalClock(plan.scenario.start);
  const lines: string[] = [];
  if (plan.cells.length > 1) lines.push(`== cell ${position + 1}/${plan.cells.length}: ${cellLabel(cell)}`, "");
  const quantiles = QUANTILE_COLUMNS.map((c) => c.label);
  lines.push("Outage per run");
  lines.push(...alignTable(["app", "P(impact)", ...quantiles], cell.apps.map((a) => [a.app, percent(a.impactProbability), ...QUANTILE_COLUMNS.map((c) => formatMinutes(a.outageMinutes[c.key]))])));
  lines.push("", "Back (local time, over the runs that impacted the app)");
  lines.push(...alignTable(["app", ...quantiles, "not back"], cell.apps.map((a) => [a.app, ...QUANTILE_COLUMNS.map((c) => formatBack(a.recoveredAtMs[c.key], clock)), String(a.notRecovered)])));
  lines.push("", "User-minutes lost per run");
  lines.push(...alignTable(["app", ...quantiles], measureRows(cell.apps, (a) => a.userMinutesLost, formatCount)));
  lines.push("", `Acknowledged data lost: P(any) ${percent(cell.dataLossProbability)}; ${QUANTILE_COLUMNS.map((c) => `${c.label} ${formatCount(cell.dataLost[c.key])}`).join(", ")}`);
  if (cell.limitRuns > 0) lines.push(`${cell.limitRuns} run(s) hit a limit (event budget, or apps still impacted at the horizon)`);
  if (cell.checks.length > 0) {
    lines.push("", "Expectations (pass rate)");
    lines.push(...alignTable(["check", "severity", "passed", "rate"], cell.checks.map((c) => [c.name, c.severity, `${c.passed}/${cell.runs}`, percent(c.passRate)])));
  }
  lines.push("", "Worst runs (most user-minutes lost), each replayed by its command");
  for (const w of cell.worst) {
    const failed = w.failedChecks.length === 0 ? "all checks pass" : `failed: ${w.failedChecks.join(", ")}`;
    lines.push(`seed ${w.seed}  ${formatCount(w.userMinutesLost)} user-min lost, ${formatMinutes(w.outageMinutes)} app outage in all; ${failed}`);
    lines.push(`  ${w.command}`);
  }
  return lines;
}

/** The terminal report of a sweep: per cell, the distribution of each app's outage, recovery and users lost, check pass rates and the worst runs. */
export function renderSweepText(summary: SweepSummary): string {
  const { plan } = summary;
  const lines = [
    `sweep: ${plan.scenario.name}: ${plan.scenario.title}`,
    `${seedsLine(plan)}${plan.horizon === null ? "" : `; horizon ${plan.horizon.text}`}`,
    `quantiles: nearest rank${plan.cells.length > 1 ? `; ${plan.cells.length} cells (${plan.axes.map((a) => a.path).join(" × ")})` : ""}`,
    "",
  ];
  if (summary.cells.length > 1) {
    const { header, rows } = overviewRows(summary);
    lines.push("Overview: outage per run, p50 / p90, by cell", ...alignTable(header, rows), "");
    summary.cells.forEach((cell, i) => lines.push(`cell ${i + 1}: ${cellLabel(cell)}`));
    lines.push("");
  }
  summary.cells.forEach((cell, i) => {
    lines.push(...renderCell(summary, cell, i));
    if (i < summary.cells.length - 1) lines.push("");
  });
  return `${lines.join("\n")}\n`;
}
