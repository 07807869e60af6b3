import type { CompareSummary } from "../runner/compare.js";
import { checkRows, COMPARE_HEADER, compareHeader, compareRows, formatDifference, signedCount } from "./compare-text.js";
import { mdCell, mdTable } from "./sweep-markdown.js";

/** The Markdown report of a comparison (for pull requests): the paired differences per app. */
export function renderCompareMarkdown(summary: CompareSummary): string {
  const [a, b, seeds, method] = compareHeader(summary);
  const lines = ["# What-if comparison", "", `- ${mdCell(a ?? "")}`, `- ${mdCell(b ?? "")}`, "", `${seeds}. ${method}.`, ""];
  lines.push(...mdTable([...COMPARE_HEADER], compareRows(summary)));
  if (summary.onlyInA.length > 0) lines.push("", `Only in A: ${summary.onlyInA.join(", ")}.`);
  if (summary.onlyInB.length > 0) lines.push("", `Only in B: ${summary.onlyInB.join(", ")}.`);
  lines.push("", `Acknowledged data lost B − A: ${formatDifference(summary.dataLost, summary.confidence, signedCount, "")}.`);
  if (summary.checks.length > 0) lines.push("", "## Expectations (pass rate)", "", ...mdTable(["check", "A", "B"], checkRows(summary)));
  return `${lines.join("\n")}\n`;
}
