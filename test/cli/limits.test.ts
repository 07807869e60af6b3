import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reportInternalError } from "../../src/cli/exit-codes.js";
import { runCli } from "../support/cli.js";

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "outage-sim-limits-"));
}

describe("a run ends within its work budget", () => {
  it("stops 2,000 conditions checked every second for a year with exit 3 and the key that raises it (each check counts)", () => {
    const dir = scratch();
    const steps = Array.from({ length: 2000 }, (_, i) => `  s${i}: { when: "app.web.successRatio < 0", do: { action: restore, target: api } }`).join("\n");
    writeFileSync(join(dir, "s.yaml"), `apiVersion: outage-sim/v1
kind: Scenario
name: busy
title: conditions that never hold, checked every second
horizon: 366d
monitoring: { scrapeInterval: 1s, sampleInterval: 1h }
limits: { maxWork: 5000000 }
region:
  services:
    api: {}
  apps:
    web: { dependsOn: [api] }
operators:
${steps}
`);
    const result = runCli(["run", join(dir, "s.yaml"), "--format", "json"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("the work budget (limits.maxWork");
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(JSON.parse(result.stdout).stop.reason).toBe("work-budget");
  });

  it("stops a breaker flapping every second for a year (it ran out of heap before the event budget stopped it)", () => {
    const result = runCli([
      "run", "avatar-migration", "--horizon", "366d", "--format", "json",
      "--set", "monitoring.sampleInterval=10m", "--set", "limits.maxWork=20000000",
      "--set", "region.apps.avatar-change.client.circuitBreaker.openFor=1s",
      "--set", "faults.migration-sync-lag.duration=366d",
      "--set", "faults.users-tap-again.duration=366d",
    ]);
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout) as { stop: { reason: string }; trace: unknown[] };
    expect(report.stop.reason).toBe("work-budget");
    expect(report.trace.length).toBeLessThanOrEqual(20_000);
  });

  it("refuses, before allocating them, series a command-line horizon makes too large", () => {
    const result = runCli(["run", "tencent-cooling", "--horizon", "366d", "--set", "monitoring.sampleInterval=1s"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^outage-sim: the series would hold [\d,]+ values \([\d,]+ samples × \d+ metrics\); the limit is 4,000,000\. Raise it with `limits: \{ maxSeriesValues: N \}`/);
    expect(result.stdout).toBe("");
  });
});

describe("an internal error", () => {
  it("is one line with the seed and a request to report it; the stack only with --debug", () => {
    const lines: string[] = [];
    const code = reportInternalError(new Error("boom"), 42, false, { err: (t) => lines.push(t) });
    expect(code).toBe(70);
    expect(lines.join("")).toBe("outage-sim: internal error with seed 42. This is a bug in outage-sim: please report it with the scenario file and this command line (add --debug to see the details).\n");
    const debug: string[] = [];
    reportInternalError(new Error("boom"), 42, true, { err: (t) => debug.push(t) });
    expect(debug.join("")).toMatch(STACK_TRACE);
  });
});
