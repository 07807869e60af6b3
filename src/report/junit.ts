/** One JUnit test case: an expectation, a baseline comparison, or a scenario's validity. */
export interface JunitCase {
  readonly name: string;
  readonly classname: string;
  readonly passed: boolean;
  readonly severity: "critical" | "warning";
  readonly message: string;
}

/** One JUnit test suite: the cases of one scenario. */
export interface JunitSuite {
  readonly name: string;
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

/** A case counts as a JUnit failure only when it failed and is critical; a failed warning passes with a note. */
function isFailure(c: JunitCase): boolean {
  return !c.passed && c.severity === "critical";
}

function renderCase(c: JunitCase): string {
  const open = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(c.classname)}"`;
  if (isFailure(c)) {
    const firstLine = c.message.split("\n")[0] ?? "";
    return `${open}>\n      <failure message="${escapeXml(firstLine)}" type="critical">${escapeXml(c.message)}</failure>\n    </testcase>\n`;
  }
  if (!c.passed) return `${open}>\n      <system-out>${escapeXml(`warning: ${c.message}`)}</system-out>\n    </testcase>\n`;
  return `${open}/>\n`;
}

/**
 * Renders JUnit XML for CI: one `<testsuite>` per scenario and one `<testcase>` per expectation.
 * Failed critical cases carry a `<failure>`; failed warnings pass with a `<system-out>` note. No
 * times or hostnames are written, so the same results give the same bytes.
 */
export function renderJunit(suites: readonly JunitSuite[]): string {
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.cases.filter(isFailure).length, 0);
  const out = [`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="outage-sim" tests="${tests}" failures="${failures}" errors="0">\n`];
  for (const suite of suites) {
    const suiteFailures = suite.cases.filter(isFailure).length;
    out.push(`  <testsuite name="${escapeXml(suite.name)}" tests="${suite.cases.length}" failures="${suiteFailures}" errors="0" skipped="0">\n`);
    for (const c of suite.cases) out.push(renderCase(c));
    out.push("  </testsuite>\n");
  }
  out.push("</testsuites>\n");
  return out.join("");
}
