import { describe, expect, it } from "vitest";
import { fileReader } from "../../src/cli/io.js";
import { excludeCandidates, listCandidates } from "../../src/runner/hunt/candidates.js";
import { formatDuration } from "../../src/runner/hunt/defaults.js";
import { expandChecks, objectivesOf } from "../../src/runner/hunt/objectives.js";
import { appSupports } from "../../src/runner/hunt/support.js";
import { bruteForceSets } from "../../src/runner/hunt/search.js";
import type { HuntPlan } from "../../src/runner/hunt/plan.js";
import { FAULT_TYPES } from "../../src/scenario/events/index.js";
import { loadScenarioOrThrow } from "../../src/scenario/load.js";

const tencent = loadScenarioOrThrow("scenarios/tencent-cooling.yaml", fileReader).scenario;
const spof = loadScenarioOrThrow("fixtures/hunt/spof.yaml", fileReader).scenario;

describe("hunt candidates", () => {
  it("accounts for every fault type of the registry: tried on the components its target field names, or left out with the reason", () => {
    const { candidates, skipped } = listCandidates(tencent, { input: {}, atMs: 3_600_000, durationsMs: [3_600_000] });
    for (const type of FAULT_TYPES) {
      const tried = candidates.some((c) => c.type === type.name);
      const left = skipped.find((s) => s.type === type.name);
      expect(tried !== (left !== undefined), type.name).toBe(true);
    }
    const ids = (type: string): string[] => candidates.filter((c) => c.type === type).map((c) => c.target.id);
    expect(ids("cooling:chiller-fail")).toEqual(["gz-a", "gz-a-loop"]);
    expect(ids("cooling:crah-fail")).toEqual(["gz-a-h1", "gz-a-h2", "gz-a-h3"]);
    expect(ids("power:generator-fail")).toEqual(["gz-a-main"]);
    expect(ids("server:fail")).toHaveLength(8);
    expect(ids("weather:outside-temperature")).toEqual(["region"]);
    expect(skipped.find((s) => s.type === "data:corrupt-writes")!.reason).toContain('give them under hunt.params["data:corrupt-writes"]');
    // A fault that takes no duration gets none; one that does gets each duration asked for.
    expect(candidates.find((c) => c.type === "server:fail")!.faults[0]!.written).toEqual({ type: "server:fail", cluster: "gz-a-cvm-hosts", fraction: 1, at: "1h" });
  });

  it("gives one candidate per duration, params over the defaults, zones from the placements, and excludes by type, component or zone", () => {
    const { candidates } = listCandidates(spof, { input: { params: { "server:fail": { fraction: 0.5 } } }, atMs: 1_800_000, durationsMs: [1_800_000, 7_200_000] });
    expect(candidates.filter((c) => c.type === "cooling:crah-fail").map((c) => c.id)).toEqual(["hall-a-cooling-crah-fail-30m", "hall-a-cooling-crah-fail-2h", "hall-b-cooling-crah-fail-30m", "hall-b-cooling-crah-fail-2h"]);
    const zone = candidates.find((c) => c.id === "zone-az-a")!;
    expect(zone.faults.map((f) => f.written)).toEqual([{ type: "server:fail", cluster: "a-web", fraction: 0.5, at: "30m" }]);
    const { kept, unknown } = excludeCandidates(candidates, ["cooling:crah-fail", "a-proxy", "zone", "nothing"]);
    expect(kept.some((c) => c.type === "cooling:crah-fail" || c.target.id === "a-proxy" || c.type === "zone")).toBe(false);
    expect(unknown).toEqual([3]);
  });

  it("splits app.* checks per app and reads each app's causal support from the dependency graph", () => {
    const { checks } = expandChecks(tencent.checks, tencent.apps.map((a) => a.id));
    expect(checks.filter((c) => c.name.startsWith("all-apps-impacted[")).map((c) => c.apps[0])).toEqual(tencent.apps.map((a) => a.id));
    expect(checks.find((c) => c.name === "no-acknowledged-data-lost")!.apps).toEqual([]);
    const objectives = objectivesOf(tencent.apps, checks, undefined);
    expect(objectives.map((o) => o.id)).toContain("expect:no-acknowledged-data-lost");
    expect(objectivesOf(tencent.apps, checks, ["wechat-pay"]).map((o) => o.id)).toEqual(["wechat-pay"]);
    const [pay] = appSupports(tencent, ["wechat-pay"]);
    for (const id of ["wechat-pay", "pay-svc", "gz-a-pay", "gz-a-h3", "gz-a-h3-crah", "gz-a", "gz-a-ch1", "gz-a-pumps", "gz-a-storage", "gz-a-main", "gz-a-main-gen", "grid", "outside-air"]) expect(pay).toContain(id);
    expect(pay).not.toContain("gz-a-h1");
    const [shop] = appSupports(spof, ["shop"]);
    expect(shop).toContain("a-proxy");
  });

  it("counts brute-force sets without putting two durations of one fault together", () => {
    const plan = { candidates: ["a", "a", "b", "c"].map((t, i) => ({ id: String(i), type: t, target: { field: "x", id: "x", kind: "x" }, duration: null, label: "", faults: [] })) } as unknown as HuntPlan;
    expect(bruteForceSets(plan, 1)).toBe(4);
    expect(bruteForceSets(plan, 2)).toBe(5); // {a1,b} {a1,c} {a2,b} {a2,c} {b,c}
    expect(bruteForceSets(plan, 3)).toBe(2);
    expect(formatDuration(5_400_000)).toBe("1h30m");
    expect(formatDuration(90_000)).toBe("1m30s");
  });
});
