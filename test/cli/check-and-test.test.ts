import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderJunit } from "../../src/report/junit.js";
import { ROOT, runCli } from "../support/cli.js";

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;
const CI = join(ROOT, "fixtures", "ci");
const BASELINE = join(CI, "payments.baseline.json");

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "outage-sim-ci-"));
}

/** A copy of fixtures/ci/payments.yaml in a scratch folder, optionally edited, with the committed baseline beside it. */
function paymentsCopy(edit: (text: string) => string = (t) => t, name = "payments"): { dir: string; file: string; baseline: string } {
  const dir = scratch();
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, edit(readFileSync(join(CI, "payments.yaml"), "utf8")));
  const baseline = join(dir, `${name}.baseline.json`);
  copyFileSync(BASELINE, baseline);
  return { dir, file, baseline };
}

/**
 * A small XML well-formedness check: one root, every tag closed in order, attribute values quoted and
 * free of `<`, text free of `<` and of `&` outside entities.
 */
function wellFormedXml(xml: string): string[] {
  const problems: string[] = [];
  const body = xml.replace(/^<\?xml [^?]*\?>\n/, "");
  const stack: string[] = [];
  let roots = 0;
  let last = 0;
  for (const match of body.matchAll(/<[^>]*>/g)) {
    const text = body.slice(last, match.index);
    if (/&(?!(amp|lt|gt|quot|apos);)/.test(text) || text.includes("<")) problems.push(`bad text: ${text}`);
    last = (match.index as number) + match[0].length;
    const tag = match[0];
    const closing = /^<\/([A-Za-z-]+)>$/.exec(tag);
    const opening = /^<([A-Za-z-]+)((?:\s+[A-Za-z-]+="[^"<]*")*)\s*(\/?)>$/.exec(tag);
    if (closing) {
      if (stack.pop() !== closing[1]) problems.push(`unbalanced ${tag}`);
    } else if (opening) {
      if (stack.length === 0) roots++;
      for (const value of opening[2]!.matchAll(/="([^"]*)"/g)) if (/&(?!(amp|lt|gt|quot|apos);)/.test(value[1]!)) problems.push(`bad attribute ${value[1]}`);
      if (opening[3] !== "/") stack.push(opening[1]!);
    } else problems.push(`bad tag ${tag}`);
  }
  if (stack.length > 0) problems.push(`unclosed ${stack.join(", ")}`);
  if (roots !== 1) problems.push(`${roots} roots`);
  return problems;
}

describe("run --save-baseline and check", () => {
  it("run --save-baseline writes the committed baseline byte for byte, atomically", () => {
    const dir = scratch();
    const out = join(dir, "b.json");
    const result = runCli(["run", join(CI, "payments.yaml"), "--save-baseline", out, "--no-color"]);
    expect(result.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(BASELINE, "utf8"));
    expect(readdirSync(dir)).toEqual(["b.json"]);
  });

  it("check finds the baseline beside the scenario and exits 0 when nothing changed", () => {
    const result = runCli(["check", join(CI, "payments.yaml")]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("no difference from the baseline");
  });

  it("check prints a readable diff and exits 1 on hand-made regressions", () => {
    const result = runCli(["check", join(CI, "payments-worse.yaml"), "--baseline", BASELINE]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`payments vs ${BASELINE} (tolerance 0 min, ratio tolerance 0)`);
    expect(result.stdout).toContain("REGRESSION  payments: outage 95 → 120 min (+25 min, worse)");
    expect(result.stdout).toContain("REGRESSION  avatars: now impacted: outage 70 min from 03:00 until 04:10, \"avatar not shown\" (worse)");
    expect(result.stdout).toContain("REGRESSION  new: object-store fails at 03:00 and recovers at 04:10 (worse)");
    expect(result.stderr).toContain("regression(s) beyond tolerance");
    expect(result.stderr).toContain("--update");
  });

  it("check reads hand-made improvements as better and exits 0", () => {
    const result = runCli(["check", join(CI, "payments-better.yaml"), "--baseline", BASELINE]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("better      contacts: no longer impacted (better)");
    expect(result.stdout).toContain("better      payments: outage 95 → 80 min (−15 min, better)");
    expect(result.stdout).toContain("0 regressions beyond tolerance");
  });

  it("--tolerance: five minutes worse passes at 5m and fails at 4m", () => {
    const { file } = paymentsCopy((t) => t.replace("duration: 95m", "duration: 100m"));
    const at = runCli(["check", file, "--tolerance", "5m"]);
    expect(at.code).toBe(0);
    expect(at.stdout).toContain("within tol  payments: outage 95 → 100 min (+5 min, worse, within tolerance)");
    expect(runCli(["check", file, "--tolerance", "4m"]).code).toBe(1);
    expect(runCli(["check", file]).code).toBe(1);
  });

  it("--ratio-tolerance: a worst ratio drop of 0.4 passes at 0.4 and fails at 0.39", () => {
    const { file } = paymentsCopy((t) => t.replace("capacity: 0.6", "capacity: 0.2"));
    const base = ["check", file, "--tolerance", "0"];
    expect(runCli([...base, "--ratio-tolerance", "1"]).stdout).toContain("contacts: worst success ratio 0.6 → 0.2 (−0.4, worse, within tolerance)");
    // The contacts mean check fails too: a critical verdict that now fails is a regression whatever the tolerance.
    const strict = runCli([...base, "--ratio-tolerance", "0.39"]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("REGRESSION  contacts: worst success ratio 0.6 → 0.2 (−0.4, worse)");
  });

  it("--update rewrites the baseline atomically and the next check passes", () => {
    const { dir, file, baseline } = paymentsCopy((t) => t.replace("duration: 95m", "duration: 120m"));
    const update = runCli(["check", file, "--update"]);
    expect(update.code).toBe(0);
    expect(update.stdout).toContain("payments: outage 95 → 120 min (+25 min, worse)");
    expect(update.stdout).toContain(`baseline written: ${baseline}`);
    expect(readdirSync(dir).sort()).toEqual(["payments.baseline.json", "payments.yaml"]);
    expect(JSON.parse(readFileSync(baseline, "utf8")).apps[0].outageMinutes).toBe(120);
    expect(runCli(["check", file]).code).toBe(0);
  });

  it("--update creates a missing baseline, and replaces a broken one", () => {
    const { file, baseline } = paymentsCopy();
    writeFileSync(baseline, "{ broken");
    expect(runCli(["check", file, "--update"]).code).toBe(0);
    expect(readFileSync(baseline, "utf8")).toBe(readFileSync(BASELINE, "utf8"));
  });

  it.each([
    ["invalid JSON", "{ \"baselineVersion\": 1,", "is broken: it is not valid JSON"],
    ["a newer version", "{ \"baselineVersion\": 2 }", "is broken: it is baseline version 2, newer than this outage-sim reads (1)"],
    ["a missing field", "{ \"baselineVersion\": 1, \"scenario\": \"payments\" }", "is broken: baseline.seed should be a number but is missing"],
    ["another scenario", readFileSync(BASELINE, "utf8").replace("\"scenario\": \"payments\"", "\"scenario\": \"other\""), "is for scenario \"other\", not \"payments\""],
  ])("a baseline with %s is a clear error, exit 2, no stack trace", (_what, text, message) => {
    const { file, baseline } = paymentsCopy();
    writeFileSync(baseline, text);
    const result = runCli(["check", file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`outage-sim: the baseline "${baseline}" ${message}`);
    expect(result.stderr).toMatch(/Re-create it with `outage-sim check .* --update`|re-create it with --update/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it("a missing baseline says how to create it, exit 2", () => {
    const dir = scratch();
    const result = runCli(["check", join(CI, "payments.yaml"), "--baseline", join(dir, "none.json")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no baseline at "${join(dir, "none.json")}". Create it with \`outage-sim check`);
    expect(result.stderr).toContain("--update`");
  });

  it("a folder given as the baseline, and bad flag values, are exit 2", () => {
    expect(runCli(["check", join(CI, "payments.yaml"), "--baseline", scratch()]).stderr).toContain("is a folder, not a file");
    for (const args of [["--tolerance", "soon"], ["--ratio-tolerance", "2"], ["--ratio-tolerance", "-0.1"]]) {
      const result = runCli(["check", join(CI, "payments.yaml"), ...args]);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).not.toMatch(STACK_TRACE);
    }
  });

  it("an invalid scenario is exit 2 with located problems", () => {
    const { file } = paymentsCopy((t) => t.replace("app.payments.recoveredAt <= 04:00", "app.paymnts.recoveredAt <= 04:00"));
    const result = runCli(["check", file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/payments\.yaml:\d+:\d+ {2}expect\.outcome\[0\]\.check {2}unknown app "paymnts"\. Did you mean "payments"\?/);
  });
});

describe("steady state from the command line", () => {
  const broken = (t: string): string => t.replace("faults:\n", "operators:\n  throttle-api: { at: 30m, do: { action: set-capacity, target: api, capacity: 0.9 } }\nfaults:\n");

  it("run aborts with a clear message and no misleading cascade when the steady state fails (exit 1)", () => {
    const { file } = paymentsCopy(broken);
    const result = runCli(["run", file, "--no-color"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("steady state FAIL  every-app-serves  got payments: 0.9 at 01:30 (30 of 60 samples broke it)");
    expect(result.stderr).toContain("the steady state did not hold before the first fault (02:00), so the cascade is not reported");
  });

  it("check does not compare a run whose steady state failed", () => {
    const { file } = paymentsCopy(broken);
    const result = runCli(["check", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("the steady state did not hold");
  });
});

describe("outage-sim test", () => {
  it("passes on the shipped scenarios and their baselines: the project's own CI", () => {
    const result = runCli(["test", "scenarios"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const shipped = readdirSync(join(ROOT, "scenarios")).filter((f) => f.endsWith(".yaml"));
    for (const name of shipped) expect(result.stdout).toMatch(new RegExp(`^ok {4}scenarios/${name.replace(".", "\\.")} .*baseline: no difference`, "m"));
  });

  it("runs every scenario under a folder, skips topologies and other YAML, writes JUnit and Markdown, exits 1 on a failure", () => {
    const dir = scratch();
    copyFileSync(join(CI, "payments.yaml"), join(dir, "payments.yaml"));
    copyFileSync(BASELINE, join(dir, "payments.baseline.json"));
    mkdirSync(join(dir, "more"));
    copyFileSync(join(CI, "payments-worse.yaml"), join(dir, "more", "worse.yaml"));
    copyFileSync(BASELINE, join(dir, "more", "worse.baseline.json"));
    writeFileSync(join(dir, "topology.yaml"), "apiVersion: outage-sim/v1\nkind: Topology\nregion: {}\n");
    writeFileSync(join(dir, "workflow.yml"), "on: push\n");
    const junit = join(dir, "junit.xml");
    const markdown = join(dir, "summary.md");
    const result = runCli(["test", dir, "--junit", junit, "--markdown", markdown]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`FAIL  ${join(dir, "more", "worse.yaml")}  2 of 10 check(s) failed; baseline: 8 regression(s)`);
    expect(result.stdout).toContain("      FAIL  user-minutes-bounded: failed: got 740000 (run.userMinutesLost <= 200000)");
    expect(result.stdout).toContain("      FAIL  matches its baseline: ");
    expect(result.stdout).toContain("        REGRESSION  payments: outage 95 → 120 min (+25 min, worse)");
    expect(result.stdout).toContain(`ok    ${join(dir, "payments.yaml")}  10 check(s) held; baseline: no difference`);
    expect(result.stdout).toContain("2 scenario(s): 1 passed, 1 failed, 0 invalid");
    expect(result.stdout).not.toContain("topology.yaml");

    const xml = readFileSync(junit, "utf8");
    expect(wellFormedXml(xml)).toEqual([]);
    expect(xml).toContain('<testsuites name="outage-sim" tests="24" failures="2" errors="0" time="0">');
    expect(xml).toContain('<testcase name="user-minutes-bounded" classname="payments.outcome" time="0">\n      <failure message="failed: got 740000 (run.userMinutesLost &lt;= 200000)" type="critical">');
    expect(xml).toContain('<testcase name="avatars-unharmed" classname="payments.outcome" time="0">\n      <system-out>warning: failed: got 1 (app.avatars.impacted == 0)</system-out>');
    expect(xml).toContain(`<property name="outage-sim.file" value="${join(dir, "payments.yaml")}"/>`);
    expect(xml).toContain(`<property name="outage-sim.replay" value="outage-sim run ${join(dir, "payments.yaml")}"/>`);
    expect(xml).not.toContain("<skipped");
    expect(xml).not.toMatch(/timestamp=|hostname=/);
    expect(xml.match(/time="[^"]*"/g)?.every((t) => t === 'time="0"')).toBe(true);

    const md = readFileSync(markdown, "utf8");
    expect(md).toContain("## outage-sim test: 1 of 2 scenario(s) failed");
    expect(md).toContain("| scenario | result | details |");
    expect(md).toContain("- ❌ **user-minutes-bounded**: failed: got 740000 (run.userMinutesLost <= 200000)");
    expect(md).toContain("- ⚠️ **avatars-unharmed**");
    expect(readdirSync(dir).sort()).toEqual(["junit.xml", "more", "payments.baseline.json", "payments.yaml", "summary.md", "topology.yaml", "workflow.yml"]);
  });

  it("gives the same bytes twice", () => {
    const a = runCli(["test", join(CI, "payments.yaml"), join(CI, "payments-worse.yaml")]);
    const b = runCli(["test", join(CI, "payments.yaml"), join(CI, "payments-worse.yaml")]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.code).toBe(1);
  });

  it("a broken baseline beside a scenario is reported clearly, the others still run, and the exit code is 2", () => {
    const { dir, baseline } = paymentsCopy();
    copyFileSync(join(CI, "payments-better.yaml"), join(dir, "better.yaml"));
    writeFileSync(baseline, "not json");
    const junit = join(dir, "junit.xml");
    const result = runCli(["test", dir, "--junit", junit]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`ERROR ${join(dir, "payments.yaml")}  10 check(s) held; baseline unreadable`);
    expect(result.stdout).toContain(`the baseline "${baseline}" is broken: it is not valid JSON`);
    expect(result.stdout).toContain(`ok    ${join(dir, "better.yaml")}  10 check(s) held; no baseline`);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(wellFormedXml(readFileSync(junit, "utf8"))).toEqual([]);
  });

  it("an invalid scenario is listed with its located problems, is a JUnit <error>, and the exit code is 2", () => {
    const { dir, file } = paymentsCopy((t) => t.replace("horizon: 6h", "horizon: 6hours"));
    const junit = join(scratch(), "junit.xml");
    const result = runCli(["test", dir, "--junit", junit]);
    const xml = readFileSync(junit, "utf8");
    expect(wellFormedXml(xml)).toEqual([]);
    expect(xml).toContain('<testsuites name="outage-sim" tests="1" failures="0" errors="1" time="0">');
    expect(xml).toMatch(/<testcase name="scenario is valid" classname="payments\.scenario" time="0">\n {6}<error message="[^"]*payments\.yaml:\d+:\d+ {2}horizon {2}&quot;6hours&quot; is not a duration[^"]*" type="invalid-input">/);
    expect(xml).not.toContain("<failure");
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`ERROR ${file}  1 problem(s) in the scenario`);
    expect(result.stdout).toMatch(/FAIL {2}scenario is valid: .*payments\.yaml:\d+:\d+ {2}horizon {2}"6hours" is not a duration/);
  });

  it("a folder without scenarios, or a missing file, is exit 2 with a sentence", () => {
    const empty = scratch();
    writeFileSync(join(empty, "x.yaml"), "kind: Topology\n");
    const none = runCli(["test", empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`no scenario files (YAML with kind: Scenario) under "${empty}"`);
    const missing = runCli(["test", join(empty, "nope.yaml")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no scenario at");
  });

  it("refuses to write JUnit into a folder that does not exist, exit 2", () => {
    const result = runCli(["test", join(CI, "payments.yaml"), "--junit", join(scratch(), "missing", "j.xml")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("does not exist");
    expect(existsSync(join(scratch(), "missing"))).toBe(false);
  });
});

describe("renderJunit", () => {
  it("escapes names and messages, drops characters XML forbids, and stays well-formed", () => {
    const xml = renderJunit([{ name: "a <b> & \"c\"", cases: [
      { name: "x'<y>", classname: "s.outcome", passed: false, severity: "critical", message: "got 5 < 6 & \u0007bell\nsecond line" },
      { name: "w", classname: "s.outcome", passed: false, severity: "warning", message: "soft & low" },
      { name: "p", classname: "s.outcome", passed: true, severity: "critical", message: "held" },
    ] }]);
    expect(wellFormedXml(xml)).toEqual([]);
    expect(xml).toContain('<testsuite name="a &lt;b&gt; &amp; &quot;c&quot;" tests="3" failures="1" errors="0" skipped="0" time="0">');
    expect(xml).toContain('<failure message="got 5 &lt; 6 &amp; bell" type="critical">got 5 &lt; 6 &amp; bell\nsecond line</failure>');
    expect(xml).toContain("<system-out>warning: soft &amp; low</system-out>");
    expect(xml).toContain('<testcase name="p" classname="s.outcome" time="0"/>');
    expect(xml).not.toContain("\u0007");
  });

  it("renders an empty run as a well-formed empty report", () => {
    const xml = renderJunit([]);
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="outage-sim" tests="0" failures="0" errors="0" time="0">\n</testsuites>\n');
    expect(wellFormedXml(xml)).toEqual([]);
  });
});
