import { describe, expect, it } from "vitest";
import { runScenario } from "../../../src/runner/run-scenario.js";
import { loadScenario } from "../../../src/scenario/load.js";
import { formatProblem } from "../../../src/scenario/problem.js";
import { memoryReader } from "../../../src/scenario/source.js";
import type { Run } from "../../../src/runner/run.js";

// Whole runs, in process: the data faults and actions through the schema, the rules, the runner and the ledger.

const BASE = `apiVersion: outage-sim/v1
kind: Scenario
name: data-e2e
title: corrupted writes on a constant load
horizon: 4h
region:
  services:
    api: { capacityRps: 2000 }
    old-store: {}
    new-store: {}
  apps:
    web:
      users: 100000
      dependsOn: [api]
      load: { peakRps: 1000 }
`;

function load(text: string) {
  return loadScenario("s.yaml", memoryReader({ "s.yaml": text }));
}

function run(text: string): Run {
  const loaded = load(text);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join("\n"));
  return runScenario(loaded.loaded.scenario);
}

function problems(text: string): string[] {
  const loaded = load(text);
  return loaded.ok ? [] : loaded.problems.map(formatProblem);
}

const PARTNER_AND_NODE = `${BASE}faults:
  partner: { type: data:corrupt-writes, app: web, perMille: 2, source: partner, at: 1h }
  node: { type: data:corrupt-writes, app: web, perMille: 1, source: node, at: 1h }
`;

describe("data faults through a whole run", () => {
  it("count corrupted records exactly for a constant rate: 1,000 requests/s at 2‰ for an hour is 7,200", () => {
    const r = run(`${BASE}faults:\n  partner: { type: data:corrupt-writes, app: web, perMille: 2, source: partner, at: 1h, duration: 1h }\n`);
    expect(r.data.acknowledgedLost).toBe(7_200);
    const cleared = r.trace.find((t) => t.component === "partner" && t.to === "cleared");
    expect(cleared?.atMs).toBe(2 * 3_600_000);
    expect(cleared?.detail).toContain("7,200 records corrupted");
    expect(r.impacts[0]?.impacted).toBe(false);
  });

  it("a partner's fix stops its stream but not the node's, which runs to the end of the run", () => {
    const r = run(`${PARTNER_AND_NODE}operators:\n  fix: { at: 2h, do: { action: fix-partner-format, fault: partner } }\n`);
    expect(r.data.acknowledgedLost).toBe(7_200 + 3 * 3_600);
    expect(r.trace.filter((t) => t.to === "cleared").map((t) => t.component)).toEqual(["partner"]);
  });

  it("removing the node stops its stream, and the records' line goes dirty", () => {
    const r = run(`${PARTNER_AND_NODE}operators:
  fix: { at: 2h, do: { action: fix-partner-format, fault: partner } }
  out: { at: 3h, do: { action: remove-node, fault: node } }
`);
    expect(r.data.acknowledgedLost).toBe(7_200 + 2 * 3_600);
    const line = r.trace.filter((t) => t.component === "web" && t.layer === "app").map((t) => t.to);
    expect(line).toEqual(["corrupting", "dirty"]);
    const out = r.trace.find((t) => t.component === "node" && t.to === "cleared");
    expect(r.trace[out!.causes[0]!]?.component).toBe("out");
  });

  it("repairs bring acknowledgedLost back to 0, and the check language sees it", () => {
    const r = run(`${PARTNER_AND_NODE}operators:
  fix: { at: 2h, do: { action: fix-partner-format, fault: partner } }
  out: { at: 3h, do: { action: remove-node, fault: node } }
  repair: { at: 3h, do: { action: repair-records, app: web, over: 30m } }
expect:
  outcome:
    - { name: nothing-lost, check: "data.acknowledgedLost == 0" }
    - { name: repairing, check: "component.web.state == repairing at 03:15" }
    - { name: clean-again, check: "component.web.recoveredAt == 03:30" }
`);
    expect(r.data.acknowledgedLost).toBe(0);
    expect(r.verdicts.map((v) => [v.name, v.passed])).toEqual([["nothing-lost", true], ["repairing", true], ["clean-again", true]]);
  });

  it("a repair of half the records leaves half of them lost", () => {
    const r = run(`${BASE}faults:
  partner: { type: data:corrupt-writes, app: web, perMille: 2, source: partner, at: 1h, duration: 1h }
operators:
  half: { at: 3h, do: { action: repair-records, app: web, fraction: 0.5 } }
`);
    expect(r.data.acknowledgedLost).toBe(3_600);
  });

  it("a service's writes are its writesPerSecond times its capacity", () => {
    const r = run(`${BASE}faults:
  dip: { type: component:fail, target: old-store, capacity: 0.5, at: 0s }
  bad: { type: data:corrupt-writes, service: old-store, writesPerSecond: 100, perMille: 10, source: node, at: 0s }
`);
    expect(r.data.acknowledgedLost).toBe(100 * 0.5 * 4 * 3_600 * 0.01);
  });
});

