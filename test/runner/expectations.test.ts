import { describe, expect, it } from "vitest";
import { transition } from "../support/transition.js";
import { LocalClock } from "../../src/model/core/local-clock.js";
import type { Transition } from "../../src/model/core/trace.js";
import { componentTimelines, evaluateChecks, stateAt, type CheckContext } from "../../src/runner/expectations.js";
import type { Run } from "../../src/runner/run.js";
import { runScenario } from "../../src/runner/run-scenario.js";
import { evaluateSteadyState, firstFaultAtMs } from "../../src/runner/steady-state.js";
import { normalizeExpectChecks, parseCheck } from "../../src/scenario/check-language.js";
import { loadScenario } from "../../src/scenario/load.js";
import { formatProblem } from "../../src/scenario/problem.js";
import { memoryReader } from "../../src/scenario/source.js";

/** Local time 01:00 at sim 0; db down 02:00–03:30 (payments down), cache at 60% 02:30–03:00 (contacts degraded). */
const SCENARIO = `apiVersion: outage-sim/v1
kind: Scenario
name: t
title: t
start: "2024-05-01T01:00:00+08:00"
horizon: 4h
region:
  services:
    db: {}
    api: { dependsOn: [db] }
    cache: {}
  apps:
    payments: { users: 1000, dependsOn: [api], symptoms: { down: "payment fails" } }
    contacts: { users: 100, dependsOn: [cache] }
faults:
  db-down: { type: component:fail, target: db, at: 1h, duration: 90m }
  cache-slow: { type: component:fail, target: cache, capacity: 0.6, at: 1h30m, duration: 30m }
`;

function load(text: string): ReturnType<typeof loadScenario> {
  return loadScenario("s.yaml", memoryReader({ "s.yaml": text }));
}

function problems(text: string): string[] {
  const result = load(text);
  return result.ok ? [] : result.problems.map(formatProblem);
}

const loaded = load(SCENARIO);
if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join("\n"));
const RUN: Run = runScenario(loaded.loaded.scenario);
const CONTEXT: CheckContext = { impacts: RUN.impacts, acknowledgedLost: RUN.data.acknowledgedLost, clock: new LocalClock(RUN.start), trace: RUN.trace, series: RUN.series };

/** Evaluates one written check against the run above. */
function verdict(check: string, severity: "critical" | "warning" = "critical"): { passed: boolean; actual: string } {
  const parsed = parseCheck(check);
  if (!parsed.ok) throw new Error(parsed.message);
  const [v] = evaluateChecks(normalizeExpectChecks([{ name: "c", check, severity }]), CONTEXT);
  return { passed: v!.passed, actual: v!.actual };
}

