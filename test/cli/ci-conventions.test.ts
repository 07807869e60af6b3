import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/cli.js";

const CI = join(ROOT, "fixtures", "ci");
const SMALL = "fixtures/sweep/small-a.yaml";

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "outage-sim-conventions-"));
}

/** The `::level props::message` lines of an output. */
function annotations(stdout: string): string[] {
  return stdout.split("\n").filter((l) => l.startsWith("::"));
}

describe("--format github: annotations GitHub Actions shows on the pull request", () => {
  it("validate: one ::error per problem at its file, line and column, escaped; nothing for a valid file", () => {
    const dir = scratch();
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, readFileSync(join(CI, "payments.yaml"), "utf8").replace("horizon: 6h", "horizon: 6hours").replace("seed: 7", "seed: -1"));
    const result = runCli(["validate", bad, "avatar-migration", "--format", "github"]);
    expect(result.code).toBe(2);
    const lines = annotations(result.stdout);
    expect(lines).toHaveLength(2);
    expect(lines).toContain(`::error file=${bad},line=11,col=10,title=invalid scenario%3A horizon::"6hours" is not a duration. Write a number with a unit: ms, s, m, h or d (e.g. 90s, 15m, 1h30m)`);
    expect(lines.some((l) => l.startsWith(`::error file=${bad},line=9,col=7,title=invalid scenario%3A seed::`))).toBe(true);
    expect(result.stdout).toMatch(/^ok {2}avatar-migration /m);
    // The human-readable problems still go to stderr.
    expect(result.stderr).toContain(`${bad}:11:10  horizon  "6hours" is not a duration`);
    expect(annotations(runCli(["validate", "avatar-migration", "--format", "github"]).stdout)).toEqual([]);
  });

  it("test: failed checks at their line in the scenario (warnings as ::warning), baseline regressions on the baseline file", () => {
    const dir = scratch();
    const file = join(dir, "worse.yaml");
    copyFileSync(join(CI, "payments-worse.yaml"), file);
    copyFileSync(join(CI, "payments.baseline.json"), join(dir, "worse.baseline.json"));
    const result = runCli(["test", file, "--format", "github"]);
    expect(result.code).toBe(1);
    const lines = annotations(result.stdout);
    const text = readFileSync(file, "utf8").split("\n");
    const lineOf = (name: string): number => text.findIndex((l) => l.includes(`name: ${name},`)) + 1;
    expect(lines).toContain(`::error file=${file},line=${lineOf("user-minutes-bounded")},col=7,title=user-minutes-bounded::failed: got 740000 (run.userMinutesLost <= 200000)`);
    expect(lines).toContain(`::warning file=${file},line=${lineOf("avatars-unharmed")},col=7,title=avatars-unharmed::failed: got 1 (app.avatars.impacted == 0)`);
    expect(lines).toContain(`::error file=${join(dir, "worse.baseline.json")},title=payments%3A regression::payments: outage 95 → 120 min (+25 min, worse)`);
    // The text summary follows, as without --format.
    expect(result.stdout).toContain("1 scenario(s): 0 passed, 1 failed, 0 invalid");
  });

  it("test: an invalid scenario is annotated at its problems", () => {
    const dir = scratch();
    const file = join(dir, "bad.yaml");
    writeFileSync(file, readFileSync(join(CI, "payments.yaml"), "utf8").replace("horizon: 6h", "horizon: 6hours"));
    const result = runCli(["test", file, "--format", "github"]);
    expect(result.code).toBe(2);
    expect(annotations(result.stdout)).toEqual([`::error file=${file},line=11,col=10,title=invalid scenario%3A horizon::"6hours" is not a duration. Write a number with a unit: ms, s, m, h or d (e.g. 90s, 15m, 1h30m)`]);
  });

  it("check: each regression is an ::error on the baseline; a clean check prints none", () => {
    const dir = scratch();
    const file = join(dir, "worse.yaml");
    copyFileSync(join(CI, "payments-worse.yaml"), file);
    copyFileSync(join(CI, "payments.baseline.json"), join(dir, "worse.baseline.json"));
    const result = runCli(["check", file, "--format", "github"]);
    expect(result.code).toBe(1);
    const lines = annotations(result.stdout);
    expect(lines.length).toBe(8);
    expect(lines.every((l) => l.startsWith(`::error file=${join(dir, "worse.baseline.json")},title=payments%3A regression::`))).toBe(true);
    const clean = runCli(["check", join(CI, "payments.yaml"), "--format", "github"]);
    expect(clean.code).toBe(0);
    expect(annotations(clean.stdout)).toEqual([]);
  });

  it("refuses another format, exit 2", () => {
    const result = runCli(["validate", "avatar-migration", "--format", "gitlab"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Allowed choices are text, github");
  });
});

describe("sweep --fail-under: a pass-rate gate", () => {
  // 38 of these 40 runs hold web-back-within-2h (95%).
  const args = ["sweep", SMALL, "--runs", "40", "--workers", "1", "--no-progress"];

  it("passes at or below the rate reached, fails above it naming the check and its rate; without it, exit 0 as before", () => {
    expect(runCli([...args, "--fail-under", "95%"]).code).toBe(0);
    expect(runCli([...args, "--fail-under", "95"]).code).toBe(0);
    const above = runCli([...args, "--fail-under", "95.5%"]);
    expect(above.code).toBe(1);
    expect(above.stderr).toContain("outage-sim: web-back-within-2h held in 38 of 40 runs (95.0%), below --fail-under 95.5%.");
    expect(runCli(args).code).toBe(0);
  });

  it("a check that never holds fails the gate (0 of N no longer passes quietly)", () => {
    const result = runCli(["sweep", join(CI, "payments-worse.yaml"), "--runs", "5", "--workers", "1", "--no-progress", "--fail-under", "95%"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("user-minutes-bounded held in 0 of 5 runs (0.0%), below --fail-under 95%.");
    // A warning check is not gated.
    expect(result.stderr).not.toContain("avatars-unharmed");
  });

  it("gates the merged report of a sharded sweep, and refuses the gate on a shard", () => {
    const dir = scratch();
    for (const i of [1, 2]) expect(runCli([...args, "--shard", `${i}/2`, "--out", join(dir, `p${i}.json`)]).code).toBe(0);
    const merged = runCli(["merge", join(dir, "p1.json"), join(dir, "p2.json"), "--fail-under", "97.5%"]);
    expect(merged.code).toBe(1);
    expect(merged.stderr).toContain("web-back-within-2h held in 38 of 40 runs (95.0%), below --fail-under 97.5%.");
    const shard = runCli([...args, "--shard", "1/2", "--fail-under", "95%"]);
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain("--fail-under gates the whole sweep, not a shard");
  });

  it("the sweep's HTML page has a viewport tag, so phones lay it out at their width", () => {
    const result = runCli(["sweep", SMALL, "--runs", "2", "--workers", "1", "--no-progress", "--format", "html"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it("refuses a rate that is not a percentage, exit 2", () => {
    for (const bad of ["150%", "high", "-5%"]) {
      const result = runCli([...args, "--fail-under", bad]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("write a pass rate from 0% to 100%");
    }
  });
});
