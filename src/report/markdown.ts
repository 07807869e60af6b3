import { DATA_COLUMNS, dataCells } from "./data-ledger.js";
import { LocalClock } from "../model/core/local-clock.js";
import type { Transition } from "../model/core/trace.js";
import { budgetThatRanOut, type Run } from "../runner/run.js";
import { componentsOf } from "./components.js";
import { foldTimeline } from "./fold.js";
import { formatDurationMs, percent, thousands } from "./format-number.js";
import { overridesInWords, provenanceFiles, replayCommand } from "./provenance.js";

/** Escapes text for a GitHub-flavoured Markdown table cell or paragraph. */
function escapeMarkdown(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\*/g, "\\*").replace(/_/g, "\\_").replace(/\n/g, " ");
}

/** Escapes text for an inline HTML element, where Markdown is not read. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Wraps text in a code span, widening the fence when the text holds backticks. */
function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${fence.length > 1 ? " " : ""}${text.replace(/\|/g, "\\|")}${fence.length > 1 ? " " : ""}${fence}`;
}

/** The overall outcome: a failed critical check fails, a failed warning or an unsettled run warns. */
export function runOutcome(run: Run): "pass" | "fail" | "warn" {
  if (run.verdicts.some((v) => !v.passed && v.severity === "critical") || run.invariantViolations.length > 0) return "fail";
  if (run.verdicts.some((v) => !v.passed) || run.unsettled.length > 0 || budgetThatRanOut(run) !== undefined) return "warn";
  return "pass";
}

const MARK = { pass: "✅", fail: "❌", warn: "⚠️" } as const;

function header(run: Run, clock: LocalClock): string[] {
  const outcome = runOutcome(run);
  const passed = run.verdicts.filter((v) => v.passed).length;
  const impacted = run.impacts.filter((i) => i.impacted).length;
  const facts = [
    `seed ${code(String(run.seed))}`,
    `horizon ${formatDurationMs(run.horizonMs)}`,
    `start ${clock.startDate} ${clock.format(0)} (UTC${clock.offset})`,
    run.verdicts.length === 0 ? "no expectations" : `${passed} of ${run.verdicts.length} expectations held`,
    `${impacted} of ${run.impacts.length} apps impacted`,
    `acknowledged data lost: ${thousands(run.data.acknowledgedLost)}`,
  ];
  const lines = [`## ${MARK[outcome]} ${escapeMarkdown(run.scenario.name)}: ${escapeMarkdown(run.scenario.title)}`, "", facts.join(" · ")];
  const warnings: string[] = [];
  if (budgetThatRanOut(run) !== undefined) warnings.push(`the ${budgetThatRanOut(run)} ran out at ${clock.format(run.stop.atMs)}: the run stopped early`);
  if (run.unsettled.length > 0) warnings.push(`not settled at the horizon: ${run.unsettled.map(code).join(", ")}`);
  for (const v of run.invariantViolations) warnings.push(`invariant violated: ${escapeMarkdown(v)}`);
  if (warnings.length > 0) lines.push("", ...warnings.map((w) => `> **Warning:** ${w}`));
  return lines;
}

function verdicts(run: Run): string[] {
  if (run.verdicts.length === 0) return [];
  const lines = ["### Expectations", "", "| | expectation | got | check |", "|---|---|---|---|"];
  for (const v of run.verdicts) {
    const mark = v.passed ? "✅ pass" : v.severity === "critical" ? "❌ fail" : "⚠️ warn";
    lines.push(`| ${mark} | ${escapeMarkdown(v.name)} | ${escapeMarkdown(v.actual)} | ${code(v.check)} |`);
  }
  return lines;
}

