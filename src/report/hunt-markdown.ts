import type { HuntSummary } from "../runner/hunt/summary.js";
import { percent } from "./format-number.js";
import { huntHeadline, judgedBy, outageText, setLabel } from "./hunt-text.js";
import { mdCell, mdTable } from "./sweep-markdown.js";
import { formatCount } from "./sweep-text.js";

/** The Markdown report of a hunt (a pull-request comment or a CI job summary). */
export function renderHuntMarkdown(summary: HuntSummary): string {
  const { plan } = summary;
  const lines: string[] = [`# Hunt: ${mdCell(plan.scenario.name)}`, "", mdCell(plan.scenario.title), "", ...huntHeadline(summary).map((l) => `${mdCell(l)}  `), ""];
  lines.push("## Single points of failure", "");
  if (summary.singlePoints.length === 0) lines.push("None: no single fault tried breaks anything.");
  else lines.push(...mdTable(["fault", "breaks"], summary.singlePoints.map((s) => [s.label, s.breaks.map((b) => `${b.objective} (${percent(b.pBreak)})`).join(", ")])));
  lines.push("", "## Minimal breaking sets, per app");
  for (const o of summary.objectives) {
    lines.push("", `### ${mdCell(o.id)}${o.kind === "app" ? ` (${mdCell(o.title)})` : ""}`, "", `Breaks when: ${mdCell(judgedBy(o))}.`, "");
    if (o.brokenWithoutFaults !== null) {
      lines.push(`Broken without any hunted fault (${percent(o.brokenWithoutFaults)} of runs): not hunted.`);
      continue;
    }
    if (o.minimal.length === 0) {
      lines.push(`Nothing found: no set of up to ${plan.depth} fault(s) tried breaks it.`);
      continue;
    }
    lines.push(...mdTable(["set", "P(break)", "outage p50 / p90", "user-min"], o.minimal.map((s) => [setLabel(s), percent(s.pBreak), outageText(s), s.userMinutesLost === null ? "—" : formatCount(s.userMinutesLost)])));
    lines.push("");
    o.minimal.forEach((s, i) => {
      lines.push(`${i + 1}. ${mdCell(setLabel(s))}, seed ${s.seed}: ${s.chain === null ? "an expectation failed" : mdCell(s.chain.join(" → "))}`, "", "   ```sh", `   ${s.replay}`, "   ```");
    });
  }
  lines.push("", "## Redundant: no single fault on these breaks anything", "");
  if (summary.redundant.length === 0) lines.push("None.");
  for (const r of summary.redundant) lines.push(`- ${mdCell(`${r.target.kind} ${r.target.id}`)}: ${mdCell(r.faults.join(", "))}${r.inPairs.length > 0 ? ` (with another fault it breaks ${mdCell(r.inPairs.join(", "))})` : ""}`);
  lines.push("", "## Search", "");
  lines.push(...mdTable(["size", "sets tried", "runs", "brute force sets", "over budget"], summary.levels.map((l) => [String(l.level), String(l.sets), String(l.runs), String(l.bruteForceSets), String(l.overBudget)])));
  if (summary.ignoredChecks.length > 0) lines.push("", `Checks that fail without any hunted fault judge nothing: ${mdCell(summary.ignoredChecks.join(", "))}.`);
  for (const s of plan.skippedTypes) lines.push("", `${mdCell(s.type)} not hunted: ${mdCell(s.reason)}.`);
  return `${lines.join("\n")}\n`;
}
