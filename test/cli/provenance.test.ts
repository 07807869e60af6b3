import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, runCli } from "../support/cli.js";

const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** Runs a replay command as a user pastes it into a shell, with `outage-sim` being the built CLI. */
function replay(command: string, cwd: string, extra = ""): { code: number | null; stdout: string; stderr: string } {
  expect(command.startsWith("outage-sim run ")).toBe(true);
  const line = `"${process.execPath}" "${BIN}" ${command.slice("outage-sim ".length)}${extra}`;
  const result = spawnSync("sh", ["-c", line], { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "" }, maxBuffer: 256 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface ProvenanceJson {
  tool: { name: string; version: string };
  scenario: { path: string; sha256: string };
  imports: { path: string; sha256: string }[];
  seed: number;
  horizonMs: number;
  overrides: { seed: number | null; horizon: string | null; set: string[] };
  replay: string;
}

describe("provenance and the replay command", () => {
  // A small scenario that imports a topology, in a folder of its own, named by a relative path, with every kind of override.
  const dir = mkdtempSync(join(tmpdir(), "outage-sim-provenance-"));
  mkdirSync(join(dir, "regions"));
  mkdirSync(join(dir, "fixtures", "topologies"), { recursive: true });
  const topology = join(dir, "fixtures", "topologies", "dc-small.yaml");
  writeFileSync(topology, `apiVersion: outage-sim/v1
kind: Topology
region:
  plants:
    - id: dc1-p
      chillers: { count: 4, standby: 1, restartFailureProbability: 0 }
      storage: { rideThroughMinutes: 5 }
  halls:
    - { id: dc1-h1, plant: dc1-p }
  clusters:
    - { id: dc1-web, hall: dc1-h1, role: compute, servers: 600, kwPerServer: 0.5 }
  services:
    web: { title: web tier, runsOn: [dc1-web] }
`);
  writeFileSync(join(dir, "regions", "gz.yaml"), `apiVersion: outage-sim/v1
kind: Scenario
name: small-import
title: a plant trip in an imported topology
seed: 3
horizon: 8h
region:
  import: ../fixtures/topologies/dc-small.yaml
  apps:
    store: { users: 20000, dependsOn: [web] }
faults:
  plant-trip: { type: cooling:chiller-fail, plant: dc1-p, at: 1h }
operators:
  restart: { at: 3h, do: { action: restart-chillers, plant: dc1-p } }
  power-on: { at: 3h30m, do: { action: power-on, hall: dc1-h1, batchSize: 300, every: 5m } }
`);
  const args = ["run", "regions/gz.yaml", "--seed", "7", "--horizon", "9h", "--set", "operators.restart.at=2h30m", "--set", "region.plants[0].storage.rideThroughMinutes=30"];

  it("records the tool, the file as given with its SHA-256 and its imports', the seed, the horizon and every override", () => {
    const result = runCli([...args, "--format", "json"], { cwd: dir });
    expect(result.stderr).toBe("");
    const p = (JSON.parse(result.stdout) as { provenance: ProvenanceJson }).provenance;
    expect(p.tool).toEqual({ name: "outage-sim", version: VERSION });
    expect(p.scenario).toEqual({ path: "regions/gz.yaml", sha256: sha256(join(dir, "regions", "gz.yaml")) });
    expect(p.imports).toEqual([{ path: "../fixtures/topologies/dc-small.yaml", sha256: sha256(topology) }]);
    expect(p.seed).toBe(7);
    expect(p.horizonMs).toBe(9 * 3_600_000);
    expect(p.overrides).toEqual({ seed: 7, horizon: "9h", set: ["operators.restart.at=2h30m", "region.plants[0].storage.rideThroughMinutes=30"] });
    expect(p.replay).toBe("outage-sim run regions/gz.yaml --seed 7 --horizon 9h --set operators.restart.at=2h30m --set 'region.plants[0].storage.rideThroughMinutes=30'");
  });

  it("the replay command of the JSON report makes the same report, byte for byte", () => {
    const first = runCli([...args, "--format", "json"], { cwd: dir });
    const p = (JSON.parse(first.stdout) as { provenance: ProvenanceJson }).provenance;
    const again = replay(p.replay, dir, " --format json");
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
  });

  it("the text, Markdown, HTML and JUnit reports carry the same provenance, and their replay command runs", () => {
    const json = runCli([...args, "--format", "json"], { cwd: dir });
    const p = (JSON.parse(json.stdout) as { provenance: ProvenanceJson }).provenance;
    const text = runCli([...args, "--width", "200"], { cwd: dir }).stdout;
    expect(text).toContain(`outage-sim ${VERSION} · seed 7 · horizon 9h`);
    expect(text).toContain(`scenario regions/gz.yaml  sha256 ${p.scenario.sha256}\n`);
    expect(text).toContain(`Replay: ${p.replay}\n`);
    const narrow = runCli([...args, "--width", "60"], { cwd: dir }).stdout;
    // At 60 columns the command is wrapped with shell continuations, whole, and no line is longer.
    const wrapped = narrow.slice(narrow.indexOf("Replay: ") + "Replay: ".length).trimEnd();
    expect(wrapped).toContain(" \\\n");
    expect(narrow.split("\n").every((l) => l.length <= 60)).toBe(true);
    expect(wrapped.replace(/ \\\n\s+/g, " ")).toBe(p.replay);

    const markdown = runCli([...args, "--format", "markdown"], { cwd: dir }).stdout;
    expect(markdown).toContain(`\`\`\`sh\n${p.replay}\n\`\`\``);
    expect(markdown).toContain(`| scenario | \`regions/gz.yaml\` | \`${p.scenario.sha256}\` |`);
    expect(markdown).toContain(`| import | \`../fixtures/topologies/dc-small.yaml\` | \`${p.imports[0]?.sha256}\` |`);
    expect(markdown).toContain("overrides: seed 7, horizon 9h, --set operators.restart.at=2h30m, --set region.plants[0].storage.rideThroughMinutes=30");

    const html = runCli([...args, "--format", "html"], { cwd: dir }).stdout;
    expect(html).toContain(`<code id="replay">${p.replay.replace(/'/g, "&#39;")}</code>`);
    expect(html).toContain(p.scenario.sha256);

    const junit = runCli([...args, "--format", "junit"], { cwd: dir }).stdout;
    expect(junit).toContain(`<property name="outage-sim.replay" value="${p.replay.replace(/'/g, "&apos;")}"/>`);
    expect(junit).toContain(`<property name="outage-sim.sha256" value="${p.scenario.sha256}"/>`);

    // The Markdown footer's command, pasted into a shell, runs and gives the same JSON.
    const fenced = /```sh\n(.+)\n```/.exec(markdown)?.[1] ?? "";
    expect(replay(fenced, dir, " --format json").stdout).toBe(json.stdout);
  });

  it("without --seed, the replay command leaves the scenario's seed to the scenario and gives the same bytes", () => {
    const first = runCli(["run", "avatar-migration.yaml", "--format", "json"]);
    const p = (JSON.parse(first.stdout) as { provenance: ProvenanceJson }).provenance;
    expect(p.replay).toBe("outage-sim run avatar-migration.yaml");
    expect(p.seed).toBe(1);
    expect(replay(p.replay, ROOT, " --format json").stdout).toBe(first.stdout);
  });

  it("a shipped scenario named by its name replays from any folder", () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "outage-sim-elsewhere-"));
    const first = runCli(["run", "avatar-migration", "--seed", "3", "--format", "markdown"], { cwd: elsewhere });
    expect(first.code).toBe(0);
    const command = /```sh\n(.+)\n```/.exec(first.stdout)?.[1] ?? "";
    expect(command).toBe("outage-sim run avatar-migration --seed 3");
    const again = replay(command, elsewhere, " --format markdown");
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
  });
});

