import { describe, expect, it } from "vitest";
import { BASELINE_VERSION, createBaseline, parseBaseline, renderBaseline, type Baseline, type BaselineApp } from "../../src/runner/baseline.js";
import { diffBaselines, renderBaselineDiff, type BaselineDiff } from "../../src/runner/baseline-diff.js";
import { runScenario } from "../../src/runner/run-scenario.js";
import { baselinePathFor, casesOf, exitCodeOf, isScenarioText, suiteExitCode, type ScenarioOutcome } from "../../src/runner/test-suite.js";
import { loadScenario } from "../../src/scenario/load.js";
import { memoryReader } from "../../src/scenario/source.js";

const MIN = 60_000;

const SCENARIO = `apiVersion: outage-sim/v1
kind: Scenario
name: t
title: t
start: "2024-05-01T01:00:00+08:00"
horizon: 4h
region:
  services: { db: {}, api: { dependsOn: [db] } }
  apps: { payments: { users: 1000, dependsOn: [api], symptoms: { down: "payment fails" } } }
faults:
  db-down: { type: component:fail, target: db, at: 1h, duration: 95m }
`;

function app(overrides: Partial<BaselineApp> & { app: string }): BaselineApp {
  return { impacted: true, symptom: "down", firstImpactAtMs: 60 * MIN, recoveredAtMs: 155 * MIN, outageMinutes: 95, worstSuccessRatio: 0.5, userMinutesLost: 1000, ...overrides };
}

/** A hand-made baseline: payments out 02:00–03:35 (local, start 01:00), contacts out 30 min, cos failing 02:00–03:00. */
function baseline(overrides: Partial<Baseline> = {}): Baseline {
  return {
    baselineVersion: BASELINE_VERSION,
    scenario: "s",
    seed: 1,
    start: "2024-05-01T01:00:00+08:00",
    horizonMs: 360 * MIN,
    apps: [app({ app: "payments" }), app({ app: "contacts", outageMinutes: 30, recoveredAtMs: 90 * MIN }), app({ app: "avatars", impacted: false, symptom: "", firstImpactAtMs: null, recoveredAtMs: null, outageMinutes: 0, worstSuccessRatio: 1, userMinutesLost: 0 })],
    components: [{ component: "cos", layer: "cloud", firstFailureAtMs: 60 * MIN, recoveredAtMs: 120 * MIN }],
    data: { acknowledgedLost: 0 },
    verdicts: [{ name: "pay-back", severity: "critical", passed: true, actual: "03:35" }, { name: "soft", severity: "warning", passed: true, actual: "0" }],
    ...overrides,
  };
}

function withApp(base: Baseline, id: string, change: Partial<BaselineApp>): Baseline {
  return { ...base, apps: base.apps.map((a) => (a.app === id ? { ...a, ...change } : a)) };
}

function lines(diff: BaselineDiff): string[] {
  return diff.items.map((i) => `${i.status}: ${i.text}`);
}

