import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../support/cli.js";

const SPOF = "fixtures/hunt/spof.yaml";
const REDUNDANT = "fixtures/hunt/redundant.yaml";

interface HuntJson {
  schemaVersion: number;
  kind: string;
  search: string;
  runs: number;
  bruteForceRuns: number;
  budgetReached: boolean;
  levels: { level: number; sets: number; overBudget: number }[];
  candidates: { id: string; type: string; target: { id: string; kind: string } }[];
  objectives: { id: string; judgedBy: { kind: string }; brokenWithoutFaults: number | null; minimal: { members: string[]; pBreak: number; replay: string; chain: string[] | null; seed: number }[] }[];
  singlePoints: { candidate: string; breaks: { objective: string }[] }[];
  redundant: { target: { id: string; kind: string } }[];
  matrix: { rows: { id: string }[]; columns: string[]; cells: ({ size: number } | null)[][] };
}

function ok(result: CliResult): CliResult {
  expect(result.stderr.replace(/^outage-sim: \d+ run\(s\) hit a limit.*\n/m, "")).toBe("");
  expect(result.code).toBe(0);
  return result;
}

function hunt(args: readonly string[]): HuntJson {
  return JSON.parse(ok(runCli(["hunt", ...args, "--format", "json", "--workers", "2"])).stdout) as HuntJson;
}

/** Each objective's minimal sets, as sorted "a+b" keys. */
function minimalSets(report: HuntJson): Record<string, string[]> {
  return Object.fromEntries(report.objectives.map((o) => [o.id, o.minimal.map((s) => [...s.members].sort().join("+")).sort()]));
}