describe("run - reads the scenario from standard input", () => {
  it("runs it like the file, names it <stdin> in problems, and its replay command replays with the same input", () => {
    const file = join(ROOT, "fixtures", "ci", "payments.yaml");
    const text = readFileSync(file, "utf8");
    const spawn = (args: string[], input: string, cwd = ROOT): { code: number | null; stdout: string; stderr: string } => {
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const piped = spawn(["run", "-", "--format", "json"], text);
    expect(piped.code, piped.stderr).toBe(0);
    const fromFile = runCli(["run", file, "--format", "json"]);
    const report = JSON.parse(piped.stdout) as { provenance: ProvenanceJson };
    expect(report.provenance.scenario).toEqual({ path: "-", sha256: sha256(file) });
    expect({ ...report, provenance: null }).toEqual({ ...(JSON.parse(fromFile.stdout) as object), provenance: null });
    // The replay command, with the same scenario piped in, gives the same bytes.
    const again = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" ${report.provenance.replay.slice("outage-sim ".length)} --format json`], { input: text, encoding: "utf8" });
    expect(again.stdout).toBe(piped.stdout);

    const bad = spawn(["run", "-"], text.replace("horizon: 6h", "horizon: 6hours"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^<stdin>:11:10 {2}horizon {2}"6hours" is not a duration/m);
    const empty = spawn(["run", "-"], "");
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("standard input is empty");
  });
});
