import { existsSync, mkdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { checkSweepBlock } from "../../scenario/axes-check.js";
import { loadScenario } from "../../scenario/load.js";
import { formatProblem } from "../../scenario/problem.js";
import { importsOf, rewriteImports, withoutSchemaModeline, withSchemaModeline } from "../../scenario/rewrite-imports.js";
import { EXIT, UserError } from "../exit-codes.js";
import { fileReader, packageRoot, resolveScenarioPath, writeFileAtomic } from "../io.js";
import { starterScenario } from "../starter.js";
import type { CommandContext } from "./context.js";

/** One file `init` writes: where (absolute), and its text. */
interface PlannedFile {
  readonly dest: string;
  readonly text: string;
}

/** At most this many files are copied with a scenario (the loader's import depth bounds it anyway). */
const MAX_COPIED = 64;

/** A path as written in a file: forward slashes, and `./` dropped. */
function posix(path: string): string {
  return path.split("\\").join("/");
}

/** The schema modeline's path from `folder` to the package's scenario schema. */
function schemaPathFrom(folder: string): string {
  return posix(relative(folder, join(packageRoot(), "schema", "scenario.schema.json")));
}

/** A kebab-case scenario name from a folder name, or `my-scenario`. */
function nameFromFolder(dir: string): string {
  const slug = basename(resolve(dir)).toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
  return /^[a-z0-9][a-z0-9-]*$/.test(slug) ? slug : "my-scenario";
}

/** The starter scenario, named after the folder. */
function starterPlan(dir: string): PlannedFile[] {
  const name = nameFromFolder(dir);
  const folder = resolve(dir);
  return [{ dest: join(folder, `${name}.yaml`), text: starterScenario(name, schemaPathFrom(folder)) }];
}

/**
 * A scenario and every file it imports, directly or not: the scenario goes to `dir`, each imported
 * topology to `dir/topologies/`, and every import path is rewritten to the new place.
 */
function copyPlan(from: string, dir: string): PlannedFile[] {
  const source = resolve(resolveScenarioPath(from));
  const folder = resolve(dir);
  const destOf = new Map<string, string>([[source, join(folder, basename(source))]]);
  const texts = new Map<string, string>();
  const queue = [source];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (texts.has(file)) continue;
    const read = fileReader.read(file);
    if (!read.ok) throw new UserError(`cannot read "${file}": ${read.reason}`);
    texts.set(file, read.text);
    for (const entry of importsOf(read.text)) {
      const target = resolve(dirname(file), entry);
      if (!destOf.has(target)) {
        const taken = new Set(destOf.values());
        let dest = join(folder, "topologies", basename(target));
        for (let k = 2; taken.has(dest); k++) dest = join(folder, "topologies", basename(target).replace(/(\.ya?ml)?$/, `-${k}$1`));
        destOf.set(target, dest);
      }
      queue.push(target);
    }
    if (destOf.size > MAX_COPIED) throw new UserError(`"${from}" imports more than ${MAX_COPIED} files. Copy it by hand`);
  }
  return [...texts].map(([file, text]) => {
    const dest = destOf.get(file) as string;
    const moved = rewriteImports(text, (entry) => {
      const target = destOf.get(resolve(dirname(file), entry)) as string;
      return posix(relative(dirname(dest), target));
    });
    return { dest, text: file === source ? withSchemaModeline(moved, schemaPathFrom(dirname(dest))) : withoutSchemaModeline(moved) };
  });
}

/** `init [dir] [--from NAME]`: writes a scenario to start from, checks it, and says what to run next. */
export function registerInit(program: Command, context: CommandContext): void {
  const { streams, setCode } = context;
  program
    .command("init")
    .description("create a scenario to start from: a small starter, or a shipped scenario with the topology files it imports")
    .argument("[dir]", "folder to write it in, created when missing", ".")
    .option("--from <name>", "copy this shipped scenario (see `outage-sim list`) or scenario file, with every file it imports")
    .option("--force", "overwrite files that already exist")
    .action((dir: string, opts: { from?: string; force?: boolean }) => {
      if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UserError(`"${dir}" is a file, not a folder. Name a folder to create the scenario in`);
      const plan = opts.from === undefined ? starterPlan(dir) : copyPlan(opts.from, dir);
      // Paths are shown the way the folder was given.
      const shownOf = (dest: string): string => posix(join(dir, relative(resolve(dir), dest)));
      const clashes = plan.filter((f) => existsSync(f.dest)).map((f) => shownOf(f.dest));
      if (clashes.length > 0 && opts.force !== true) throw new UserError(`would overwrite ${clashes.join(", ")}. Choose another folder, or add --force`);
      for (const f of plan) mkdirSync(dirname(f.dest), { recursive: true });
      // The scenario last: it never exists without the topologies it imports.
      for (const f of [...plan.slice(1), plan[0] as PlannedFile]) writeFileAtomic(f.dest, f.text);
      const scenarioFile = (plan[0] as PlannedFile).dest;
      const shown = shownOf(scenarioFile);
      for (const f of [...plan.slice(1), plan[0] as PlannedFile]) streams.out(`created  ${shownOf(f.dest)}\n`);
      const loaded = loadScenario(scenarioFile, fileReader);
      const problems = loaded.ok ? checkSweepBlock(scenarioFile, fileReader) : loaded.problems;
      if (!loaded.ok || problems.length > 0) {
        for (const problem of problems) streams.err(`${formatProblem(problem)}\n`);
        streams.err(`outage-sim: the new scenario does not validate (${problems.length} problem(s)); this is a bug in outage-sim, please report it.\n`);
        setCode(EXIT.internal);
        return;
      }
      streams.out(`ok       ${shown}  ${loaded.loaded.scenario.title}\n\nNext:\n  outage-sim run ${shown}\n  outage-sim validate ${shown}   after each change\n`);
    });
}
