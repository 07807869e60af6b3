import type { Run } from "../runner/run.js";
import { renderJunit } from "./junit.js";

/** The JUnit XML report of a run: one suite named after the scenario, one test case per expectation. */
export function renderRunJunit(run: Run): string {
  const suiteName = `outage-sim.${run.scenario.name}`;
  return renderJunit([
    {
      name: suiteName,
      cases: run.verdicts.map((v) => ({
        name: v.name,
        classname: suiteName,
        passed: v.passed,
        severity: v.severity,
        message: v.passed ? `${v.check}: got ${v.actual}` : `expected ${v.check}, got ${v.actual} (seed ${run.seed})`,
      })),
    },
  ]);
}