describe("the baseline: a run's cascade signature", () => {
  const loaded = loadScenario("s.yaml", memoryReader({ "s.yaml": SCENARIO }));
  if (!loaded.ok) throw new Error("fixture scenario invalid");
  const run = runScenario(loaded.loaded.scenario);

  it("keeps per-app impact, the ordered first failure and recovery of each component, data and verdicts", () => {
    const b = createBaseline(run);
    expect(b).toMatchObject({ baselineVersion: 1, scenario: "t", seed: 1, horizonMs: 240 * MIN, data: { acknowledgedLost: 0 } });
    expect(b.apps).toEqual([{ app: "payments", impacted: true, symptom: "payment fails", firstImpactAtMs: 60 * MIN, recoveredAtMs: 155 * MIN, outageMinutes: 95, worstSuccessRatio: 0, userMinutesLost: 95_000 }]);
    expect(b.components.map((c) => [c.component, c.layer, c.firstFailureAtMs, c.recoveredAtMs])).toEqual([
      ["db", "cloud", 60 * MIN, 155 * MIN],
      ["api", "cloud", 60 * MIN, 155 * MIN],
      ["payments", "app", 60 * MIN, 155 * MIN],
    ]);
  });

  it("renders stable bytes with nothing volatile, and reads back to the same baseline", () => {
    const text = renderBaseline(createBaseline(run));
    expect(text).toBe(renderBaseline(createBaseline(runScenario(loaded.loaded.scenario))));
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).not.toMatch(/eventsProcessed|"id"|causes|detail/);
    expect(text).toContain('"recoveredAt": "03:35:00"');
    const parsed = parseBaseline(text);
    expect(parsed).toEqual({ ok: true, baseline: createBaseline(run) });
  });

  it.each([
    ["{ nope", "it is not valid JSON"],
    ["[]", "it is not a JSON object"],
    ["{}", "it has no baselineVersion, so it is not an outage-sim baseline"],
    ['{"baselineVersion": 9}', "it is baseline version 9, newer than this outage-sim reads (1)"],
    ['{"baselineVersion": "1"}', "baselineVersion \"1\" is not one this outage-sim reads (1)"],
  ])("refuses %j: %s", (text, message) => {
    const parsed = parseBaseline(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(message);
  });

  it("names the field that is wrong", () => {
    const doc = JSON.parse(renderBaseline(baseline()));
    doc.apps[1].outageMinutes = "thirty";
    expect(parseBaseline(JSON.stringify(doc))).toEqual({ ok: false, message: "baseline.apps[1].outageMinutes should be a number" });
    delete doc.components;
    doc.apps[1].outageMinutes = 30;
    expect(parseBaseline(JSON.stringify(doc))).toEqual({ ok: false, message: "baseline.components should be a list but is missing" });
  });
});

