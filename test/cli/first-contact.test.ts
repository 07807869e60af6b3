import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/cli.js";

const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "outage-sim-first-"));
}

describe("--version and --help", () => {
  it("prints the package's version with --version and -V, exit 0", () => {
    for (const flag of ["--version", "-V"]) {
      const result = runCli([flag]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${VERSION}\n`);
    }
  });

  it("--help has examples, the exit codes and a pointer to the docs", () => {
    const result = runCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Examples:\n  outage-sim list");
    expect(result.stdout).toMatch(/Exit codes:\n {2}0 {3}ran;[\s\S]*\n {2}70 {2}internal error/);
    expect(result.stdout).toContain("docs/scenario-format.md");
    for (const command of ["run", "init", "completion", "validate", "test", "sweep"]) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
  });
});

describe("global options on every command", () => {
  const dir = scratch();
  // Each command with arguments that make it do its work, on a small scenario (payments has a baseline beside it).
  const small = join(ROOT, "fixtures", "ci", "payments.yaml");
  const commands: readonly (readonly string[])[] = [
    ["run", small, "--format", "json"],
    ["explain", small],
    ["validate", small],
    ["check", small],
    ["test", small],
    ["list"],
    ["schema"],
    ["sweep", small, "--runs", "2", "--workers", "1", "--no-progress"],
    ["compare", small, "--set-b", "seed=2", "--runs", "2", "--workers", "1", "--no-progress"],
    ["init", join(dir, "fresh")],
    ["completion", "bash"],
  ];

  for (const args of commands) {
    it(`${args[0]} accepts --no-color and --width after its name`, () => {
      const after = runCli([...args, "--no-color", "--width", "100"]);
      expect(after.stderr).not.toMatch(/unknown option/);
      expect(after.code, after.stderr).toBe(0);
    });
  }

  it("accepts them before the command's name too, with the same output", () => {
    for (const args of [["validate", small], ["run", small]]) {
      const before = runCli(["--no-color", "--width", "100", ...args]);
      expect(before.code, before.stderr).toBe(0);
      expect(before.stdout).toBe(runCli([...args, "--width", "100", "--no-color"]).stdout);
    }
  });

  it("--no-color before the command wins over FORCE_COLOR, like after it", () => {
    const plain = runCli(["--no-color", "run", small], { env: { FORCE_COLOR: "1" } });
    expect(plain.stdout).not.toContain("\u001b[");
    const coloured = runCli(["run", small], { env: { FORCE_COLOR: "1" } });
    expect(coloured.stdout).toContain("\u001b[");
  });

  it("refuses a width that is not a number, exit 2 with a sentence", () => {
    const result = runCli(["list", "--width", "wide"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("the width is a whole number of columns");
  });
});

describe("outage-sim init", () => {
  it("writes a starter scenario named after the folder that validates, runs and holds its expectations", () => {
    const dir = join(scratch(), "my-region");
    const result = runCli(["init", dir]);
    expect(result.code, result.stderr).toBe(0);
    const file = join(dir, "my-region.yaml");
    expect(result.stdout).toContain(`ok       ${file}`);
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/^# yaml-language-server: \$schema=.*schema\/scenario\.schema\.json\n/);
    // The modeline points at the real schema, from the scenario's folder.
    const schema = /\$schema=(.*)\n/.exec(text)?.[1] as string;
    expect(existsSync(join(dir, schema))).toBe(true);
    expect(text).toContain("name: my-region\n");
    expect(text).toMatch(/\nexpect:\n {2}steadyState:\n[\s\S]*\n {2}outcome:\n/);
    const run = runCli(["run", file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^pass {2}shop-back-by-05/m);
    expect(run.stdout).toContain("0 failed");
  });

  it("--from copies a shipped scenario with the topology it imports, rewrites the import, and the copy runs like the original", () => {
    const dir = scratch();
    const result = runCli(["init", "copy", "--from", "tencent-cooling"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("created  copy/topologies/gz-a-facility.yaml\n");
    expect(result.stdout).toContain("created  copy/tencent-cooling.yaml\n");
    const text = readFileSync(join(dir, "copy", "tencent-cooling.yaml"), "utf8");
    expect(text).toContain("  import: topologies/gz-a-facility.yaml\n");
    // Everything but the import and the modeline is kept byte for byte.
    const original = readFileSync(join(ROOT, "scenarios", "tencent-cooling.yaml"), "utf8");
    expect(text.split("\n").slice(1).join("\n")).toBe(original.split("\n").slice(1).join("\n").replace("import: ../fixtures/topologies/gz-a-facility.yaml", "import: topologies/gz-a-facility.yaml"));
    expect(readFileSync(join(dir, "copy", "topologies", "gz-a-facility.yaml"), "utf8")).toBe(readFileSync(join(ROOT, "fixtures", "topologies", "gz-a-facility.yaml"), "utf8"));
    const copy = runCli(["run", "copy/tencent-cooling.yaml", "--format", "json"], { cwd: dir });
    const shipped = runCli(["run", "tencent-cooling.yaml", "--format", "json"]);
    const withoutProvenance = (json: string): unknown => ({ ...(JSON.parse(json) as object), provenance: null });
    expect(copy.code).toBe(0);
    expect(withoutProvenance(copy.stdout)).toEqual(withoutProvenance(shipped.stdout));
  });

  it("never overwrites a file unless --force, exit 2 with a sentence", () => {
    const dir = scratch();
    expect(runCli(["init", "--from", "avatar-migration"], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, "avatar-migration.yaml"), "mine\n");
    const again = runCli(["init", "--from", "avatar-migration"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("would overwrite avatar-migration.yaml. Choose another folder, or add --force");
    expect(readFileSync(join(dir, "avatar-migration.yaml"), "utf8")).toBe("mine\n");
    const forced = runCli(["init", "--from", "avatar-migration", "--force"], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, "avatar-migration.yaml"), "utf8")).not.toBe("mine\n");
  });

  it("names an unknown scenario or a file in the way, exit 2, no stack trace", () => {
    const dir = scratch();
    const unknown = runCli(["init", dir, "--from", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no scenario at "nope"');
    writeFileSync(join(dir, "file"), "x");
    const file = runCli(["init", join(dir, "file")]);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain("is a file, not a folder");
    expect(unknown.stderr + file.stderr).not.toMatch(STACK_TRACE);
  });
});

describe("outage-sim completion", () => {
  it("prints a bash script that bash accepts and that completes commands and each command's options", () => {
    const result = runCli(["completion", "bash"]);
    expect(result.code).toBe(0);
    const dir = scratch();
    const script = join(dir, "outage-sim.bash");
    writeFileSync(script, result.stdout);
    expect(spawnSync("bash", ["-n", script]).status).toBe(0);
    // Ask the completion function, as bash does on <Tab>.
    const ask = (words: string): string => {
      const line = `source ${script}; COMP_WORDS=(${words}); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); _outage_sim; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return spawnSync("bash", ["-c", line], { encoding: "utf8", cwd: dir }).stdout;
    };
    expect(ask("outage-sim ru").split("\n")).toContain("run");
    expect(ask("outage-sim run x.yaml --se").split("\n")).toEqual(expect.arrayContaining(["--seed", "--set"]));
    expect(ask("outage-sim sweep x.yaml --fa").split("\n")).toContain("--fail-under");
    expect(ask("outage-sim --ver").split("\n")).toContain("--version");
  });

  it("prints zsh and fish scripts naming every command, and refuses another shell", () => {
    const zsh = runCli(["completion", "zsh"]);
    expect(zsh.stdout.startsWith("#compdef outage-sim\n")).toBe(true);
    const fish = runCli(["completion", "fish"]);
    for (const command of ["run", "validate", "init", "sweep"]) {
      expect(zsh.stdout).toContain(`'${command}:`);
      expect(fish.stdout).toContain(`-a ${command} `);
    }
    expect(fish.stdout).toContain("__fish_seen_subcommand_from run\" -l seed");
    const other = runCli(["completion", "tcsh"]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("the shell is bash, zsh or fish");
  });
});

describe("the terminal report with CJK text and emoji", () => {
  // An independent measure: two columns for CJK ideographs, fullwidth punctuation and these emoji.
  const columns = (line: string): number => [...line.replace(/\u001b\[[0-9;]*m/g, "")].reduce((n, ch) => n + (/[\u3000-\u303f\u4e00-\u9fff\uff00-\uff60💳⏳❌]/u.test(ch) ? 2 : 1), 0);

  it("fits every line in --width display columns, and shows the text whole when piped", () => {
    const dir = scratch();
    const file = join(dir, "cjk.yaml");
    writeFileSync(file, readFileSync(join(ROOT, "fixtures", "ci", "payments.yaml"), "utf8")
      .replace('symptoms: { degraded: "payment slow", down: "payment fails" }', 'title: "微信支付 💳", symptoms: { degraded: "支付缓慢，请稍后再试 ⏳", down: "支付失败：无法连接到服务器，订单未完成 ❌" }'));
    for (const width of [60, 80, 100]) {
      const result = runCli(["run", file, "--width", String(width)]);
      expect(result.code, result.stderr).toBe(0);
      const lines = result.stdout.split("\n");
      expect(Math.max(...lines.map(columns))).toBeLessThanOrEqual(width);
      expect(lines.filter((l) => l.includes("支付")).length).toBeGreaterThan(0);
    }
    const piped = runCli(["run", file]);
    expect(piped.stdout).toContain('⇒ payments impacted: "支付失败：无法连接到服务器，订单未完成 ❌"');
  });
});
