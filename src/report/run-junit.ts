import type { Run } from "../runner/run.js";
import { outcomeOfRun } from "../runner/test-suite.js";
import { renderSuiteJunit } from "./junit.js";

/**
 * The JUnit XML report of a run, in the same layout as `outage-sim test --junit`: one suite named
 * after the scenario, one test case per expectation (`<name>.outcome`) and one for the run's limits
 * (`<name>.run`).
 */
export function renderRunJunit(run: Run): string {
  return renderSuiteJunit([outcomeOfRun(run)]);
}