describe("the semantic diff", () => {
  it("finds nothing between a baseline and itself", () => {
    const diff = diffBaselines(baseline(), baseline());
    expect(diff).toEqual({ items: [], regressions: 0, improvements: 0, withinTolerance: 0 });
    expect(renderBaselineDiff(diff)).toBe("  no difference from the baseline\n0 regressions beyond tolerance, 0 improvements, 0 within tolerance, 0 differences in all\n");
  });

  it("reads a longer outage and a later recovery as worse", () => {
    const after = withApp(baseline(), "payments", { outageMinutes: 120, recoveredAtMs: 180 * MIN });
    const diff = diffBaselines(baseline(), after);
    expect(lines(diff)).toEqual([
      "regression: payments: outage 95 → 120 min (+25 min, worse)",
      "regression: payments: recovered 03:35 → 04:00 (+25 min, worse)",
    ]);
    expect(diff.regressions).toBe(2);
  });

  it("reads an app no longer impacted, a shorter outage and a component that no longer fails as better", () => {
    let after = withApp(baseline(), "contacts", { impacted: false, symptom: "", firstImpactAtMs: null, recoveredAtMs: null, outageMinutes: 0 });
    after = withApp(after, "payments", { outageMinutes: 80, recoveredAtMs: 140 * MIN });
    after = { ...after, components: [] };
    const diff = diffBaselines(baseline(), after);
    expect(lines(diff)).toEqual([
      "better: payments: outage 95 → 80 min (−15 min, better)",
      "better: payments: recovered 03:35 → 03:20 (−15 min, better)",
      "better: contacts: no longer impacted (better)",
      "better: cos: no longer fails (was 02:00) (better)",
    ]);
    expect(diff).toMatchObject({ regressions: 0, improvements: 4 });
  });

  it("reads a newly impacted app and a newly failing component as regressions, in words", () => {
    let after = withApp(baseline(), "avatars", { impacted: true, symptom: "avatar not shown", firstImpactAtMs: 120 * MIN, recoveredAtMs: 790 * MIN, outageMinutes: 670 });
    after = { ...after, components: [...after.components, { component: "cos-rebuild", layer: "cloud", firstFailureAtMs: 120 * MIN, recoveredAtMs: 790 * MIN }] };
    expect(lines(diffBaselines(baseline(), after))).toEqual([
      "regression: avatars: now impacted: outage 670 min from 03:00 until 14:10, \"avatar not shown\" (worse)",
      "regression: new: cos-rebuild fails at 03:00 and recovers at 14:10 (worse)",
    ]);
  });

  it("reads an earlier impact, a lost recovery, a lower worst ratio, data lost and a failing critical check as regressions", () => {
    let after = withApp(baseline(), "payments", { firstImpactAtMs: 50 * MIN, worstSuccessRatio: 0.3 });
    after = withApp(after, "contacts", { recoveredAtMs: null });
    after = { ...after, data: { acknowledgedLost: 12 }, verdicts: [{ name: "pay-back", severity: "critical", passed: false, actual: "not recovered" }, { name: "soft", severity: "warning", passed: false, actual: "1" }] };
    const diff = diffBaselines(baseline(), after);
    expect(lines(diff)).toEqual([
      "regression: payments: impacted from 02:00 → 01:50 (10 min earlier, worse)",
      "regression: payments: worst success ratio 0.5 → 0.3 (−0.2, worse)",
      "regression: contacts: no longer recovers by the end of the run (was 02:30) (worse)",
      "regression: data: acknowledged writes lost 0 → 12 (worse)",
      "regression: check pay-back: now fails, got not recovered (was 03:35) (worse)",
      "changed: check soft: now fails, got 1 (was 0) (worse, a warning)",
    ]);
    expect(diff.regressions).toBe(5);
  });

  it("reports user-minutes and symptoms without judging them alone", () => {
    const after = withApp(baseline(), "payments", { userMinutesLost: 1500, symptom: "payment slow" });
    const diff = diffBaselines(baseline(), after);
    expect(lines(diff)).toEqual(["changed: payments: users now see \"payment slow\" (was \"down\") (changed)", "changed: payments: user-minutes lost 1000 → 1500 (more, +50%)"]);
    expect(diff.regressions).toBe(0);
  });

  it("notes a changed seed or horizon, apps and checks added or removed", () => {
    const after = { ...baseline({ seed: 2, horizonMs: 300 * MIN }), apps: baseline().apps.filter((a) => a.app !== "avatars").concat(app({ app: "mail", impacted: false, symptom: "", firstImpactAtMs: null, recoveredAtMs: null, outageMinutes: 0 })), verdicts: [] };
    expect(lines(diffBaselines(baseline(), after))).toEqual([
      "changed: seed 1 → 2: the run is not comparable draw for draw",
      "changed: horizon 360 min → 300 min",
      "changed: mail: new app, not in the baseline",
      "changed: avatars: no longer in the scenario",
      "changed: check pay-back: no longer in the scenario",
      "changed: check soft: no longer in the scenario",
    ]);
  });
});

describe("tolerance edges", () => {
  const later = (minutes: number): Baseline => withApp(baseline(), "payments", { outageMinutes: 95 + minutes, recoveredAtMs: (155 + minutes) * MIN });

  it("a worsening exactly at the time tolerance is within it; a hair more is a regression", () => {
    expect(diffBaselines(baseline(), later(5), { timeMs: 5 * MIN, ratio: 0 })).toMatchObject({ regressions: 0, withinTolerance: 2 });
    expect(lines(diffBaselines(baseline(), later(5), { timeMs: 5 * MIN, ratio: 0 }))[0]).toBe("within-tolerance: payments: outage 95 → 100 min (+5 min, worse, within tolerance)");
    expect(diffBaselines(baseline(), later(5.1), { timeMs: 5 * MIN, ratio: 0 }).regressions).toBe(2);
    expect(diffBaselines(baseline(), later(5), { timeMs: 5 * MIN - 1000, ratio: 0 }).regressions).toBe(2);
  });

  it("with no tolerance, any worsening is a regression, even a second", () => {
    const after = withApp(baseline(), "payments", { recoveredAtMs: 155 * MIN + 1000 });
    expect(lines(diffBaselines(baseline(), after))).toEqual(["regression: payments: recovered 03:35 → 03:35 (+1 s, worse)"]);
  });

  it("a drop of the worst success ratio exactly at the ratio tolerance is within it; a hair more is a regression", () => {
    const drop = (by: number): Baseline => withApp(baseline(), "payments", { worstSuccessRatio: 0.5 - by });
    expect(diffBaselines(baseline(), drop(0.02), { timeMs: 0, ratio: 0.02 })).toMatchObject({ regressions: 0, withinTolerance: 1 });
    expect(diffBaselines(baseline(), drop(0.0201), { timeMs: 0, ratio: 0.02 })).toMatchObject({ regressions: 1 });
  });

  it("tolerance never hides a newly impacted app, a new failure, lost data or a failing critical check", () => {
    const after = { ...withApp(baseline(), "avatars", { impacted: true, symptom: "x", firstImpactAtMs: 60 * MIN, recoveredAtMs: 61 * MIN, outageMinutes: 1 }), data: { acknowledgedLost: 1 } };
    expect(diffBaselines(baseline(), after, { timeMs: 600 * MIN, ratio: 1 }).regressions).toBe(2);
  });

  it("an improvement is never a regression, whatever the tolerance", () => {
    expect(diffBaselines(later(5), baseline(), { timeMs: 0, ratio: 0 })).toMatchObject({ regressions: 0, improvements: 2 });
  });
});