/** Splits a POSIX command line of plain and single-quoted words. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : (m[2] as string)));
}

describe("outage-sim hunt", () => {
  it("finds the single point of failure of a region at depth 1, the same as brute force, with a replay command that reproduces it", () => {
    const pruned = hunt([SPOF, "--runs", "2"]);
    const brute = hunt([SPOF, "--runs", "2", "--exhaustive"]);
    expect(pruned.schemaVersion).toBe(1);
    expect(pruned.kind).toBe("hunt");
    expect(minimalSets(pruned)).toEqual(minimalSets(brute));
    // The proxy runs in zone a only: losing it, or the cooling of the hall it stands in, breaks the shop.
    expect(minimalSets(pruned).shop).toEqual([
      "a-proxy-server-fail",
      "hall-a-cooling-crah-fail",
      "hall-a-room-suppression-discharge",
      "plant-a-cooling-chiller-fail",
      "plant-a-cooling-pump-fail",
    ]);
    expect(pruned.singlePoints.map((s) => s.candidate)).toContain("a-proxy-server-fail");
    // Everything on side b, and the web servers and database members of side a, are redundant.
    const redundant = pruned.redundant.map((r) => r.target.id);
    for (const id of ["plant-b", "hall-b", "b-proxy", "a-web", "a-db", "az-a", "az-b"]) expect(redundant).toContain(id);
    expect(redundant).not.toContain("a-proxy");
    const proxy = pruned.objectives[0]!.minimal.find((s) => s.members[0] === "a-proxy-server-fail")!;
    expect(proxy.pBreak).toBe(1);
    expect(proxy.chain!.join(" → ")).toContain("a-proxy down → 01:00 orders-db down → 01:00 shop down");
    const words = shellWords(proxy.replay);
    expect(words.slice(0, 2)).toEqual(["outage-sim", "run"]);
    const replay = runCli([...words.slice(1), "--format", "json"]);
    expect(replay.code).toBe(3); // the cluster is lost until repaired: the shop is still down at the horizon
    const run = JSON.parse(replay.stdout) as { seed: number; impacts: { app: string; impacted: boolean; outageMinutes: number }[] };
    expect(run.seed).toBe(proxy.seed);
    expect(run.impacts.find((i) => i.app === "shop")!.outageMinutes).toBeGreaterThan(5);
    // Without the hunted fault the same seed is healthy.
    const healthy = JSON.parse(runCli(["run", SPOF, "--seed", String(proxy.seed), "--format", "json"]).stdout) as { impacts: { impacted: boolean }[] };
    expect(healthy.impacts.every((i) => !i.impacted)).toBe(true);
  });

  it("finds no single point of failure in a redundant region, then the designed pairs at depth 2, the same as brute force", () => {
    const one = hunt([REDUNDANT, "--runs", "2"]);
    expect(one.singlePoints).toEqual([]);
    expect(one.objectives[0]!.minimal).toEqual([]);
    const pruned = hunt([REDUNDANT, "--runs", "2", "--depth", "2"]);
    const brute = hunt([REDUNDANT, "--runs", "2", "--depth", "2", "--exhaustive"]);
    expect(brute.search).toBe("exhaustive");
    expect(brute.runs).toBe(brute.bruteForceRuns);
    expect(minimalSets(pruned)).toEqual(minimalSets(brute));
    // Every fault here strikes something the shop needs and none breaks it alone: nothing to prune.
    expect(pruned.runs).toBeLessThanOrEqual(brute.runs);
    const pairs = minimalSets(pruned).shop!;
    for (const designed of ["plant-a-cooling-chiller-fail+plant-b-cooling-chiller-fail", "hall-a-cooling-crah-fail+hall-b-cooling-crah-fail", "a-web-server-fail+b-web-server-fail", "a-db-server-fail+b-db-server-fail", "a-proxy-server-fail+b-proxy-server-fail", "zone-az-a+zone-az-b"]) {
      expect(pairs).toContain(designed);
    }
    // Every pair takes one fault on each side: no pair within one side breaks the shop.
    const side = (id: string): string => (/(^|-)a(-|$)|plant-a|hall-a|az-a/.test(id) ? "a" : "b");
    for (const pair of pairs) expect(pair.split("+").map(side).sort()).toEqual(["a", "b"]);
    expect(pruned.matrix.columns).toEqual(["shop"]);
    expect(pruned.matrix.cells.every((row) => row.every((c) => c === null || c.size === 2))).toBe(true);
  });

  it("skips the supersets of single points of failure at depth 2 and still finds what brute force finds", () => {
    const pruned = hunt([SPOF, "--runs", "1", "--depth", "2"]);
    const brute = hunt([SPOF, "--runs", "1", "--depth", "2", "--exhaustive"]);
    expect(minimalSets(pruned)).toEqual(minimalSets(brute));
    expect(brute.runs).toBe(brute.bruteForceRuns);
    expect(pruned.runs).toBeLessThan(brute.runs);
    // No pair contains a single point of failure.
    const singles = pruned.singlePoints.map((s) => s.candidate);
    for (const set of pruned.objectives[0]!.minimal.filter((s) => s.members.length === 2)) expect(set.members.some((m) => singles.includes(m))).toBe(false);
  });

  it("merges shards into the same bytes as the whole hunt", () => {
    const dir = mkdtempSync(join(tmpdir(), "outage-sim-hunt-"));
    const args = [REDUNDANT, "--runs", "1", "--depth", "2", "--workers", "1"];
    for (const i of [1, 2]) ok(runCli(["hunt", ...args, "--shard", `${i}/2`, "--out", join(dir, `part-${i}.json`)]));
    const part = JSON.parse(readFileSync(join(dir, "part-1.json"), "utf8")) as { format: string; version: number };
    expect(part.format).toBe("outage-sim/hunt-part");
    for (const format of ["text", "json"]) {
      const whole = ok(runCli(["hunt", ...args, "--format", format]));
      const merged = ok(runCli(["merge", join(dir, "part-2.json"), join(dir, "part-1.json"), "--format", format]));
      expect(merged.stdout).toBe(whole.stdout);
    }
    const missing = runCli(["merge", join(dir, "part-1.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("part(s) 2/2 missing");
  });

  it("stops at the budget with exit 3 and says what it left out", () => {
    const result = runCli(["hunt", REDUNDANT, "--runs", "1", "--depth", "2", "--budget", "30", "--format", "json"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("the budget of 30 runs stopped the search");
    const report = JSON.parse(result.stdout) as HuntJson;
    expect(report.runs).toBeLessThanOrEqual(30);
    expect(report.budgetReached).toBe(true);
    expect(report.levels.find((l) => l.level === 2)!.overBudget).toBeGreaterThan(0);
  });

  it("renders Markdown and a self-contained HTML page with the components × apps matrix", () => {
    const md = ok(runCli(["hunt", SPOF, "--runs", "1", "--format", "markdown"])).stdout;
    expect(md).toContain("## Single points of failure");
    expect(md).toContain("| server:fail cluster a-proxy | shop (100%) |");
    const html = ok(runCli(["hunt", SPOF, "--runs", "1", "--format", "html"])).stdout;
    expect(html).toContain("<h2>Components × apps</h2>");
    expect(html).toMatch(/<td>cluster a-proxy<\/td><td class="m s1" title="a-proxy-server-fail: P\(break\) 100%">1<\/td>/);
    expect(html).not.toMatch(/<script|https?:\/\//);
  });

  it("refuses a bad hunt block and bad options with exit 2, every problem located", () => {
    const dir = mkdtempSync(join(tmpdir(), "outage-sim-hunt-"));
    const text = readFileSync(SPOF, "utf8").replace("region:\n  import: two-halls.yaml", `region:\n  import: ${join(process.cwd(), "fixtures/hunt/two-halls.yaml")}`)
      .replace("  exclude: [weather:outside-temperature, component:fail]", "  types: [cooling:chiller-fial]\n  exclude: [no-such-thing]");
    const file = join(dir, "bad.yaml");
    writeFileSync(file, text);
    const bad = runCli(["hunt", file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:\d+:\d+ {2}hunt\.types\[0\] {2}unknown fault type "cooling:chiller-fial"\. Did you mean "cooling:chiller-fail"\?/);
    expect(bad.stderr).not.toContain("    at ");
    const apps = runCli(["hunt", SPOF, "--apps", "shp"]);
    expect(apps.code).toBe(2);
    expect(apps.stderr).toContain('--apps: no app "shp". Did you mean "shop"?');
    const depth = runCli(["hunt", SPOF, "--depth", "4"]);
    expect(depth.code).toBe(2);
  });
});
