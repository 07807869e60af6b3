import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { progressLine } from "../../src/cli/sweep-progress.js";
import { runCli, type CliResult } from "../support/cli.js";

const A = "fixtures/sweep/small-a.yaml";
const B = "fixtures/sweep/small-b.yaml";
const AXES = "fixtures/sweep/small-axes.yaml";
const FORMATS = ["text", "json", "markdown", "html"] as const;

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "outage-sim-sweep-"));
}

function ok(result: CliResult): CliResult {
  expect(result.stderr.replace(/^outage-sim: \d+ run\(s\) hit a limit.*\n/m, "")).toBe("");
  expect(result.code).toBe(0);
  return result;
}

interface SweepJson {
  cells: { overrides: string[]; runs: number; apps: { app: string; outageMinutes: { max: number } }[]; worst: { seed: number; userMinutesLost: number; command: string }[] }[];
}

describe("outage-sim sweep", () => {
  it("gives byte-identical results with 1 and 2 workers", () => {
    const one = ok(runCli(["sweep", A, "--runs", "40", "--workers", "1", "--format", "json"]));
    const two = ok(runCli(["sweep", A, "--runs", "40", "--workers", "2", "--format", "json"]));
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(one.stdout) as SweepJson;
    expect(report.cells[0]!.runs).toBe(40);
    expect(report.cells[0]!.apps.map((a) => a.app)).toEqual(["web", "batch"]);
  });

  it("prints the distribution, the pass rates and the worst seeds with their replay commands", () => {
    const result = ok(runCli(["sweep", A, "--runs", "20", "--seed", "100"]));
    expect(result.stdout).toContain("20 run(s) per cell on seeds 100…119 (run i uses seed 100 + i)");
    expect(result.stdout).toMatch(/Outage per run\napp +P\(impact\) +min +p50 +p90 +p99 +max\nweb +100%/);
    expect(result.stdout).toMatch(/web-back-within-2h +critical +\d+\/20/);
    expect(result.stdout).toMatch(/\n {2}outage-sim run fixtures\/sweep\/small-a\.yaml --seed 1\d\d\n/);
  });

  it("names worst seeds whose command replays the run exactly", () => {
    const report = JSON.parse(ok(runCli(["sweep", A, "--runs", "20", "--format", "json"])).stdout) as SweepJson;
    const worst = report.cells[0]!.worst[0]!;
    const args = worst.command.split(" ").slice(1);
    const replay = runCli([...args, "--format", "json"]);
    const run = JSON.parse(replay.stdout) as { seed: number; impacts: { userMinutesLost: number }[] };
    expect(run.seed).toBe(worst.seed);
    expect(run.impacts.reduce((s, i) => s + i.userMinutesLost, 0)).toBe(worst.userMinutesLost);
  });

  it("merges shards into the unsharded report, byte for byte, in every format and any part order", () => {
    const dir = scratch();
    const common = ["--runs", "15", "--seed", "5", "--set", "faults.batch-down.duration=20m"];
    const parts = [1, 2, 3].map((i) => join(dir, `part-${i}.json`));
    parts.forEach((part, i) => ok(runCli(["sweep", A, ...common, "--shard", `${i + 1}/3`, "--workers", String(1 + (i % 2)), "--out", part])));
    const first = JSON.parse(readFileSync(parts[0]!, "utf8")) as { format: string; shard: { from: number; to: number }; records: unknown[] };
    expect(first).toMatchObject({ format: "outage-sim/sweep-part", shard: { from: 0, to: 5 } });
    expect(first.records).toHaveLength(5);
    for (const format of FORMATS) {
      const whole = ok(runCli(["sweep", A, ...common, "--format", format]));
      const merged = ok(runCli(["merge", parts[2]!, parts[0]!, parts[1]!, "--format", format]));
      expect(merged.stdout, format).toBe(whole.stdout);
    }
    const out = join(dir, "report.html");
    ok(runCli(["merge", ...parts, "--format", "html", "--out", out]));
    expect(readFileSync(out, "utf8")).toMatch(/^<!DOCTYPE html>[\s\S]*<svg [\s\S]*<\/html>\n$/);
  });

  it("refuses to merge incomplete or mixed parts, saying what is wrong", () => {
    const dir = scratch();
    const part = (args: string[], name: string): string => {
      const file = join(dir, name);
      ok(runCli(["sweep", A, "--runs", "6", ...args, "--out", file]));
      return file;
    };
    const p1 = part(["--shard", "1/2"], "p1.json");
    const other = part(["--shard", "2/2", "--seed", "9"], "other.json");
    const missing = runCli(["merge", p1]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("part(s) 2/2 missing");
    const mixed = runCli(["merge", p1, other]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain("belongs to a different sweep");
    expect(runCli(["merge", p1, p1]).stderr).toContain("given twice");
    writeFileSync(join(dir, "junk.json"), "{}");
    expect(runCli(["merge", join(dir, "junk.json")]).stderr).toContain("is not a sweep part file");
  });

  it("sweeps the scenario's axes as a cartesian product, the command line replacing an axis", () => {
    const fromFile = JSON.parse(ok(runCli(["sweep", AXES, "--runs", "4", "--format", "json"])).stdout) as SweepJson;
    expect(fromFile.cells.map((c) => c.overrides)).toEqual([
      ["region.plants[p1].chillers.restartFailureProbability=0", "faults.chillers-trip.at=10m"],
      ["region.plants[p1].chillers.restartFailureProbability=0", "faults.chillers-trip.at=20m"],
      ["region.plants[p1].chillers.restartFailureProbability=0.25", "faults.chillers-trip.at=10m"],
      ["region.plants[p1].chillers.restartFailureProbability=0.25", "faults.chillers-trip.at=20m"],
    ]);
    const cli = JSON.parse(ok(runCli(["sweep", AXES, "--runs", "4", "--format", "json", "--set", "faults.chillers-trip.at=15m", "--set", "region.plants[p1].chillers.count=4", "--set", "region.plants[p1].chillers.count=5"])).stdout) as SweepJson;
    expect(cli.cells.map((c) => c.overrides)).toEqual([
      ["region.plants[p1].chillers.restartFailureProbability=0", "faults.chillers-trip.at=15m", "region.plants[p1].chillers.count=4"],
      ["region.plants[p1].chillers.restartFailureProbability=0", "faults.chillers-trip.at=15m", "region.plants[p1].chillers.count=5"],
      ["region.plants[p1].chillers.restartFailureProbability=0.25", "faults.chillers-trip.at=15m", "region.plants[p1].chillers.count=4"],
      ["region.plants[p1].chillers.restartFailureProbability=0.25", "faults.chillers-trip.at=15m", "region.plants[p1].chillers.count=5"],
    ]);
    const worst = cli.cells[3]!.worst[0]!;
    expect(worst.command).toContain("--set 'region.plants[p1].chillers.count=5'");
    const replay = runCli([...worst.command.split(" ").slice(1).map((w) => w.replace(/^'(.*)'$/, "$1")), "--format", "json"]);
    const run = JSON.parse(replay.stdout) as { impacts: { userMinutesLost: number }[] };
    expect(run.impacts.reduce((s, i) => s + i.userMinutesLost, 0)).toBe(worst.userMinutesLost);
  });

  it("reports a bad --set or a bad axis value as invalid input, naming the value", () => {
    const bad = runCli(["sweep", A, "--runs", "2", "--set", "region.plants[p1].chillers.count=0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/small-a\.yaml:\d+:\d+ {2}region\.plants\[0\]\.chillers\.count {2}.*\(with --set region\.plants\[p1\]\.chillers\.count=0\)/);
    const unknown = runCli(["sweep", A, "--runs", "2", "--set", "region.plants[p9].chillers.count=3"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no element with id "p9" in this list (ids: p1)');
    expect(runCli(["sweep", A, "--runs", "0"]).code).toBe(2);
    expect(runCli(["sweep", A, "--shard", "3/2"]).code).toBe(2);
  });

  it("lists every broken axis value of the file at once, in validate as in sweep, before running anything", () => {
    const expected = [
      'fixtures/sweep/bad-axes.yaml:37:5  sweep.axes["faults.chillers-trip.at"]  the value banana: "banana" is not a duration. Write a number with a unit: ms, s, m, h or d (e.g. 90s, 15m, 1h30m)',
      'fixtures/sweep/bad-axes.yaml:38:5  sweep.axes["region.plants[p9].chillers.standby"]  the value 1: no element with id "p9" in this list (ids: p1)',
    ];
    const validate = runCli(["validate", "fixtures/sweep/bad-axes.yaml"]);
    expect(validate.code).toBe(2);
    expect(validate.stderr).toBe(`${expected.join("\n")}\nfixtures/sweep/bad-axes.yaml: 2 problem(s)\n`);
    const sweep = runCli(["sweep", "fixtures/sweep/bad-axes.yaml", "--runs", "2", "--format", "json"]);
    expect(sweep.code).toBe(2);
    expect(sweep.stdout).toBe("");
    expect(sweep.stderr).toBe(`${expected.join("\n")}\n2 problem(s); nothing was run.\n`);
    // A value on the command line keeps its own place and names the --set.
    const cli = runCli(["sweep", AXES, "--runs", "2", "--set", "faults.chillers-trip.at=nope", "--set", "faults.chillers-trip.at=1h"]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain("(with --set faults.chillers-trip.at=nope)");
    expect(ok(runCli(["validate", AXES])).stdout).toContain("ok  fixtures/sweep/small-axes.yaml");
  });

  it("draws no progress bar when stderr is not a terminal", () => {
    expect(runCli(["sweep", A, "--runs", "3", "--format", "json"]).stderr).toBe("");
  });

  it("shows done, rate and ETA in its progress line", () => {
    expect(progressLine("sweep", 250, 1000, 10_000)).toBe("sweep ▕██████░░░░░░░░░░░░░░░░░░▏ 250/1000  25%  25.0 runs/s  ETA 0:30");
    expect(progressLine("sweep", 0, 10, 0)).toContain("ETA --:--");
  });
});

describe("outage-sim compare", () => {
  it("finds a known difference exactly on common random numbers: B removes a 30-minute fault", () => {
    const result = ok(runCli(["compare", A, B, "--runs", "30"]));
    expect(result.stdout).toMatch(/\nbatch +−30\.0 min \(95% CI −30\.0 to −30\.0\) +100% → 0%/);
    expect(result.stdout).toMatch(/\nweb +0\.0 min \(95% CI 0\.0 to 0\.0\)/);
    const json = JSON.parse(ok(runCli(["compare", A, B, "--runs", "30", "--format", "json"])).stdout) as { apps: { app: string; outageMinutes: { meanDiff: number; low: number; high: number; lower: number } }[] };
    expect(json.apps.find((a) => a.app === "batch")!.outageMinutes).toMatchObject({ meanDiff: -30, low: -30, high: -30, lower: 30 });
    expect(json.apps.find((a) => a.app === "web")!.outageMinutes).toMatchObject({ meanDiff: 0, low: 0, high: 0 });
  });

  it("compares one file with a --set-b variant, with an interval around a noisy difference", () => {
    const json = JSON.parse(ok(runCli(["compare", A, "--set-b", "faults.batch-down.duration=10m", "--set-b", "region.plants[p1].chillers.restartFailureProbability=0", "--runs", "30", "--format", "json", "--workers", "2"])).stdout) as { b: { overrides: string[] }; apps: { app: string; outageMinutes: { meanDiff: number; low: number; high: number } }[] };
    expect(json.b.overrides).toEqual(["faults.batch-down.duration=10m", "region.plants[p1].chillers.restartFailureProbability=0"]);
    expect(json.apps.find((a) => a.app === "batch")!.outageMinutes.meanDiff).toBe(-20);
    const web = json.apps.find((a) => a.app === "web")!.outageMinutes;
    expect(web.low).toBeLessThanOrEqual(web.meanDiff);
    expect(web.high).toBeGreaterThanOrEqual(web.meanDiff);
    expect(web.meanDiff).toBeLessThan(0);
  });

  it("gives the same comparison whatever the worker count, and refuses a comparison of nothing", () => {
    const one = ok(runCli(["compare", A, B, "--runs", "12", "--workers", "1", "--format", "markdown"]));
    const two = ok(runCli(["compare", A, B, "--runs", "12", "--workers", "2", "--format", "markdown"]));
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toContain("| batch | −30.0 min (95% CI −30.0 to −30.0) |");
    const nothing = runCli(["compare", A]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("nothing to compare");
  });
});
