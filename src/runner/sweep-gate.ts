/**
 * The pass-rate gate of a sweep (`--fail-under P%`): every critical check must hold in at least P%
 * of the runs of every cell. A sweep whose scenario has no critical check has nothing to gate.
 */
import type { SweepSummary } from "./sweep.js";

/** One check of one cell that passed too rarely. */
export interface GateFailure {
  /** The cell's overrides (`path=value`), [] for the scenario as written. */
  readonly overrides: readonly string[];
  readonly check: string;
  readonly passed: number;
  readonly runs: number;
  readonly passRate: number;
}

/** The outcome of the gate: what fell below the threshold, and how many checks were gated. */
export interface GateResult {
  readonly failures: readonly GateFailure[];
  readonly gated: number;
}

/** Applies the gate: `threshold` is a fraction from 0 to 1; a rate equal to it passes. */
export function gateSweep(summary: SweepSummary, threshold: number): GateResult {
  const failures: GateFailure[] = [];
  let gated = 0;
  for (const cell of summary.cells) {
    for (const check of cell.checks) {
      if (check.severity !== "critical") continue;
      gated++;
      // Compare counts, not rounded fractions: passed/runs ≥ threshold ⇔ passed ≥ threshold × runs (with a hair of slack for 0.95 × 200 in floating point).
      if (check.passed < threshold * cell.runs - 1e-9) failures.push({ overrides: cell.overrides, check: check.name, passed: check.passed, runs: cell.runs, passRate: check.passRate });
    }
  }
  return { failures, gated };
}

/** Parses `95%`, `99.5%` or `95` (a percentage) into a fraction; undefined when it is not one from 0 to 100. */
export function parsePercent(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)%?$/.exec(text.trim());
  if (m === null) return undefined;
  const value = Number(m[1]);
  return value >= 0 && value <= 100 ? value / 100 : undefined;
}
