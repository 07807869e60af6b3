import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/cli.js";

/**
 * The programmatic API as a user gets it: from the tarball `npm pack` makes (of the build that
 * `npm test` has just made), installed into a project of its own, imported by its package name.
 * Its dependencies are linked from this checkout's node_modules, so nothing is downloaded.
 */
const app = mkdtempSync(join(tmpdir(), "outage-sim-api-"));
const installed = join(app, "node_modules", "outage-sim");
let files: string[] = [];

beforeAll(() => {
  const packed = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", app], { cwd: ROOT, encoding: "utf8" })) as { filename: string; files: { path: string }[] }[];
  const tarball = packed[0] as { filename: string; files: { path: string }[] };
  files = tarball.files.map((f) => f.path);
  mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", join(app, tarball.filename), "-C", installed, "--strip-components=1"]);
  symlinkSync(join(ROOT, "node_modules"), join(installed, "node_modules"), "dir");
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "platform-tooling", private: true, type: "module" }));
}, 120_000);

function node(script: string): { code: number | null; stdout: string; stderr: string } {
  const file = join(app, `script-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, script);
  const result = spawnSync(process.execPath, [file], { cwd: app, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the programmatic API, from the packed tarball", () => {
  it("ships the build with its types, the docs, LICENSE and CHANGELOG, and no tests", () => {
    for (const f of ["dist/src/api/index.js", "dist/src/api/index.d.ts", "LICENSE", "CHANGELOG.md", "README.md", "docs/api.md", "scenarios/tencent-cooling.yaml", "fixtures/topologies/gz-a-facility.yaml", "schema/scenario.schema.json"]) expect(files).toContain(f);
    expect(files.some((f) => f.startsWith("test/") || f.startsWith("dist/test/"))).toBe(false);
  });

  it("loads, runs and renders a scenario by the package's name, the same bytes as the CLI", () => {
    const scenario = join(installed, "scenarios", "avatar-migration.yaml");
    const result = node(`
      import { loadScenario, runScenario, renderReport, runHeld, replayCommand, version } from "outage-sim";
      const loaded = loadScenario(${JSON.stringify(scenario)});
      const run = runScenario(loaded);
      process.stdout.write(JSON.stringify({ version, held: runHeld(run), replay: replayCommand(run.provenance), apps: run.impacts.length }) + "\\n");
      process.stdout.write(renderReport(run, "json"));
    `);
    expect(result.stderr).toBe("");
    const [head, ...rest] = result.stdout.split("\n");
    const summary = JSON.parse(head as string) as { version: string; held: boolean; replay: string; apps: number };
    expect(summary.version).toBe((JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version);
    expect(summary.held).toBe(true);
    expect(summary.replay).toBe(`outage-sim run ${scenario}`);
    expect(summary.apps).toBeGreaterThan(0);
    expect(rest.join("\n")).toBe(runCli(["run", scenario, "--format", "json"]).stdout);
  });

  it("takes overrides, a seed and a horizon like the CLI, and throws a ScenarioError listing every problem", () => {
    const scenario = join(installed, "scenarios", "avatar-migration.yaml");
    const result = node(`
      import { loadScenario, loadScenarioText, runScenario, renderReport, ScenarioError, formatProblem } from "outage-sim";
      const run = runScenario(loadScenario(${JSON.stringify(scenario)}, { set: ["horizon=5h"] }), { seed: 9, horizon: "6h" });
      console.log(run.seed, run.horizonMs, run.provenance.overrides.set.join(","));
      // Every line fits 80 columns but the replay command, which is wrapped between words and never cut (its path is one long word here).
      const lines = renderReport(run, "text", { width: 80 }).split("\\n");
      console.log(lines.slice(0, lines.findIndex((l) => l.startsWith("Replay: "))).every((l) => [...l].length <= 80));
      try {
        loadScenarioText("apiVersion: outage-sim/v1\\nkind: Scenario\\nname: x\\ntitle: t\\nhorizon: 6hours\\nregion: {}\\n", { name: "inline.yaml" });
      } catch (error) {
        console.log(error instanceof ScenarioError, error.problems.map(formatProblem).join("\\n"));
      }
    `);
    expect(result.stderr).toBe("");
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe(`9 ${6 * 3_600_000} horizon=5h`);
    expect(lines[1]).toBe("true");
    expect(lines[2]).toMatch(/^true inline\.yaml:5:10 {2}horizon {2}"6hours" is not a duration/);
  });

  it("runs the example of docs/api.md as written", () => {
    const doc = readFileSync(join(ROOT, "docs", "api.md"), "utf8");
    const example = /```js\n([\s\S]*?)```/.exec(doc)?.[1] as string;
    expect(example).toContain('from "outage-sim"');
    const script = join(app, "example.mjs");
    writeFileSync(script, example);
    // Run from the installed package's folder, where scenarios/ is, as a user runs it from their checkout.
    const result = spawnSync(process.execPath, [script], { cwd: installed, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^pc-login: [\d.]+ min, "QR code expired"$/m);
    expect(result.stdout).toContain("replay: outage-sim run scenarios/tencent-cooling.yaml --seed 7 --horizon 16h --set operators.power-on-pay.at=8h\n");
    expect(readFileSync(join(installed, "report.md"), "utf8")).toMatch(/^## ✅ tencent-cooling/);
  });

  it("exports only the API: the CLI's internals are not reachable by a deep import", () => {
    const result = node(`import("outage-sim/dist/src/cli/main.js").then(() => console.log("reachable"), (e) => console.log(e.code));`);
    expect(result.stdout.trim()).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });

  it("its types check in a strict TypeScript project that imports it by name", () => {
    writeFileSync(join(app, "use.ts"), `
import { loadScenario, renderReport, runScenario, type Run, type AppImpact, type ReportFormat } from "outage-sim";
const run: Run = runScenario(loadScenario("x.yaml"), { seed: 1 });
const worst: AppImpact | undefined = run.impacts[0];
const format: ReportFormat = "markdown";
const text: string = renderReport(run, format);
// @ts-expect-error a format the API does not have
renderReport(run, "pdf");
export { worst, text };
`);
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", noEmit: true, skipLibCheck: false, types: [] }, files: ["use.ts"] }));
    const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", app], { cwd: app, encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
    expect(existsSync(join(installed, "dist", "src", "api", "index.d.ts"))).toBe(true);
    expect(readdirSync(app)).toContain("use.ts");
  });
});