describe("the check language: parsing", () => {
  it("parses each form into its own kind", () => {
    const kinds = [
      "app.payments.recoveredAt in [03:00, 04:00]",
      "component.payments.state == down at 02:30",
      "app.payments.successRatio >= 0.99 over [01:00, 01:59]",
      "mean(app.contacts.successRatio) >= 0.8 over [02:00, 03:00]",
      "api recovers after db",
    ].map((text) => {
      const parsed = parseCheck(text);
      return parsed.ok ? parsed.expr.kind : parsed.message;
    });
    expect(kinds).toEqual(["compare", "state", "compare", "compare", "order"]);
  });

  it("fills the second event of an order check from the first", () => {
    const parsed = parseCheck("cos-gz recovers after cvm-gz");
    expect(parsed.ok && parsed.expr.kind === "order" && parsed.expr.second).toEqual({ component: "cvm-gz", event: "recovers" });
  });

  it("keeps the messages of plain conditions unchanged", () => {
    const parsed = parseCheck("app.shop.outageMinutes ~ 5");
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain("is not a condition");
  });

  it.each([
    ["app.x.successRatio >= 0.9 over [02:00]", "a window is written `over [HH:MM, HH:MM]`"],
    ["mean(app.x.successRatio) >= 0.9", "mean(…) folds a window. Add `over [HH:MM, HH:MM]`"],
    ["median(app.x.successRatio) >= 0.9 over [02:00, 03:00]", "\"median\" is not a function of the check language"],
    ["component.db.state == down", "a state check says when: add `at HH:MM`"],
    ["component.db.state ~ down at 02:00", "a state check compares with == != or in [..]"],
    ["app.x.successRatio >= 0.9 at 25:00", "\"25:00\" is not a clock time"],
    ["db finishes after api", "is not an order check"],
    ["db recovers after db", "an order check compares two different events"],
    ["", "the check is empty"],
  ])("rejects %j with a sentence and a fix", (text, message) => {
    const parsed = parseCheck(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(message);
  });
});

describe("the check language: evaluation, each form passing and failing", () => {
  it("values of the finished run: app fields, run totals, data, component times", () => {
    expect(verdict("app.payments.recoveredAt in [03:00, 04:00]")).toEqual({ passed: true, actual: "03:30" });
    expect(verdict("app.payments.outageMinutes == 90")).toEqual({ passed: true, actual: "90" });
    expect(verdict("app.payments.outageMinutes <= 60")).toEqual({ passed: false, actual: "90" });
    expect(verdict("run.impactedApps == 2")).toEqual({ passed: true, actual: "2" });
    expect(verdict("run.userMinutesLost == 91200")).toEqual({ passed: true, actual: "91200" });
    expect(verdict("run.lastRecoveryAt <= 03:00")).toEqual({ passed: false, actual: "03:30" });
    expect(verdict("data.acknowledgedLost == 0")).toEqual({ passed: true, actual: "0" });
    expect(verdict("component.db.firstFailureAt == 02:00")).toEqual({ passed: true, actual: "02:00" });
    expect(verdict("component.api.recoveredAt < 03:00")).toEqual({ passed: false, actual: "03:30" });
  });

  it("the data ledger's counts, in all and per component, 0 for a component with no entries", () => {
    const dataTotals = [
      { component: "db", unit: "records", written: 1000, lost: 0, delayed: 0, corrupted: 30, repaired: 10, acknowledgedLost: 20 },
      { component: "db", unit: "writes", written: 500, lost: 5, delayed: 7, corrupted: 0, repaired: 0, acknowledgedLost: 5 },
      { component: "api", unit: "objects", written: 100, lost: 2, delayed: 0, corrupted: 0, repaired: 0, acknowledgedLost: 2 },
    ];
    const withData = (check: string) => {
      const parsed = parseCheck(check);
      if (!parsed.ok) throw new Error(parsed.message);
      return evaluateChecks([{ name: "d", expr: parsed.expr, text: check, severity: "critical" }], { ...CONTEXT, dataTotals })[0]!;
    };
    expect(withData("data.db.corrupted == 30")).toMatchObject({ passed: true, actual: "30" });
    expect(withData("data.db.acknowledgedLost == 25")).toMatchObject({ passed: true, actual: "25" });
    expect(withData("data.db.delayed > 7")).toMatchObject({ passed: false, actual: "7" });
    expect(withData("data.lost == 7")).toMatchObject({ passed: true, actual: "7" });
    expect(withData("data.repaired == 10")).toMatchObject({ passed: true, actual: "10" });
    expect(withData("data.payments.lost == 0")).toMatchObject({ passed: true, actual: "0" });
  });

  it("a component's state at a time, including before its first change and the failed/nominal keywords", () => {
    expect(verdict("component.payments.state == down at 02:30")).toEqual({ passed: true, actual: "down" });
    expect(verdict("component.payments.state == healthy at 01:30")).toEqual({ passed: true, actual: "healthy" });
    expect(verdict("component.payments.state == healthy at 02:30")).toEqual({ passed: false, actual: "down" });
    expect(verdict("component.contacts.state in [degraded, down] at 02:45").passed).toBe(true);
    expect(verdict("component.contacts.state != degraded at 02:45").passed).toBe(false);
    expect(verdict("component.db.state == failed at 02:30").passed).toBe(true);
    expect(verdict("component.db.state == nominal at 04:00").passed).toBe(true);
  });

  it("a sampled metric over a window: every sample must hold, and the first breaking sample is named", () => {
    expect(verdict("app.payments.successRatio >= 0.99 over [01:00, 01:59]")).toEqual({ passed: true, actual: "held at all 60 samples" });
    const broken = verdict("app.payments.successRatio >= 0.99 over [01:00, 02:30]");
    expect(broken.passed).toBe(false);
    expect(broken.actual).toBe("0 at 02:00 (31 of 91 samples broke it)");
  });

  it("a window folded by mean, min or max", () => {
    // 02:00–02:29 at 1, 02:30–02:59 at 0.6, 03:00 at 1 again: (31 + 18) / 61.
    expect(verdict("mean(app.contacts.successRatio) >= 0.8 over [02:00, 03:00]")).toEqual({ passed: true, actual: "mean 0.8033" });
    expect(verdict("mean(app.contacts.successRatio) >= 0.9 over [02:00, 03:00]")).toEqual({ passed: false, actual: "mean 0.8033" });
    expect(verdict("min(app.contacts.successRatio) > 0.5 over [02:00, 03:00]").actual).toBe("min 0.6");
    expect(verdict("max(service.db.capacity) < 0.1 over [02:00, 03:00]")).toEqual({ passed: true, actual: "max 0" });
  });

  it("a sampled metric at a time, and wildcards naming each failing match", () => {
    expect(verdict("app.payments.successRatio == 0 at 02:30")).toEqual({ passed: true, actual: "0" });
    expect(verdict("service.db.capacity > 0.5 at 02:30")).toEqual({ passed: false, actual: "0 at 02:30" });
    const all = verdict("app.*.successRatio >= 0.5 over [02:00, 03:00]");
    expect(all.passed).toBe(false);
    expect(all.actual).toBe("payments: 0 at 02:00 (61 of 61 samples broke it)");
    expect(verdict("app.*.successRatio >= 0.5 over [01:00, 01:30]")).toEqual({ passed: true, actual: "all 2 hold" });
  });

  it("the order of events, ties within a millisecond going by the trace (cause before effect)", () => {
    expect(verdict("api recovers after db").passed).toBe(true);
    expect(verdict("db recovers after api").passed).toBe(false);
    expect(verdict("payments fails before contacts")).toEqual({ passed: true, actual: "payments fails 02:00:00, contacts fails 02:30:00" });
    expect(verdict("contacts recovers before payments").passed).toBe(true);
    expect(verdict("contacts fails before payments").passed).toBe(false);
  });

  it("an event that never happened fails the order check and says so", () => {
    const trace: Transition[] = [transition({ id: 0, atMs: 10, component: "a", layer: "cloud", from: "healthy", to: "down", causes: [] })];
    const [v] = evaluateChecks(normalizeExpectChecks([{ name: "o", check: "a recovers after b", severity: "critical" }]), { ...CONTEXT, trace });
    expect(v).toMatchObject({ passed: false, actual: "a did not recover, b never failed" });
  });

  it("keeps accepting the pre-language check form (a bare condition)", () => {
    const parsed = parseCheck("app.payments.outageMinutes == 90");
    if (!parsed.ok || parsed.expr.kind !== "compare") throw new Error("unexpected");
    const [v] = evaluateChecks([{ name: "old", condition: parsed.expr.condition, severity: "critical" }], { impacts: RUN.impacts, acknowledgedLost: 0, clock: CONTEXT.clock });
    expect(v).toMatchObject({ name: "old", passed: true, check: "app.payments.outageMinutes == 90" });
  });

  it("reports a failed warning as failed, with its severity", () => {
    const [v] = evaluateChecks(normalizeExpectChecks([{ name: "w", check: "app.payments.impacted == 0", severity: "warning" }]), CONTEXT);
    expect(v).toMatchObject({ passed: false, severity: "warning", actual: "1" });
  });
});

describe("component timelines", () => {
  it("orders components by first failure and finds each recovery", () => {
    const rows = componentTimelines(RUN.trace).map((t) => [t.component, t.firstFailureAtMs, t.recoveredAtMs]);
    expect(rows).toEqual([
      ["db", 3_600_000, 9_000_000],
      ["api", 3_600_000, 9_000_000],
      ["payments", 3_600_000, 9_000_000],
      ["cache", 5_400_000, 7_200_000],
      ["contacts", 5_400_000, 7_200_000],
    ]);
  });

  it("tracks two state lines of one component apart, and counts standby ↔ running as at work", () => {
    const t = (id: number, atMs: number, component: string, from: string, to: string): Transition => transition({ id, atMs, component, layer: "facility", from, to, causes: [] });
    const trace = [
      t(0, 10, "hall", "cooling full", "cooling none"),
      t(1, 20, "hall", "normal", "above 35 °C"),
      t(2, 30, "hall", "cooling none", "cooling full"),
      t(3, 40, "hall", "above 35 °C", "normal"),
      t(4, 10, "ch", "standby", "tripped"),
      t(5, 50, "ch", "tripped", "running"),
    ];
    expect(componentTimelines(trace).map((x) => [x.component, x.firstFailureAtMs, x.recoveredAtMs])).toEqual([["hall", 10, 40], ["ch", 10, 50]]);
    expect(stateAt(trace, "hall", 35)).toEqual({ label: "cooling full", failed: true });
    expect(stateAt(trace, "hall", 5)).toEqual({ label: "cooling full", failed: false });
    expect(stateAt(trace, "nobody", 5)).toEqual({ label: "healthy", failed: false });
  });

  it("a component that fails again after recovering is not recovered until it is back", () => {
    const t = (id: number, atMs: number, from: string, to: string): Transition => transition({ id, atMs, component: "x", layer: "cloud", from, to, causes: [] });
    const trace = [t(0, 1, "healthy", "down"), t(1, 2, "down", "healthy"), t(2, 3, "healthy", "degraded")];
    expect(componentTimelines(trace)[0]).toMatchObject({ firstFailureAtMs: 1, recoveredAtMs: null });
  });
});

describe("steady state", () => {
  const steady = (check: string, severity: "critical" | "warning" = "critical") => evaluateSteadyState(normalizeExpectChecks([{ name: "s", check, severity }]), RUN);

  it("is checked at every sample before the first fault", () => {
    expect(firstFaultAtMs(RUN)).toBe(3_600_000);
    const result = steady("app.*.successRatio >= 0.999");
    expect(result).toMatchObject({ held: true, beforeMs: 3_600_000 });
    expect(result.verdicts[0]).toMatchObject({ passed: true, actual: "all 2 hold" });
  });

  it("does not count the sample taken at the fault's own millisecond", () => {
    expect(steady("service.db.capacity == 1").held).toBe(true);
  });

  it("fails when a sample before the first fault breaks it; a failed warning does not break the steady state", () => {
    const result = steady("service.db.capacity > 1");
    expect(result.held).toBe(false);
    expect(result.verdicts[0]!.actual).toBe("1 at 01:00 (60 of 60 samples broke it)");
    expect(steady("service.db.capacity > 1", "warning").held).toBe(true);
  });
});

describe("the check rules at load time: located errors", () => {
  const withChecks = (block: string): string[] => problems(`${SCENARIO}expect:\n${block}`);

  it("accepts every form on a sound scenario", () => {
    expect(withChecks(`  steadyState:
    - { name: serving, check: "app.*.successRatio >= 0.999" }
  outcome:
    - { name: a, check: "app.payments.recoveredAt in [03:00, 04:00]" }
    - { name: b, check: "component.payments.state == down at 02:30" }
    - { name: c, check: "app.payments.successRatio >= 0.99 over [01:00, 01:59]" }
    - { name: d, check: "mean(app.contacts.successRatio) >= 0.8 over [02:00, 03:00]" }
    - { name: e, check: "api recovers after db" }
    - { name: f, check: "run.userMinutesLost < 100000" }
    - { name: g, check: "component.db.recoveredAt <= 03:30" }
    - { name: h, check: "data.db.corrupted == 0" }
    - { name: i, check: "data.payments.acknowledgedLost == 0" }
    - { name: j, check: "data.delayed == 0" }
`)).toEqual([]);
  });

  it.each([
    ["app.pay.successRatio >= 0.9 over [02:00, 03:00]", "unknown app \"pay\". Known apps: contacts, payments"],
    ["app.payments.successRatio >= 0.9", "app.payments.successRatio is sampled: say when, with `at HH:MM` or `over [HH:MM, HH:MM]`"],
    ["service.db.capacity >= 0.9", "service.db.capacity is sampled: say when"],
    ["app.payments.successRatio >= 0.9 over [03:00, 02:00]", "the window [03:00, 02:00] ends before it starts"],
    ["app.payments.successRatio >= 0.9 at 23:00", "23:00 is after the horizon (the run ends at 05:00)"],
    ["hall.h9.inletCelsius < 40 at 02:00", "\"hall.h9.inletCelsius\" is not a sampled metric"],
    ["component.dbb.state == down at 02:00", "unknown component \"dbb\". Did you mean \"db\"?"],
    ["component.db.stat == down", "unknown component field \"stat\""],
    ["apii recovers after db", "unknown component \"apii\". Did you mean \"api\"?"],
    ["run.userMinutes > 1", "unknown run field \"userMinutes\". Known fields: impactedApps, lastRecoveryAt, userMinutesLost"],
    ["run.lastRecoveryAt > 5", "run.lastRecoveryAt is a local clock time. Compare it with HH:MM"],
    ["data.lots == 0", "unknown data field \"lots\". Did you mean \"lost\"?"],
    ["data.dbb.lost == 0", "unknown component \"dbb\": data is recorded for services and apps. Did you mean \"db\"?"],
    ["data.db.corupted == 0", "unknown data field \"corupted\". Did you mean \"corrupted\"?"],
    ["data.db.lost <= 02:00", "data.db.lost is a number. Compare it with a number"],
    ["app.payments.successRatio >= 02:00 at 02:00", "app.payments.successRatio is a number. Compare it with a number"],
  ])("outcome %j → %s", (check, message) => {
    const found = withChecks(`  outcome:\n    - { name: x, check: "${check.replace(/"/g, '\\"')}" }\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^s\.yaml:\d+:\d+ {2}expect\.outcome\[0\]\.check {2}/);
    expect(found[0]).toContain(message);
  });

  it("steady-state checks are plain comparisons of sampled metrics", () => {
    const found = withChecks(`  steadyState:\n    - { name: x, check: "app.payments.successRatio >= 0.9 at 01:30" }\n    - { name: y, check: "app.payments.outageMinutes == 0" }\n`);
    expect(found).toHaveLength(2);
    expect(found[0]).toContain("expect.steadyState[0].check  a steady-state check compares a sampled metric with a number, with no time");
    expect(found[1]).toContain("expect.steadyState[1].check  \"app.payments.outageMinutes\" is not a sampled metric");
  });

  it("a steady state needs time before the first fault", () => {
    const found = problems(`${SCENARIO.replace("at: 1h, duration: 90m", "at: 0s, duration: 90m")}expect:\n  steadyState:\n    - { name: x, check: "app.*.successRatio >= 0.99" }\n`);
    expect(found).toEqual([expect.stringContaining("expect.steadyState  the first fault strikes at 0s, so there is no time to check the steady state")]);
  });

  it("names are unique across steadyState and outcome", () => {
    const found = withChecks(`  steadyState:\n    - { name: x, check: "app.*.successRatio >= 0.99" }\n  outcome:\n    - { name: x, check: "data.acknowledgedLost == 0" }\n`);
    expect(found).toEqual([expect.stringContaining("expect.outcome[0].name  check name \"x\" is used twice")]);
  });
});
