import { HUNT_FORMAT_VERSION } from "../runner/hunt/plan.js";
import type { HuntSummary } from "../runner/hunt/summary.js";

/** The JSON report of a hunt (see docs/hunt.md): the plan's settings and candidates, and every finding; same runs → same bytes. */
export function renderHuntJson(summary: HuntSummary): string {
  const { plan } = summary;
  const report = {
    schemaVersion: HUNT_FORMAT_VERSION,
    kind: "hunt",
    scenario: plan.scenario,
    baseSeed: plan.baseSeed,
    seedRule: "run i of every set uses seed baseSeed + i",
    runsPerSet: plan.runs,
    depth: plan.depth,
    search: plan.exhaustive ? "exhaustive" : "pruned",
    budget: plan.budget,
    impactMinutes: plan.impactMinutes,
    horizon: plan.horizon,
    at: plan.at,
    keepFaults: plan.keepFaults,
    droppedFaults: plan.droppedFaults,
    runs: summary.runs,
    bruteForceRuns: summary.bruteForceRuns,
    budgetReached: summary.budgetReached,
    levels: summary.levels,
    candidates: plan.candidates.map((c) => ({ id: c.id, type: c.type, target: c.target, duration: c.duration, label: c.label })),
    skippedTypes: plan.skippedTypes,
    rejected: plan.rejected,
    ignoredChecks: summary.ignoredChecks,
    objectives: summary.objectives,
    singlePoints: summary.singlePoints,
    redundant: summary.redundant,
    matrix: summary.matrix,
    limitRuns: summary.limitRuns,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