function impacts(run: Run, clock: LocalClock): string[] {
  const lines = [
    "### Impact",
    "",
    "| app | symptom | first impact | recovered | outage | worst success | user-minutes lost |",
    "|---|---|---:|---:|---:|---:|---:|",
  ];
  for (const i of run.impacts) {
    const recovered = !i.impacted ? "—" : i.recoveredAtMs === null ? "**not recovered**" : clock.format(i.recoveredAtMs);
    lines.push(`| ${code(i.app)} | ${i.impacted ? escapeMarkdown(i.symptom) : "—"} | ${i.firstImpactAtMs === null ? "—" : clock.format(i.firstImpactAtMs)} | ${recovered} | ${i.impacted ? formatDurationMs(i.outageMinutes * 60000) : "—"} | ${percent(i.worstSuccessRatio)} | ${thousands(i.userMinutesLost)} |`);
  }
  if (run.impacts.some((i) => i.impacted)) lines.push("", "*First impact*: first below the app's impact threshold. *Recovered*: healthy again for good, as in the timeline (an app can be healthy, then impacted again, earlier).");
  lines.push("", `Acknowledged data lost: **${thousands(run.data.acknowledgedLost)}**.`);
  if (run.data.components.length > 0) {
    lines.push("", `| component | unit | ${DATA_COLUMNS.map((c) => c.head).join(" | ")} |`, `|---|---|${DATA_COLUMNS.map(() => "---:").join("|")}|`);
    for (const t of run.data.components) {
      const [component, unit, ...counts] = dataCells(t);
      lines.push(`| ${code(component as string)} | ${escapeMarkdown(unit as string)} | ${counts.join(" | ")} |`);
    }
  }
  return lines;
}

function step(t: Transition, clock: LocalClock): string {
  return `${clock.format(t.atMs)} ${code(t.component)} ${escapeMarkdown(t.to)}${t.detail ? ` — ${escapeMarkdown(t.detail)}` : ""}`;
}

function cascades(run: Run, clock: LocalClock): string[] {
  if (run.explanations.length === 0) return [];
  const lines = ["### Why", ""];
  for (const e of run.explanations) {
    const impact = run.impacts.find((i) => i.app === e.app);
    const chain = e.chain.map((id) => run.trace[id]).filter((t): t is Transition => t !== undefined);
    const root = chain[0];
    lines.push(`<details><summary><code>${escapeHtml(e.app)}</code>: “${escapeHtml(impact?.symptom ?? "")}” — ${chain.length} steps from <code>${escapeHtml(root?.component ?? "?")}</code></summary>`, "");
    chain.forEach((t, k) => lines.push(`${k + 1}. ${step(t, clock)}`));
    const others = e.roots.filter((r) => r !== e.chain[0]).map((r) => run.trace[r]).filter((t): t is Transition => t !== undefined);
    if (others.length > 0) lines.push("", `Also from: ${others.map((t) => `${code(t.component)} ${clock.format(t.atMs)}`).join(", ")}.`);
    lines.push("", "</details>", "");
  }
  lines.pop();
  return lines;
}

function timeline(run: Run, clock: LocalClock): string[] {
  const entries = foldTimeline(run.trace, { formatTime: (ms) => clock.format(ms), components: componentsOf(run) });
  const lines = [`<details><summary>Timeline: ${thousands(run.trace.length)} transitions folded into ${thousands(entries.length)} lines</summary>`, "", "| time | layer | component | change | detail |", "|---|---|---|---|---|"];
  for (const e of entries) lines.push(`| ${clock.format(e.atMs)} | ${e.layer} | ${code(e.label)} | ${escapeMarkdown(e.change)} | ${escapeMarkdown(e.detail)} |`);
  lines.push("", "</details>");
  return lines;
}

/** What the report was made from, and the command that replays it (a fenced block, so it copies whole). */
function provenance(run: Run): string[] {
  const p = run.provenance;
  if (p === undefined) return [`<sub>seed ${run.seed}</sub>`];
  const files = provenanceFiles(p).map((f) => `| ${f.role} | ${code(f.path)} | ${code(f.sha256)} |`);
  return [
    `<details><summary>Provenance: ${escapeMarkdown(p.tool.name)} ${escapeMarkdown(p.tool.version)}, seed ${p.seed}, horizon ${formatDurationMs(p.horizonMs)}, overrides: ${escapeMarkdown(overridesInWords(p))}</summary>`,
    "",
    "| file | path | sha256 |",
    "|---|---|---|",
    ...files,
    "",
    "</details>",
    "",
    "Replay:",
    "",
    "```sh",
    replayCommand(p),
    "```",
  ];
}

/** A Markdown summary of a run for a pull-request comment or a CI job summary: outcome, expectations, impact, cascades, folded timeline. */
export function renderMarkdown(run: Run): string {
  const clock = new LocalClock(run.start);
  const sections = [header(run, clock), verdicts(run), impacts(run, clock), cascades(run, clock), timeline(run, clock), provenance(run)];
  return `${sections.filter((s) => s.length > 0).map((s) => s.join("\n")).join("\n\n")}\n`;
}
