import { describe, expect, it } from "vitest";
import { axesFromSets, cellCount, expandAxes, mergeAxes } from "../../src/runner/axes.js";
import { runScenario } from "../../src/runner/run-scenario.js";
import {
  deriveSeed, distributionOf, jobOf, nearestRank, orderRecords, recordRun, replayCommand, seedsFit, shardRange, shellWord, summarizeSweep, totalJobs,
  type RunRecord, type SweepCell, type SweepPlan,
} from "../../src/runner/sweep.js";
import { loadScenario } from "../../src/scenario/load.js";
import { parseOverride, type Override, type SweepAxis } from "../../src/scenario/overrides.js";
import { memoryReader } from "../../src/scenario/source.js";

const CELL: SweepCell = { overrides: [], apps: [{ id: "web", title: "Web" }, { id: "batch", title: "Batch" }], checks: [{ name: "web-fast", severity: "critical" }] };

function plan(runs: number, cells: SweepCell[] = [CELL]): SweepPlan {
  return { scenario: { path: "s.yaml", name: "s", title: "S", start: "2024-01-01T00:00:00Z" }, baseSeed: 100, runs, horizon: null, axes: [], cells };
}

/** A synthetic record whose numbers depend only on its job, so any order of records gives the same sweep. */
function record(p: SweepPlan, job: number): RunRecord {
  const at = jobOf(p, job);
  const web = (job * 37) % 101;
  return {
    job, cell: at.cell, run: at.run, seed: at.seed,
    impacted: [web > 0, false],
    outageMinutes: [web, 0],
    recoveredAtMs: [web > 90 ? null : web > 0 ? web * 60_000 + 600_000 : null, null],
    userMinutesLost: [web * 1000, 0],
    dataLost: job % 10 === 0 ? 5 : 0,
    checks: [web < 50],
    stop: "horizon",
    unsettled: web > 90 ? 1 : 0,
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function sets(...texts: string[]): Override[] {
  return texts.map((t) => {
    const parsed = parseOverride(t);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.value;
  });
}

describe("seeds", () => {
  it("derives run i's seed as base + i, a pure function", () => {
    expect(deriveSeed(20230329, 0)).toBe(20230329);
    expect(deriveSeed(20230329, 41)).toBe(20230370);
    expect(jobOf(plan(10, [CELL, CELL]), 13)).toEqual({ cell: 1, run: 3, seed: 103 });
  });

  it("refuses seed ranges that leave exact integers", () => {
    expect(seedsFit(1, 1000)).toBe(true);
    expect(seedsFit(Number.MAX_SAFE_INTEGER, 2)).toBe(false);
    expect(seedsFit(-1, 2)).toBe(false);
  });
});

describe("shards", () => {
  it("split the jobs into disjoint contiguous ranges that cover them all, for any split", () => {
    for (const total of [0, 1, 7, 50, 1001]) {
      for (const count of [1, 2, 3, 8, 13]) {
        const ranges = Array.from({ length: count }, (_, i) => shardRange(total, i + 1, count));
        expect(ranges[0]?.from).toBe(0);
        expect(ranges[count - 1]?.to).toBe(total);
        ranges.slice(1).forEach((r, i) => expect(r.from).toBe(ranges[i]?.to));
        for (const r of ranges) expect(r.to - r.from).toBeLessThanOrEqual(Math.ceil(total / count));
      }
    }
  });
});

describe("nearest-rank quantiles", () => {
  it("pick sorted[ceil(p·n/100) − 1], always a value of the data", () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(sorted, 0)).toBe(1);
    expect(nearestRank(sorted, 50)).toBe(5);
    expect(nearestRank(sorted, 90)).toBe(9);
    expect(nearestRank(sorted, 99)).toBe(10);
    expect(nearestRank(sorted, 100)).toBe(10);
    expect(nearestRank([4], 50)).toBe(4);
    expect(nearestRank([], 50)).toBeNaN();
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([50, 90, 99].map((p) => nearestRank(hundred, p))).toEqual([50, 90, 99]);
  });

  it("summarize a distribution whatever the order of its values, infinity counting as largest", () => {
    const d = distributionOf([5, 1, Number.POSITIVE_INFINITY, 3]);
    expect(d).toMatchObject({ n: 4, min: 1, p50: 3, p90: Number.POSITIVE_INFINITY, max: Number.POSITIVE_INFINITY });
    expect(distributionOf([3, 1, 2])).toEqual(distributionOf([1, 2, 3]));
    expect(distributionOf([])).toMatchObject({ n: 0 });
  });
});

