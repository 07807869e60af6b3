import type { CompareSummary, PairedDifference } from "../runner/compare.js";
import { SWEEP_FORMAT_VERSION } from "../runner/sweep.js";

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function difference(d: PairedDifference): Record<string, number | null> {
  return { n: d.n, meanA: finite(d.meanA), meanB: finite(d.meanB), meanDiff: finite(d.meanDiff), sdDiff: finite(d.sdDiff), low: finite(d.low), high: finite(d.high), lower: d.lower, equal: d.equal, higher: d.higher };
}

/** The JSON report of a comparison (see docs/sweeps.md): every difference is B − A over the same seeds. */
export function renderCompareJson(summary: CompareSummary): string {
  const side = (plan: CompareSummary["a"]) => ({ scenario: plan.scenario, overrides: plan.cells[0]?.overrides ?? [] });
  const report = {
    schemaVersion: SWEEP_FORMAT_VERSION,
    kind: "compare",
    a: side(summary.a),
    b: side(summary.b),
    baseSeed: summary.a.baseSeed,
    runs: summary.a.runs,
    horizon: summary.a.horizon,
    confidence: summary.confidence,
    interval: "mean(B − A) ± t(1 − α/2, n − 1) × sd(B − A) / √n",
    apps: summary.apps.map((a) => ({
      app: a.app,
      title: a.title,
      impactProbabilityA: a.impactProbabilityA,
      impactProbabilityB: a.impactProbabilityB,
      outageMinutes: difference(a.outageMinutes),
      userMinutesLost: difference(a.userMinutesLost),
    })),
    onlyInA: summary.onlyInA,
    onlyInB: summary.onlyInB,
    dataLost: difference(summary.dataLost),
    checks: summary.checks,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