describe("test-suite conventions and verdicts", () => {
  it("finds the baseline beside its scenario", () => {
    expect(baselinePathFor("scenarios/tencent-cooling.yaml")).toBe("scenarios/tencent-cooling.baseline.json");
    expect(baselinePathFor("a/b.yml")).toBe("a/b.baseline.json");
  });

  it("tells scenarios from topologies and other YAML", () => {
    expect(isScenarioText("apiVersion: outage-sim/v1\nkind: Scenario\n")).toBe(true);
    expect(isScenarioText("kind: \"Scenario\"  # a comment\n")).toBe(true);
    expect(isScenarioText("apiVersion: outage-sim/v1\nkind: Topology\n")).toBe(false);
    expect(isScenarioText("jobs:\n  kind: Scenario\n")).toBe(false);
  });

  const ok: ScenarioOutcome = { file: "a.yaml", name: "a", problems: [], steadyState: [], steadyHeld: true, verdicts: [{ name: "v", check: "x == 1", severity: "critical", passed: true, actual: "1" }], limit: undefined, baseline: undefined };

  it("turns one scenario into cases and an exit code: 2 invalid, 3 a limit, 1 a failure, 0", () => {
    expect(casesOf(ok).map((c) => [c.classname, c.name, c.passed])).toEqual([["a.outcome", "v", true], ["a.run", "run ends within its limits", true]]);
    expect(exitCodeOf(ok)).toBe(0);
    expect(exitCodeOf({ ...ok, verdicts: [{ ...ok.verdicts[0]!, passed: false }] })).toBe(1);
    expect(exitCodeOf({ ...ok, verdicts: [{ ...ok.verdicts[0]!, passed: false, severity: "warning" }] })).toBe(0);
    expect(exitCodeOf({ ...ok, limit: "event budget" })).toBe(3);
    expect(exitCodeOf({ ...ok, problems: ["a.yaml:1:1  bad"] })).toBe(2);
    expect(exitCodeOf({ ...ok, baseline: { file: "a.baseline.json", diff: undefined, error: "broken" } })).toBe(2);
    expect(suiteExitCode([ok, { ...ok, limit: "x" }, { ...ok, problems: ["p"] }])).toBe(2);
    expect(suiteExitCode([ok, { ...ok, limit: "x" }])).toBe(3);
    expect(suiteExitCode([])).toBe(0);
  });

  it("a broken steady state replaces the outcome cases by one failed cascade case", () => {
    const broken = { ...ok, steadyHeld: false, steadyState: [{ name: "s", check: "app.*.successRatio >= 1", severity: "critical" as const, passed: false, actual: "0.5 at 01:00" }] };
    expect(casesOf(broken).map((c) => [c.name, c.passed])).toEqual([["s", false], ["cascade", false]]);
    expect(exitCodeOf(broken)).toBe(1);
  });
});