describe("summarizeSweep", () => {
  const p = plan(50, [CELL, { ...CELL, overrides: ["a=1"] }]);
  const records = Array.from({ length: totalJobs(p) }, (_, j) => record(p, j));

  it("gives the same summary for any order of the records (workers, shards)", () => {
    const reference = JSON.stringify(summarizeSweep(p, records));
    for (const seed of [1, 2, 3]) expect(JSON.stringify(summarizeSweep(p, shuffled(records, seed)))).toBe(reference);
  });

  it("computes probabilities, pass rates, recovery with the runs not back, and the worst runs", () => {
    const cell = summarizeSweep(p, records).cells[0]!;
    const web = cell.apps[0]!;
    const values = records.slice(0, 50).map((r) => r.outageMinutes[0] as number);
    expect(web.impactProbability).toBe(values.filter((v) => v > 0).length / 50);
    expect(web.outageMinutes.max).toBe(Math.max(...values));
    expect(web.notRecovered).toBe(values.filter((v) => v > 90).length);
    expect(web.recoveredAtMs.n).toBe(values.filter((v) => v > 0).length);
    expect(cell.apps[1]!.impactProbability).toBe(0);
    expect(cell.checks[0]).toMatchObject({ name: "web-fast", passed: values.filter((v) => v < 50).length });
    expect(cell.dataLossProbability).toBe(5 / 50);
    expect(cell.worst).toHaveLength(5);
    expect(cell.worst[0]).toMatchObject({ outageMinutes: Math.max(...values), command: `outage-sim run s.yaml --seed ${cell.worst[0]!.seed}` });
    const lost = cell.worst.map((w) => w.userMinutesLost);
    expect([...lost].sort((a, b) => b - a)).toEqual(lost);
  });

  it("refuses records that are not exactly the plan's runs", () => {
    expect(orderRecords(p, records.slice(1))).toBe("99 run records for a sweep of 100 runs");
    expect(orderRecords(p, [...records.slice(1), records[5]!])).toBe("run 0 is missing");
    expect(orderRecords(p, [records[0]!, ...records.slice(0, -1)])).toBe("run 0 appears twice");
    expect(orderRecords(p, records.map((r) => (r.job === 7 ? { ...r, seed: 1 } : r)))).toMatch(/^run 7 has cell 0, run 7, seed 1/);
    expect(() => summarizeSweep(p, records.slice(1))).toThrow();
  });
});

describe("replay commands", () => {
  it("name the scenario as given, the seed, the horizon and every override, quoted for a shell", () => {
    const p: SweepPlan = { ...plan(3), scenario: { ...plan(3).scenario, path: "my dir/x.yaml" }, horizon: { text: "12h", ms: 43_200_000 } };
    expect(replayCommand(p, { ...CELL, overrides: ["region.plants[p1].chillers.count=4", "faults.f.at=2h"] }, 7)).toBe(
      "outage-sim run 'my dir/x.yaml' --seed 7 --horizon 12h --set 'region.plants[p1].chillers.count=4' --set faults.f.at=2h",
    );
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
  });
});

describe("recordRun", () => {
  it("keeps the columns of a finished run in the cell's app and check order", () => {
    const text = `apiVersion: outage-sim/v1
kind: Scenario
name: t
title: t
horizon: 1h
region:
  services: { api: {}, db: {} }
  apps: { web: { dependsOn: [api], users: 60 }, other: { dependsOn: [db] } }
faults:
  down: { type: component:fail, target: api, at: 10m, duration: 10m }
expect:
  outcome:
    - { name: web-ten, check: "app.web.outageMinutes == 10" }
`;
    const loaded = loadScenario("s.yaml", memoryReader({ "s.yaml": text }));
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
    if (!loaded.ok) return;
    const run = runScenario(loaded.loaded.scenario, { seed: 5 });
    const cell: SweepCell = { overrides: [], apps: [{ id: "other", title: "other" }, { id: "web", title: "web" }], checks: [{ name: "web-ten", severity: "critical" }] };
    expect(recordRun(run, cell, { job: 3, cell: 0, run: 3 })).toEqual({
      job: 3, cell: 0, run: 3, seed: 5,
      impacted: [false, true],
      outageMinutes: [0, 10],
      recoveredAtMs: [null, 20 * 60_000],
      userMinutesLost: [0, 600],
      dataLost: 0,
      checks: [true],
      stop: run.stop.reason,
      unsettled: 0,
    });
  });
});

describe("axes", () => {
  it("group repeated --set paths into axes, in the order paths first appear", () => {
    const axes = axesFromSets(sets("a=1", "b=x", "a=2"));
    expect(axes.map((a) => [a.path, a.values.map((v) => v.value)])).toEqual([["a", [1, 2]], ["b", ["x"]]]);
  });

  it("let the command line replace the file's axis of the same path and append new ones", () => {
    const file: SweepAxis[] = axesFromSets(sets("a=1", "a=2", "c=5"));
    const merged = mergeAxes(file, axesFromSets(sets("c=6", "d=7")));
    expect(merged.map((a) => [a.path, a.values.map((v) => v.value)])).toEqual([["a", [1, 2]], ["c", [6]], ["d", [7]]]);
  });

  it("expand to the cartesian product, first axis slowest, one empty cell without axes", () => {
    const axes: { values: (number | string)[] }[] = [{ values: [1, 2] }, { values: ["x", "y", "z"] }];
    expect(expandAxes(axes)).toEqual([[1, "x"], [1, "y"], [1, "z"], [2, "x"], [2, "y"], [2, "z"]]);
    expect(cellCount(axes)).toBe(6);
    expect(expandAxes([])).toEqual([[]]);
    expect(cellCount([])).toBe(1);
  });
});