describe("migrations through a whole run", () => {
  const migration = (verify: boolean): string => `${BASE}faults:
  move: { type: data:migration, from: old-store, to: new-store, objects: 1.0e6, copyFailurePerMille: 2, verifyBeforeDelete: ${verify}, over: 2h, at: 30m }
`;

  it("deleting sources before verification loses objects × rate, attributed to the source store", () => {
    const r = run(migration(false));
    expect(r.data.acknowledgedLost).toBe(2_000);
    const lost = r.trace.find((t) => t.component === "old-store" && t.to === "lost");
    expect(lost?.atMs).toBe(2.5 * 3_600_000);
    expect(lost?.detail).toContain("would have been kept with verify-before-delete");
    expect(r.trace.filter((t) => t.component === "move").map((t) => t.to)).toEqual(["injected", "copying", "copied", "sources deleted", "verified"]);
  });

  it("verifying before deleting loses nothing, and the --set what-if gives the same", () => {
    expect(run(migration(true)).data.acknowledgedLost).toBe(0);
    const r = run(migration(true));
    expect(r.trace.filter((t) => t.component === "move").map((t) => t.to)).toEqual(["injected", "copying", "copied", "re-copying", "verified", "sources deleted"]);
  });
});

describe("rules on data faults and actions", () => {
  it("locate unknown names with a fix", () => {
    const found = problems(`${BASE}faults:
  bad: { type: data:corrupt-writes, app: webb, perMille: 2, source: partner, at: 1h }
  move: { type: data:migration, from: old-stor, to: new-store, objects: 10, copyFailurePerMille: 1, verifyBeforeDelete: false, over: 1h, at: 1h }
operators:
  fix: { at: 2h, do: { action: fix-partner-format, fault: badd } }
  repair: { at: 2h, do: { action: repair-records, app: web } }
`);
    expect(found.some((p) => p.includes("faults.bad.app") && p.includes('unknown app "webb"') && p.includes('Did you mean "web"'))).toBe(true);
    expect(found.some((p) => p.includes("faults.move.from") && p.includes('Did you mean "old-store"'))).toBe(true);
    expect(found.some((p) => p.includes("operators.fix.do.fault") && p.includes('Did you mean "bad"'))).toBe(true);
    expect(found.every((p) => /^s\.yaml:\d+:\d+ /.test(p))).toBe(true);
  });

  it("refuse perMille out of range, the wrong action for a source, and a duration on a node", () => {
    const found = problems(`${BASE}faults:
  partner: { type: data:corrupt-writes, app: web, perMille: 1500, source: partner, at: 1h }
  node: { type: data:corrupt-writes, app: web, perMille: 0, source: node, at: 1h, duration: 1h }
operators:
  wrong: { at: 2h, do: { action: remove-node, fault: partner } }
`);
    expect(found.some((p) => p.includes("faults.partner.perMille") && p.includes("out of range"))).toBe(true);
    expect(found.some((p) => p.includes("faults.node.perMille") && p.includes("out of range"))).toBe(true);
    expect(found.some((p) => p.includes("faults.node.duration") && p.includes("remove-node"))).toBe(true);
    expect(found.some((p) => p.includes("operators.wrong.do.fault") && p.includes("fix-partner-format"))).toBe(true);
  });

  it("need a write rate, one target, and something to repair", () => {
    const found = problems(`${BASE}faults:
  svc: { type: data:corrupt-writes, service: old-store, perMille: 1, source: node, at: 1h }
  both: { type: data:corrupt-writes, app: web, service: api, perMille: 1, source: node, at: 1h }
operators:
  repair: { at: 2h, do: { action: repair-records, service: new-store } }
`);
    expect(found.some((p) => p.includes("faults.svc") && p.includes("writesPerSecond"))).toBe(true);
    expect(found.some((p) => p.includes("faults.both") && p.includes("exactly one of app or service"))).toBe(true);
    expect(found.some((p) => p.includes("operators.repair.do") && p.includes("nothing to repair"))).toBe(true);
  });
});
