import type { CompareSummary, PairedDifference } from "../runner/compare.js";
import type { SweepPlan } from "../runner/sweep.js";
import { percent } from "./format-number.js";
import { alignTable, formatCount } from "./sweep-text.js";

const MINUS = "\u2212";

/** A signed number with a true minus sign and `digits` decimals ("−42.0", "+3.5", "0.0"). */
export function signed(value: number, digits: number): string {
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return `${value < 0 ? MINUS : "+"}${text}`;
}

/** A signed count to three significant digits ("−1.23M", "+350k"). */
export function signedCount(value: number): string {
  const text = formatCount(Math.abs(value));
  if (text === "0") return "0";
  return `${value < 0 ? MINUS : "+"}${text}`;
}

/** "−42.0 min (95% CI −51.0 to −33.0)" — the mean paired difference and its interval. */
export function formatDifference(d: PairedDifference, confidence: number, format: (v: number) => string, unit: string): string {
  const level = `${Math.round(confidence * 100)}% CI`;
  const ci = Number.isNaN(d.low) ? `${level} needs 2 runs or more` : `${level} ${format(d.low)} to ${format(d.high)}`;
  return `${format(d.meanDiff)}${unit} (${ci})`;
}

/** How one side was run, in words: "tencent-cooling.yaml with x=1, y=2". */
export function sideLabel(plan: SweepPlan): string {
  const overrides = plan.cells[0]?.overrides ?? [];
  return overrides.length === 0 ? plan.scenario.path : `${plan.scenario.path} with ${overrides.join(", ")}`;
}

/** The first lines of every comparison report: the sides, the seeds, the method. */
export function compareHeader(summary: CompareSummary): string[] {
  const { a, confidence } = summary;
  const n = a.runs;
  return [
    `A: ${sideLabel(summary.a)}`,
    `B: ${sideLabel(summary.b)}`,
    `${n} paired run(s) on seeds ${a.baseSeed}…${a.baseSeed + n - 1}, the same for A and B (common random numbers)`,
    `each figure: mean of B − A per seed, with a ${Math.round(confidence * 100)}% confidence interval (Student t, ${Math.max(0, n - 1)} df); lower is better`,
  ];
}

/** The rows of the per-app comparison table. */
export function compareRows(summary: CompareSummary): string[][] {
  const c = summary.confidence;
  return summary.apps.map((app) => [
    app.app,
    formatDifference(app.outageMinutes, c, (v) => signed(v, 1), " min"),
    `${percent(app.impactProbabilityA)} → ${percent(app.impactProbabilityB)}`,
    formatDifference(app.userMinutesLost, c, signedCount, ""),
    `${app.outageMinutes.lower}/${app.outageMinutes.equal}/${app.outageMinutes.higher}`,
  ]);
}

/** The column headings of {@link compareRows}. */
export const COMPARE_HEADER = ["app", "outage B − A", "P(impact) A → B", "user-min lost B − A", "B lower/same/higher"] as const;

function passRate(rate: number | null): string {
  return rate === null ? "—" : percent(rate);
}

/** The rows of the check table: name, pass rate on A, on B. */
export function checkRows(summary: CompareSummary): string[][] {
  return summary.checks.map((c) => [c.name, passRate(c.passRateA), passRate(c.passRateB)]);
}

/** The terminal report of a comparison: the paired difference per app with its confidence interval. */
export function renderCompareText(summary: CompareSummary): string {
  const lines = [...compareHeader(summary), ""];
  lines.push(...alignTable([...COMPARE_HEADER], compareRows(summary)));
  if (summary.onlyInA.length > 0) lines.push(`only in A: ${summary.onlyInA.join(", ")}`);
  if (summary.onlyInB.length > 0) lines.push(`only in B: ${summary.onlyInB.join(", ")}`);
  lines.push("", `acknowledged data lost B − A: ${formatDifference(summary.dataLost, summary.confidence, signedCount, "")}`);
  if (summary.checks.length > 0) {
    lines.push("", "Expectations (pass rate)");
    lines.push(...alignTable(["check", "A", "B"], checkRows(summary)));
  }
  return `${lines.join("\n")}\n`;
}
