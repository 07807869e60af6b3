import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

/** What a file, a device, a FIFO or a link at a path does to the tool's outputs and inputs. */

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "outage-sim-io-"));
}

const SCENARIO = `apiVersion: outage-sim/v1
kind: Scenario
name: io
title: one service forced down for ten minutes
horizon: 1h
region:
  services:
    api: {}
  apps:
    web: { dependsOn: [api] }
faults:
  api-down: { type: component:fail, target: api, at: 10m, duration: 10m }
`;

const TOPOLOGY = `apiVersion: outage-sim/v1
kind: Topology
region:
  services:
    api: {}
`;

function importing(target: string): string {
  return SCENARIO.replace("region:\n", `region:\n  import: ${target}\n`).replace("  services:\n    api: {}\n", "");
}

function mkfifo(path: string): boolean {
  return spawnSync("mkfifo", [path]).status === 0;
}

describe("--out", () => {
  it("writes a character device as a stream and leaves it a device (/dev/null)", () => {
    const before = statSync("/dev/null");
    const result = runCli(["run", "tencent-cooling", "--out", "/dev/null"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const after = statSync("/dev/null");
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.rdev).toBe(before.rdev);
  });

  it("writes through /dev/stdout to the process's own output (here a socket from the parent)", () => {
    const dir = scratch();
    const result = runCli(["run", join(dir, "s.yaml"), "--format", "json", "--out", "/dev/stdout"], {});
    // (no such scenario: exit 2 and nothing written)
    expect(result.code).toBe(2);
    writeFileSync(join(dir, "s.yaml"), SCENARIO);
    const ok = runCli(["run", join(dir, "s.yaml"), "--format", "json", "--out", "/dev/stdout"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).scenario.name).toBe("io");
  });

  it("refuses a FIFO nobody reads instead of blocking or replacing it", () => {
    const dir = scratch();
    const fifo = join(dir, "pipe");
    if (!mkfifo(fifo)) return;
    writeFileSync(join(dir, "s.yaml"), SCENARIO);
    const result = runCli(["run", join(dir, "s.yaml"), "--out", fifo]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/FIFO .*no process is reading/);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it("follows a symbolic link and writes its target, keeping the link", () => {
    const dir = scratch();
    writeFileSync(join(dir, "s.yaml"), SCENARIO);
    writeFileSync(join(dir, "target.txt"), "old\n");
    symlinkSync("target.txt", join(dir, "link.txt"));
    const result = runCli(["run", join(dir, "s.yaml"), "--out", join(dir, "link.txt")]);
    expect(result.code).toBe(0);
    expect(lstatSync(join(dir, "link.txt")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "target.txt"), "utf8")).toContain("one service forced down");
  });

  it("refuses a read-only file and leaves it as it was, even for root", () => {
    const dir = scratch();
    writeFileSync(join(dir, "s.yaml"), SCENARIO);
    const out = join(dir, "report.txt");
    writeFileSync(out, "keep me\n");
    chmodSync(out, 0o444);
    const result = runCli(["run", join(dir, "s.yaml"), "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("read-only");
    expect(readFileSync(out, "utf8")).toBe("keep me\n");
  });

  it("keeps the permissions of a file it replaces", () => {
    const dir = scratch();
    writeFileSync(join(dir, "s.yaml"), SCENARIO);
    const out = join(dir, "report.txt");
    writeFileSync(out, "old\n");
    chmodSync(out, 0o640);
    expect(runCli(["run", join(dir, "s.yaml"), "--out", out]).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o640);
  });

  it("removes the temporary files a killed earlier write left, and names its own recognisably", () => {
    const dir = scratch();
    writeFileSync(join(dir, "s.yaml"), SCENARIO);
    // A process id that is not running: one that has just exited.
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    const stale = join(dir, `.report.txt.outage-sim-${dead}.tmp`);
    writeFileSync(stale, "half a report");
    writeFileSync(join(dir, ".other.txt.outage-sim-1.tmp"), "not ours to clean: another target");
    const result = runCli(["run", join(dir, "s.yaml"), "--out", join(dir, "report.txt")]);
    expect(result.code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual([".other.txt.outage-sim-1.tmp", "report.txt", "s.yaml"]);
  });

  it("refuses a folder", () => {
    const dir = scratch();
    writeFileSync(join(dir, "s.yaml"), SCENARIO);
    const result = runCli(["run", join(dir, "s.yaml"), "--out", dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is a folder");
  });
});

describe("inputs", () => {
  it("refuses devices and FIFOs as scenario, part and baseline, at once and without reading them", () => {
    const dir = scratch();
    const fifo = join(dir, "pipe.yaml");
    const hasFifo = mkfifo(fifo);
    writeFileSync(join(dir, "s.yaml"), SCENARIO);
    const cases = [
      ["validate", "/dev/zero"],
      ["run", "/dev/zero"],
      ["merge", "/dev/zero"],
      ["check", join(dir, "s.yaml"), "--baseline", "/dev/zero"],
      ...(hasFifo ? [["validate", fifo], ["merge", fifo], ["check", join(dir, "s.yaml"), "--baseline", fifo]] : []),
    ];
    for (const args of cases) {
      const result = runCli(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toMatch(/not a regular file/);
      expect(result.stderr).not.toMatch(STACK_TRACE);
    }
  });

  it("refuses to import from outside the scenario's folder tree, and never prints what it would have read", () => {
    const dir = scratch();
    writeFileSync(join(dir, "passwd.yaml"), importing("/etc/passwd"));
    writeFileSync(join(dir, "zero.yaml"), importing("/dev/zero"));
    writeFileSync(join(dir, "up.yaml"), importing("../outside.yaml"));
    for (const file of ["passwd.yaml", "zero.yaml", "up.yaml"]) {
      const result = runCli(["validate", join(dir, file)]);
      expect(result.code, file).toBe(2);
      expect(result.stderr, file).toContain("outside the scenario's folder");
      expect(result.stderr, file).not.toContain("root:");
    }
  });

  it("refuses a link inside the folder that leads outside it", () => {
    const dir = scratch();
    symlinkSync("/etc/passwd", join(dir, "topology.yaml"));
    writeFileSync(join(dir, "s.yaml"), importing("topology.yaml"));
    const result = runCli(["validate", join(dir, "s.yaml")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("outside the scenario's folder");
    expect(result.stderr).not.toContain("root:");
  });

  it("describes an imported file that is not a topology without quoting it", () => {
    const dir = scratch();
    writeFileSync(join(dir, "secret.yaml"), "root:$6$salt$hash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n");
    writeFileSync(join(dir, "s.yaml"), importing("secret.yaml"));
    const result = runCli(["validate", join(dir, "s.yaml")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("it is not a topology file");
    expect(result.stderr).not.toContain("$6$");
    expect(result.stderr).not.toContain("daemon");
  });

  it("imports from a folder named with --import-root", () => {
    const dir = scratch();
    mkdirSync(join(dir, "shared"));
    mkdirSync(join(dir, "scenarios"));
    writeFileSync(join(dir, "shared", "topology.yaml"), TOPOLOGY);
    writeFileSync(join(dir, "scenarios", "s.yaml"), importing("../shared/topology.yaml"));
    expect(runCli(["validate", join(dir, "scenarios", "s.yaml")]).code).toBe(2);
    const allowed = runCli(["validate", join(dir, "scenarios", "s.yaml"), "--import-root", join(dir, "shared")]);
    expect(allowed.stderr).toBe("");
    expect(allowed.code).toBe(0);
  });

  it("counts imports against limits.maxImports, the same file imported again included", () => {
    const dir = scratch();
    writeFileSync(join(dir, "topology.yaml"), TOPOLOGY);
    const many = `[${Array.from({ length: 40 }, () => "topology.yaml").join(", ")}]`;
    writeFileSync(join(dir, "s.yaml"), importing(many));
    const result = runCli(["validate", join(dir, "s.yaml")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/s\.yaml:\d+:\d+ +region\.import\[32\] +more than 32 imports .*limits: \{ maxImports: N \}/);
    writeFileSync(join(dir, "s.yaml"), `${importing(many)}limits: { maxImports: 40 }\n`);
    expect(runCli(["validate", join(dir, "s.yaml")]).code).toBe(0);
  });
});
