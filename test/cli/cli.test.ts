import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/cli.js";

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "outage-sim-cli-"));
}

const MINIMAL = `apiVersion: outage-sim/v1
kind: Scenario
name: minimal
title: one service forced down for ten minutes
horizon: 1h
region:
  services:
    api: {}
  apps:
    web: { dependsOn: [api], symptoms: { down: "site down" } }
faults:
  api-down: { type: component:fail, target: api, at: 10m, duration: 10m }
expect:
  outcome:
    - { name: web-outage-ten-minutes, check: "app.web.outageMinutes == 10" }
`;

describe("outage-sim run", () => {
  it("runs a shipped scenario by name from any directory and exits 0 when its expectations hold", () => {
    const result = runCli(["run", "tencent-cooling.yaml", "--no-color"], { cwd: scratch() });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("tencent-cooling: Guangzhou datacenter cooling failure");
    expect(result.stdout).toContain("QR code expired");
    expect(result.stdout).toContain("acknowledged data lost: 0");
  });

  it("finds a shipped scenario without the .yaml suffix", () => {
    expect(runCli(["run", "tencent-cooling", "--format", "json"]).code).toBe(0);
  });

  it("prints no colour codes when output is not a terminal, even without --no-color", () => {
    const result = runCli(["run", "tencent-cooling.yaml"]);
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });

  it("colours when FORCE_COLOR asks and not when NO_COLOR forbids", () => {
    expect(runCli(["run", "tencent-cooling.yaml"], { env: { FORCE_COLOR: "1" } }).stdout).toMatch(/\u001b\[/);
    expect(runCli(["run", "tencent-cooling.yaml"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout).not.toMatch(/\u001b\[/);
    expect(runCli(["run", "tencent-cooling.yaml", "--no-color"], { env: { FORCE_COLOR: "1" } }).stdout).not.toMatch(/\u001b\[/);
  });

  it("gives byte-identical output for the same scenario and seed", () => {
    const a = runCli(["run", "tencent-cooling.yaml", "--format", "json", "--seed", "7"]);
    const b = runCli(["run", "tencent-cooling.yaml", "--format", "json", "--seed", "7"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).seed).toBe(7);
  });

  it("fits every line of the text report in --width N, or in COLUMNS when set, and cuts nothing when piped without either", () => {
    const longestOf = (out: string): number => Math.max(...out.split("\n").map((line) => [...line].length));
    for (const [args, env, width] of [[["--width", "80"], {}, 80], [["--width", "60"], { COLUMNS: "120" }, 60], [[], { COLUMNS: "120" }, 120]] as const) {
      const out = runCli(["run", "tencent-cooling.yaml", ...args], { env: { ...env } }).stdout;
      expect(longestOf(out)).toBeLessThanOrEqual(width);
      expect(longestOf(out)).toBeGreaterThan(width - 10);
    }
    // Piped to a file or a program with no width asked for: no line is cut short with "…".
    const piped = runCli(["run", "tencent-cooling.yaml"]).stdout;
    expect(longestOf(piped)).toBeGreaterThan(120);
    expect(piped).not.toMatch(/…$/m);
    expect(piped).toMatch(/^02:00  facility gz-a-storage  full → discharging  6\.0 min at full load left; discharging \d+ kW$/m);
  });

  it("writes --out atomically and leaves no temporary file behind", () => {
    const dir = scratch();
    const out = join(dir, "report.json");
    const result = runCli(["run", "tencent-cooling.yaml", "--format", "json", "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).scenario.name).toBe("tencent-cooling");
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });

  it("exits 1 when a critical expectation fails, still printing the whole report", () => {
    const dir = scratch();
    const file = join(dir, "failing.yaml");
    writeFileSync(file, MINIMAL.replace("outageMinutes == 10", "outageMinutes == 5"));
    const result = runCli(["run", file, "--no-color"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("FAIL  web-outage-ten-minutes  got 10");
    expect(result.stderr).toContain("1 critical expectation(s) failed");
  });

  it("exits 0 on a passing user scenario and reports the outage exactly", () => {
    const dir = scratch();
    const file = join(dir, "minimal.yaml");
    writeFileSync(file, MINIMAL);
    const result = runCli(["run", file, "--format", "json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.impacts[0]).toMatchObject({ app: "web", impacted: true, symptom: "site down", firstImpactAtMs: 600000, recoveredAtMs: 1200000, outageMinutes: 10 });
  });

  it("exits 3 when the event budget runs out, and says how to fix it", () => {
    const dir = scratch();
    const file = join(dir, "budget.yaml");
    writeFileSync(file, MINIMAL.replace("horizon: 1h", "horizon: 1h\nlimits: { maxEvents: 5 }"));
    const result = runCli(["run", file]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("event budget");
    expect(result.stderr).toContain("limits.maxEvents");
  });

  it("exits 3 when an app is still impacted at the horizon", () => {
    const dir = scratch();
    const file = join(dir, "unsettled.yaml");
    writeFileSync(file, MINIMAL.replace(", duration: 10m", ""));
    const result = runCli(["run", file]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("did not settle by the horizon: web still impacted");
  });

  it("--horizon overrides the scenario's horizon", () => {
    const result = runCli(["run", "tencent-cooling.yaml", "--format", "json", "--horizon", "20h"]);
    expect(JSON.parse(result.stdout).horizonMs).toBe(20 * 3600 * 1000);
  });

  it("exits 2 with every problem located, no stack trace and no output file, on an invalid scenario", () => {
    const dir = scratch();
    const file = join(dir, "bad.yaml");
    const out = join(dir, "out.json");
    writeFileSync(file, MINIMAL.replace("horizon: 1h", "horizon: 1hour\nseeed: 4"));
    const result = runCli(["run", file, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:5:10  horizon  "1hour" is not a duration`);
    expect(result.stderr).toContain(`${file}:6:1  seeed  unknown key "seeed". Did you mean "seed"?`);
    expect(result.stderr).toContain("2 problem(s); nothing was run.");
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 with a sentence for a missing file, a bad flag value and an unknown option", () => {
    for (const args of [["run", "no-such-scenario.yaml"], ["run", "tencent-cooling.yaml", "--seed", "abc"], ["run", "tencent-cooling.yaml", "--horizon", "soon"], ["run", "tencent-cooling.yaml", "--bogus"], ["run", "tencent-cooling.yaml", "--format", "pdf"]]) {
      const result = runCli(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr.length, args.join(" ")).toBeGreaterThan(0);
      expect(result.stderr, args.join(" ")).not.toMatch(STACK_TRACE);
    }
    expect(runCli(["run", "no-such-scenario.yaml"]).stderr).toContain("tencent-cooling.yaml");
  });

  it("refuses to write into a folder that does not exist, with exit 2", () => {
    const result = runCli(["run", "tencent-cooling.yaml", "--out", join(scratch(), "missing", "x.txt")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("does not exist");
  });
});

describe("outage-sim validate, list and schema", () => {
  it("validate says ok for shipped scenarios and exits 0", () => {
    const result = runCli(["validate", "tencent-cooling.yaml"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("ok  tencent-cooling.yaml");
  });

  it("validate lists problems of every file and exits 2 if any is invalid", () => {
    const dir = scratch();
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "apiVersion: outage-sim/v1\nkind: Scenario\n");
    const result = runCli(["validate", "tencent-cooling.yaml", bad]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("ok  tencent-cooling.yaml");
    expect(result.stderr).toContain(`${bad}:1:1  name  missing required key "name". Add it`);
    expect(result.stderr).toContain(`${bad}:1:1  horizon  missing required key "horizon"`);
  });

  it("list shows every shipped scenario with its title", () => {
    const result = runCli(["list"]);
    expect(result.code).toBe(0);
    const shipped = readdirSync(join(ROOT, "scenarios")).filter((f) => f.endsWith(".yaml"));
    for (const name of shipped) expect(result.stdout).toContain(name);
    expect(result.stdout).toContain("Guangzhou datacenter cooling failure");
  });

  it("schema prints the committed JSON Schema, byte for byte", () => {
    const result = runCli(["schema"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(ROOT, "schema", "scenario.schema.json"), "utf8"));
  });

  it("--help exits 0 and names the commands", () => {
    const result = runCli(["--help"]);
    expect(result.code).toBe(0);
    for (const command of ["run", "validate", "list", "schema"]) expect(result.stdout).toContain(command);
  });
});
