import { SWEEP_FORMAT_VERSION, type Distribution, type SweepSummary } from "../runner/sweep.js";

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function distribution(d: Distribution): Record<string, number | null> {
  return { n: d.n, min: finite(d.min), p25: finite(d.p25), p50: finite(d.p50), p75: finite(d.p75), p90: finite(d.p90), p99: finite(d.p99), max: finite(d.max), mean: finite(d.mean) };
}

/** The JSON report of a sweep (see docs/sweeps.md); null stands for "not back" or "no value"; same runs → same bytes. */
export function renderSweepJson(summary: SweepSummary): string {
  const { plan } = summary;
  const report = {
    schemaVersion: SWEEP_FORMAT_VERSION,
    kind: "sweep",
    scenario: plan.scenario,
    baseSeed: plan.baseSeed,
    seedRule: "run i uses seed baseSeed + i",
    quantiles: "nearest rank: sorted[ceil(p × n / 100) − 1]",
    runsPerCell: plan.runs,
    horizon: plan.horizon,
    axes: plan.axes,
    cells: summary.cells.map((cell) => ({
      overrides: cell.overrides,
      runs: cell.runs,
      apps: cell.apps.map((a) => ({
        app: a.app,
        title: a.title,
        impactProbability: a.impactProbability,
        outageMinutes: distribution(a.outageMinutes),
        recoveredAtMs: distribution(a.recoveredAtMs),
        notRecovered: a.notRecovered,
        userMinutesLost: distribution(a.userMinutesLost),
      })),
      dataLost: { probability: cell.dataLossProbability, ...distribution(cell.dataLost) },
      checks: cell.checks,
      limitRuns: cell.limitRuns,
      worst: cell.worst,
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
