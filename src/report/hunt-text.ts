import type { HuntSummary, MinimalSet, ObjectiveSummary } from "../runner/hunt/summary.js";
import { formatDurationMs, percent, thousands } from "./format-number.js";
import { alignTable, formatCount } from "./sweep-text.js";

/** Minutes as "2h10m" (whole minutes). */
export function huntMinutes(minutes: number): string {
  return formatDurationMs(minutes * 60_000);
}

/** Lays out a table: the first two columns left-aligned, the others right-aligned, two spaces apart. */
function leftTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? "")].length)));
  return all.map((r) => r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join("  ").trimEnd());
}

/** One line on how the hunt was run: depth, seeds, search, runs against brute force. */
export function huntHeadline(summary: HuntSummary): string[] {
  const { plan } = summary;
  const saved = summary.bruteForceRuns - summary.runs;
  const faults = plan.keepFaults ? "on top of the scenario's own faults" : plan.droppedFaults.length > 0 ? `on the steady region (the scenario's ${plan.droppedFaults.length} fault(s) dropped)` : "on the steady region";
  return [
    `depth ${plan.depth} · ${plan.candidates.length} candidate faults striking at ${plan.at} · ${plan.runs} seeds per set from ${plan.baseSeed} · ${faults}`,
    `${plan.exhaustive ? "exhaustive" : "pruned"} search: ${thousands(summary.runs)} runs; brute force to depth ${plan.depth}: ${thousands(summary.bruteForceRuns)}${saved > 0 ? ` (${percent(saved / summary.bruteForceRuns)} saved)` : ""}${summary.budgetReached ? ` · budget of ${thousands(plan.budget ?? 0)} runs reached` : ""}`,
  ];
}

/** How an objective is judged, in words. */
export function judgedBy(o: ObjectiveSummary): string {
  return o.judgedBy.kind === "expectations" ? `fails ${o.judgedBy.checks.join(", ")}` : `outage > ${huntMinutes(o.judgedBy.minutes)}`;
}

/** A set's labels joined. */
export function setLabel(set: MinimalSet): string {
  return set.labels.join(" + ");
}

/** The outage quantiles of a set, or "—". */
export function outageText(set: MinimalSet): string {
  return set.outageMinutes === null ? "—" : `${huntMinutes(set.outageMinutes.p50)} / ${huntMinutes(set.outageMinutes.p90)}`;
}

/** The plain-text report of a hunt: single points of failure first, then each objective's minimal sets with a chain and a replay command, then what is redundant. */
export function renderHuntText(summary: HuntSummary): string {
  const { plan } = summary;
  const out: string[] = [`hunt ${plan.scenario.name}: ${plan.scenario.title}`, ...huntHeadline(summary), ""];
  out.push("Single points of failure");
  if (summary.singlePoints.length === 0) out.push("  none: no single fault tried breaks anything");
  for (const s of summary.singlePoints) out.push(`  ${s.label}: breaks ${s.breaks.map((b) => `${b.objective} (${percent(b.pBreak)})`).join(", ")}`);
  out.push("");
  out.push("Minimal breaking sets, per app");
  for (const o of summary.objectives) {
    out.push("");
    out.push(`${o.id}  ${o.kind === "app" ? o.title : ""}`.trimEnd());
    out.push(`  breaks when: ${judgedBy(o)}`);
    if (o.brokenWithoutFaults !== null) {
      out.push(`  broken without any hunted fault (${percent(o.brokenWithoutFaults)} of runs): not hunted`);
      continue;
    }
    if (o.minimal.length === 0) {
      out.push(`  nothing found: no set of up to ${plan.depth} fault(s) tried breaks it`);
      continue;
    }
    out.push(...leftTable(["#", "set", "P(break)", "outage p50 / p90", "user-min"], o.minimal.map((s, i) => [String(i + 1), setLabel(s), percent(s.pBreak), outageText(s), s.userMinutesLost === null ? "—" : formatCount(s.userMinutesLost)])).map((l) => `  ${l}`));
    o.minimal.forEach((s, i) => {
      out.push(`  ${i + 1}. seed ${s.seed}: ${s.chain === null ? "(no impact chain: an expectation failed)" : s.chain.join(" → ")}`);
      out.push(`     ${s.replay}`);
    });
  }
  out.push("");
  out.push("Redundant: no single fault on these breaks anything");
  if (summary.redundant.length === 0) out.push("  none");
  for (const r of summary.redundant) {
    out.push(`  ${r.target.kind} ${r.target.id}: ${r.faults.join(", ")}${r.inPairs.length > 0 ? ` (with another fault it breaks ${r.inPairs.join(", ")})` : ""}`);
  }
  const notes: string[] = [];
  if (summary.ignoredChecks.length > 0) notes.push(`checks that fail without any hunted fault judge nothing: ${summary.ignoredChecks.join(", ")}`);
  for (const s of plan.skippedTypes) notes.push(`${s.type} not hunted: ${s.reason}`);
  if (plan.rejected.length > 0) notes.push(`${plan.rejected.length} candidate(s) do not apply to their component (the JSON report lists why), e.g. ${plan.rejected[0]!.id}: ${plan.rejected[0]!.reason}`);
  if (summary.budgetReached) for (const l of summary.levels) if (l.overBudget > 0) notes.push(`budget: ${thousands(l.overBudget)} set(s) of size ${l.level} not tried`);
  if (summary.limitRuns > 0) notes.push(`${thousands(summary.limitRuns)} run(s) hit a limit (event budget, or apps still impacted at the horizon)`);
  if (notes.length > 0) {
    out.push("");
    out.push("Notes");
    for (const n of notes) out.push(`  ${n}`);
  }
  out.push("");
  out.push(alignTable(["size", "sets tried", "runs", "brute force sets"], summary.levels.map((l) => [String(l.level), thousands(l.sets), thousands(l.runs), thousands(l.bruteForceSets)])).join("\n"));
  return `${out.join("\n")}\n`;
}
