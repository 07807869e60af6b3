import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import { parseLocatedYaml } from "../../src/scenario/parse-yaml.js";
import { formatProblem } from "../../src/scenario/problem.js";
import { memoryReader } from "../../src/scenario/source.js";
import { nearest } from "../../src/scenario/suggest.js";

const HEAD = "apiVersion: outage-sim/v1\nkind: Scenario\nname: t\ntitle: t\nhorizon: 1h\n";

function problems(files: Record<string, string>, entry = "s.yaml"): string[] {
  const result = loadScenario(entry, memoryReader(files));
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe("loadScenario", () => {
  it("loads a minimal valid scenario with every default applied", () => {
    const result = loadScenario("s.yaml", memoryReader({ "s.yaml": `${HEAD}region:\n  services: { api: {} }\n  apps: { web: { dependsOn: [api] } }\n` }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const s = result.loaded.scenario;
    expect(s).toMatchObject({ seed: 1, horizonMs: 3_600_000, scrapeIntervalMs: 30_000, sampleIntervalMs: 60_000, start: "2000-01-01T00:00:00Z" });
    expect(s.apps[0]).toMatchObject({ id: "web", impactBelow: 0.99, downBelow: 0.5, users: 0, dependsOn: [{ on: "api", mode: "hard" }] });
  });

  it("merges imports relative to the importing file, the importer's keys winning", () => {
    const files = {
      "dir/s.yaml": `${HEAD}region:\n  import: topo/base.yaml\n  services:\n    api: { title: overridden }\n  apps: { web: { dependsOn: [api, db] } }\n`,
      "dir/topo/base.yaml": "apiVersion: outage-sim/v1\nkind: Topology\nregion:\n  import: more.yaml\n  services:\n    api: { title: base, downBelow: 0.3 }\n",
      "dir/topo/more.yaml": "apiVersion: outage-sim/v1\nkind: Topology\nregion:\n  services:\n    db: {}\n",
    };
    const result = loadScenario("dir/s.yaml", memoryReader(files));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.loaded.scenario.services.map((s) => [s.id, s.title, s.downBelow])).toEqual([["db", "db", 0.5], ["api", "overridden", 0.3]]);
  });

  it("locates problems inside an imported file in that file", () => {
    const files = {
      "s.yaml": `${HEAD}region:\n  import: t.yaml\n`,
      "t.yaml": "apiVersion: outage-sim/v1\nkind: Topology\nregion:\n  services:\n    api: { downBelov: 0.3 }\n",
    };
    expect(problems(files)).toEqual(['t.yaml:5:12  region.services.api.downBelov  unknown key "downBelov". Did you mean "downBelow"?']);
  });

  it("refuses import cycles, naming the chain", () => {
    const files = {
      "s.yaml": `${HEAD}region:\n  import: a.yaml\n`,
      "a.yaml": "apiVersion: outage-sim/v1\nkind: Topology\nregion:\n  import: b.yaml\n",
      "b.yaml": "apiVersion: outage-sim/v1\nkind: Topology\nregion:\n  import: a.yaml\n",
    };
    expect(problems(files)).toEqual(["b.yaml:4:11  region.import  import cycle: s.yaml → a.yaml → b.yaml → a.yaml. Remove one of these imports"]);
  });

  it("refuses __proto__ and constructor keys without polluting anything", () => {
    const got = problems({ "s.yaml": `${HEAD}region:\n  __proto__: { polluted: true }\n  services:\n    constructor: {}\n` });
    expect(got).toEqual([
      's.yaml:7:3  region.__proto__  "__proto__" is not allowed as a key. Rename it',
      's.yaml:9:5  region.services.constructor  "constructor" is not allowed as a key. Rename it',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses an alias bomb before expanding it", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
    const doc = parseLocatedYaml(lines.join("\n"), "bomb.yaml");
    expect(doc.value).toBeUndefined();
    expect(doc.problems.map((p) => p.message).join()).toMatch(/more than \d+ (values|alias uses)/);
  });

  it("refuses nesting deeper than the limit", () => {
    const deep = `${"[".repeat(40)}${"]".repeat(40)}`;
    const doc = parseLocatedYaml(`x: ${deep}`, "deep.yaml");
    expect(doc.problems[0]?.message).toContain("nesting is deeper than");
  });

  it("lists every schema problem at once, sorted by place", () => {
    const got = problems({ "s.yaml": "apiVersion: outage-sim/v2\nkind: Scenari\nname: Bad_Name\ntitle: t\nhorizon: 1 hour\nregion: {}\n" });
    expect(got).toHaveLength(4);
    expect(got[0]).toMatch(/^s\.yaml:1:13  apiVersion  /);
    expect(got[3]).toMatch(/^s\.yaml:5:10  horizon  "1 hour" is not a duration/);
  });
});

describe("nearest", () => {
  it("suggests a close key and nothing for a distant one", () => {
    expect(nearest("horizn", ["horizon", "seed"])).toBe("horizon");
    expect(nearest("zzzzzz", ["horizon", "seed"])).toBeUndefined();
  });
});
