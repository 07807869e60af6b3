import { describe, expect, it } from "vitest";
import { loadScenario, type LoadResult } from "../../src/scenario/load.js";
import { applyOverrides, formatOverrideValue, parseOverride, parseOverridePath, readSweepSettings, type Override } from "../../src/scenario/overrides.js";
import { formatProblem } from "../../src/scenario/problem.js";
import { memoryReader, type SourceReader } from "../../src/scenario/source.js";

function override(text: string): Override {
  const parsed = parseOverride(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

const START = { file: "s.yaml", line: 1, col: 1 };

describe("parseOverridePath", () => {
  it("reads dotted keys, list indexes, ids in brackets and quoted keys", () => {
    expect(parseOverridePath("faults.chiller-trip.at")).toEqual({ ok: true, value: [{ kind: "key", key: "faults" }, { kind: "key", key: "chiller-trip" }, { kind: "key", key: "at" }] });
    expect(parseOverridePath("region.plants[0].chillers.count").ok && parseOverridePath("region.plants[0].chillers.count")).toMatchObject({ value: [{ key: "region" }, { key: "plants" }, { kind: "index", index: 0 }, { key: "chillers" }, { key: "count" }] });
    expect(parseOverridePath("region.plants[gz-a].chillers")).toMatchObject({ ok: true, value: [{ key: "region" }, { key: "plants" }, { kind: "key", key: "gz-a" }, { key: "chillers" }] });
    expect(parseOverridePath('a["b.c d"].e')).toMatchObject({ ok: true, value: [{ key: "a" }, { key: "b.c d" }, { key: "e" }] });
  });

  it("refuses malformed paths, forbidden keys and the sweep block with a sentence", () => {
    expect(parseOverridePath("a..b")).toMatchObject({ ok: false, message: expect.stringContaining("cannot read the path") });
    expect(parseOverridePath("a[")).toMatchObject({ ok: false });
    expect(parseOverridePath("a b")).toMatchObject({ ok: false });
    expect(parseOverridePath("")).toMatchObject({ ok: false, message: expect.stringContaining("empty") });
    expect(parseOverridePath("region.__proto__.x")).toMatchObject({ ok: false, message: expect.stringContaining("not allowed") });
    expect(parseOverridePath("sweep.runs")).toMatchObject({ ok: false, message: expect.stringContaining("sweep block") });
  });
});

describe("parseOverride", () => {
  it("parses the value as YAML: numbers, booleans, durations as text, quoted text, flow lists", () => {
    expect(override("a.b=2").value).toBe(2);
    expect(override("a.b=0.25").value).toBe(0.25);
    expect(override("a.b=true").value).toBe(true);
    expect(override("a.b=1h30m").value).toBe("1h30m");
    expect(override('a.b="2"').value).toBe("2");
    expect(override("a.b=[x, y]").value).toEqual(["x", "y"]);
    expect(override("a.b=x=y").value).toBe("x=y");
  });

  it("keeps a text that types back to the same value", () => {
    for (const text of ["a=2", 'a="2"', "a=1h", "a=[x, y]", "a=true", "a='it''s'"]) {
      const first = override(text);
      expect(override(first.text).value).toEqual(first.value);
    }
    expect(formatOverrideValue("2")).toBe('"2"');
  });

  it("refuses text without path=value and values that are not YAML", () => {
    expect(parseOverride("novalue")).toMatchObject({ ok: false, message: expect.stringContaining("path=value") });
    expect(parseOverride("=3")).toMatchObject({ ok: false });
    expect(parseOverride("a=[1")).toMatchObject({ ok: false, message: expect.stringContaining("not valid YAML") });
  });
});

describe("applyOverrides", () => {
  const doc = {
    faults: { trip: { type: "cooling:chiller-fail", at: "1h" } },
    region: { plants: [{ id: "p1", chillers: { count: 3 } }, { id: "p2", chillers: { count: 2 } }] },
  };

  it("sets values by key, index and id without changing its input", () => {
    const frozen = JSON.stringify(doc);
    const result = applyOverrides(doc, [override("faults.trip.at=2h"), override("region.plants[1].chillers.count=5"), override("region.plants[p1].chillers.standby=2")], START);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({
      faults: { trip: { type: "cooling:chiller-fail", at: "2h" } },
      region: { plants: [{ id: "p1", chillers: { count: 3, standby: 2 } }, { id: "p2", chillers: { count: 5 } }] },
    });
    expect(JSON.stringify(doc)).toBe(frozen);
  });

  it("picks a list element by id with a dot too, and creates missing mappings", () => {
    const result = applyOverrides(doc, [override("region.plants.p2.chillers.count=9"), override("monitoring.scrapeInterval=10s")], START);
    expect(result.ok && result.value).toMatchObject({ region: { plants: [{}, { chillers: { count: 9 } }] }, monitoring: { scrapeInterval: "10s" } });
  });

  it("applies overrides in order, the last one winning", () => {
    const result = applyOverrides(doc, [override("faults.trip.at=2h"), override("faults.trip.at=3h")], START);
    expect(result.ok && (result.value.faults as { trip: { at: string } }).trip.at).toBe("3h");
  });

  it("reports every override that cannot be set, naming it and the ids it could use", () => {
    const result = applyOverrides(doc, [override("region.plants[7].chillers.count=1"), override("region.plants[p9].chillers.count=1"), override("faults.trip.at.x=1")], START);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      "region.plants[7].chillers.count: --set region.plants[7].chillers.count=1: index 7 is past the end of the list (2 element(s))",
      "region.plants[p9].chillers.count: --set region.plants[p9].chillers.count=1: no element with id \"p9\" in this list (ids: p1, p2)",
      'faults.trip.at.x: --set faults.trip.at.x=1: the string "1h" has no field "x"',
    ]);
  });
});

