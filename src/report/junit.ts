import { replayCommand } from "../runner/provenance.js";
import { casesOf, type ScenarioOutcome } from "../runner/test-suite.js";

/** One JUnit test case: an expectation, the run's limits, a baseline comparison, or a scenario's validity. */
export interface JunitCase {
  readonly name: string;
  readonly classname: string;
  readonly passed: boolean;
  readonly severity: "critical" | "warning";
  readonly message: string;
  /** Could not be evaluated (invalid input): written as `<error>` and counted in `errors`, not `failures`. */
  readonly error?: boolean;
}

/** One JUnit test suite: the cases of one scenario, with what it was made from as properties. */
export interface JunitSuite {
  readonly name: string;
  readonly properties?: readonly { readonly name: string; readonly value: string }[];
  readonly cases: readonly JunitCase[];
}

/** Characters XML 1.0 forbids outright (most control characters), removed rather than escaped. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for an XML attribute or element body. */
export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** A case counts as a JUnit error when it could not be evaluated. */
function isError(c: JunitCase): boolean {
  return !c.passed && c.error === true;
}

/** A case counts as a JUnit failure only when it failed and is critical; a failed warning passes with a note. */
function isFailure(c: JunitCase): boolean {
  return !c.passed && c.severity === "critical" && !isError(c);
}

function renderCase(c: JunitCase): string {
  const open = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(c.classname)}" time="0"`;
  const firstLine = c.message.split("\n")[0] ?? "";
  if (isError(c)) return `${open}>\n      <error message="${escapeXml(firstLine)}" type="invalid-input">${escapeXml(c.message)}</error>\n    </testcase>\n`;
  if (isFailure(c)) return `${open}>\n      <failure message="${escapeXml(firstLine)}" type="critical">${escapeXml(c.message)}</failure>\n    </testcase>\n`;
  if (!c.passed) return `${open}>\n      <system-out>${escapeXml(`warning: ${c.message}`)}</system-out>\n    </testcase>\n`;
  return `${open}/>\n`;
}

/**
 * Renders JUnit XML for CI, the one layout of `run --format junit` and `test --junit`: one
 * `<testsuite>` per scenario (named after it, with its provenance as `<properties>`) and one
 * `<testcase>` per check, classname `<scenario>.<group>`. Failed critical cases carry a `<failure>`,
 * cases that could not be evaluated (an invalid scenario) an `<error>`; failed warnings pass with a
 * `<system-out>` note. Times are written as `time="0"` (simulated runs have no meaningful wall
 * time) and no timestamp or hostname is written, so the same results give the same bytes.
 */
export function renderJunit(suites: readonly JunitSuite[]): string {
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.cases.filter(isFailure).length, 0);
  const errors = suites.reduce((n, s) => n + s.cases.filter(isError).length, 0);
  const out = [`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="outage-sim" tests="${tests}" failures="${failures}" errors="${errors}" time="0">\n`];
  for (const suite of suites) {
    const suiteFailures = suite.cases.filter(isFailure).length;
    const suiteErrors = suite.cases.filter(isError).length;
    out.push(`  <testsuite name="${escapeXml(suite.name)}" tests="${suite.cases.length}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="0" time="0">\n`);
    if (suite.properties !== undefined && suite.properties.length > 0) {
      out.push("    <properties>\n");
      for (const p of suite.properties) out.push(`      <property name="${escapeXml(p.name)}" value="${escapeXml(p.value)}"/>\n`);
      out.push("    </properties>\n");
    }
    for (const c of suite.cases) out.push(renderCase(c));
    out.push("  </testsuite>\n");
  }
  out.push("</testsuites>\n");
  return out.join("");
}

/** The properties of a scenario's suite: its file, and, when it ran, the provenance and the replay command. */
function propertiesOf(outcome: ScenarioOutcome): { name: string; value: string }[] {
  const p = outcome.provenance;
  if (p === undefined) return [{ name: "outage-sim.file", value: outcome.file }];
  return [
    { name: "outage-sim.version", value: p.tool.version },
    { name: "outage-sim.file", value: p.scenario.path },
    { name: "outage-sim.sha256", value: p.scenario.sha256 },
    ...p.imports.map((f) => ({ name: "outage-sim.import", value: `${f.path} sha256:${f.sha256}` })),
    { name: "outage-sim.seed", value: String(p.seed) },
    { name: "outage-sim.horizonMs", value: String(p.horizonMs) },
    { name: "outage-sim.replay", value: replayCommand(p) },
  ];
}

/** JUnit XML of scenario outcomes (`outage-sim test --junit`, and `run --format junit` with one). */
export function renderSuiteJunit(outcomes: readonly ScenarioOutcome[]): string {
  return renderJunit(outcomes.map((o) => ({ name: o.name, properties: propertiesOf(o), cases: casesOf(o) })));
}