describe("readSweepSettings", () => {
  const HEAD = "apiVersion: outage-sim/v1\nkind: Scenario\nname: t\ntitle: t\nhorizon: 1h\n";

  it("reads runs and axes in file order, one override per value", () => {
    const reader = memoryReader({ "s.yaml": `${HEAD}sweep:\n  runs: 20\n  axes:\n    faults.f.at: [10m, 20m]\n    region.plants[p1].chillers.standby: [1, 2, 3]\n` });
    const result = readSweepSettings("s.yaml", reader);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.runs).toBe(20);
    expect(result.settings.axes.map((a) => [a.path, a.values.map((v) => v.text)])).toEqual([
      ["faults.f.at", ["faults.f.at=10m", "faults.f.at=20m"]],
      ["region.plants[p1].chillers.standby", ["region.plants[p1].chillers.standby=1", "region.plants[p1].chillers.standby=2", "region.plants[p1].chillers.standby=3"]],
    ]);
  });

  it("gives no axes without a sweep block", () => {
    expect(readSweepSettings("s.yaml", memoryReader({ "s.yaml": HEAD }))).toEqual({ ok: true, settings: { axes: [] } });
  });

  it("locates problems in the sweep block", () => {
    const result = readSweepSettings("s.yaml", memoryReader({ "s.yaml": `${HEAD}sweep:\n  runs: 0\n  axes:\n    "a..b": [1]\n    c: []\n` }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem).join("\n")).toMatch(/s\.yaml:7:9 {2}sweep\.runs/);
    expect(result.problems.map(formatProblem).join("\n")).toMatch(/sweep\.axes\.c/);
  });
});

describe("loadScenario with overrides (the loader hook)", () => {
  type Load = (file: string, reader: SourceReader, options?: { overrides?: readonly Override[] }) => LoadResult;
  const load = loadScenario as unknown as Load;
  const files = {
    "s.yaml": "apiVersion: outage-sim/v1\nkind: Scenario\nname: t\ntitle: t\nhorizon: 1h\nregion:\n  import: topo.yaml\n  apps: { web: { dependsOn: [api] } }\nfaults:\n  down: { type: component:fail, target: api, at: 10m }\n",
    "topo.yaml": "apiVersion: outage-sim/v1\nkind: Topology\nregion:\n  services:\n    api: { downBelow: 0.3 }\n",
  };

  it("applies overrides after imports are merged and before validation", () => {
    const result = load("s.yaml", memoryReader(files), { overrides: [override("faults.down.at=20m"), override("region.services.api.downBelow=0.4")] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.loaded.scenario.faults[0]?.atMs).toBe(20 * 60_000);
    expect(result.loaded.scenario.services[0]?.downBelow).toBe(0.4);
  });

  it("validates an overridden value like a written one, located in the file", () => {
    const result = load("s.yaml", memoryReader(files), { overrides: [override("region.services.api.downBelow=7")] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem)[0]).toMatch(/^topo\.yaml:5:23 {2}region\.services\.api\.downBelow {2}/);
  });

  it("accepts a sweep block in a scenario", () => {
    const result = load("s.yaml", memoryReader({ ...files, "s.yaml": `${files["s.yaml"]}sweep:\n  runs: 5\n  axes:\n    faults.down.at: [10m, 20m]\n` }));
    expect(result.ok).toBe(true);
  });
});
