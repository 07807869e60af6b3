import { Command, CommanderError } from "commander";
import { formatProblem, ScenarioError } from "../scenario/problem.js";
import { registerCheck } from "./commands/check.js";
import { registerExplain } from "./commands/explain.js";
import { registerList } from "./commands/list.js";
import { registerCompare } from "./commands/compare.js";
import { registerMerge } from "./commands/merge.js";
import { registerHunt } from "./commands/hunt.js";
import { registerSweep } from "./commands/sweep.js";
import { registerRun } from "./commands/run.js";
import { registerSchema } from "./commands/schema.js";
import { registerTest } from "./commands/test.js";
import { registerValidate } from "./commands/validate.js";
import { parseWidth, type CommandContext, type GlobalOptions, type Streams } from "./commands/context.js";
import { registerCompletion } from "./commands/completion.js";
import { registerInit } from "./commands/init.js";
import { HELP_FOOTER } from "./help.js";
import { toolVersion } from "../api/version.js";
import { EXIT, reportInternalError, UserError } from "./exit-codes.js";
import { allowImportRoot } from "./io.js";
import { LimitReached } from "../scenario/limits.js";

export type { Streams } from "./commands/context.js";

const processStreams: Streams = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

const COLOR_HELP = "never colour the output (NO_COLOR and FORCE_COLOR are honoured too)";
const WIDTH_HELP = "fit text output to N columns (default: the terminal's; nothing is cut when piped)";

/** Adds the global options to a command, so they are accepted after its name as well as before. */
function addGlobalOptions(command: Command): void {
  command.option("--no-color", COLOR_HELP).option("--width <n>", WIDTH_HELP, parseWidth);
}

/** Reads the global options of the command that runs: given before its name (on the program) or after it. */
function globalsOf(program: Command, action: Command): GlobalOptions {
  const outer = program.opts<{ color?: boolean; width?: number }>();
  const inner = action.opts<{ color?: boolean; width?: number }>();
  return { color: outer.color !== false && inner.color !== false, width: inner.width ?? outer.width };
}

/** Builds the commander program with every command. */
function buildProgram(context: CommandContext, setGlobals: (g: GlobalOptions) => void): Command {
  const program = new Command();
  program
    .name("outage-sim")
    .description("Deterministic simulator of cloud-region failures: from a cooling fault to what users see.")
    .version(toolVersion(), "-V, --version", "print the version and exit")
    .helpOption("-h, --help", "show help for outage-sim or a command")
    .addHelpText("after", HELP_FOOTER)
    .showHelpAfterError("(run outage-sim --help for usage)")
    .configureOutput({ writeOut: (s) => context.streams.out(s), writeErr: (s) => context.streams.err(s) })
    .exitOverride()
    .option("--debug", "on an internal error, print its stack trace too")
    .option("--import-root <dir>", "also let scenarios import files under this folder (repeatable)", (dir: string, all: string[]) => [...all, dir], [] as string[])
    .hook("preAction", (root) => {
      for (const dir of (root.opts() as { importRoot: string[] }).importRoot) allowImportRoot(dir);
    });
  addGlobalOptions(program);
  registerRun(program, context);
  registerExplain(program, context);
  registerValidate(program, context);
  registerList(program, context);
  registerSchema(program, context);
  registerSweep(program, context);
  registerCompare(program, context);
  registerMerge(program, context);
  registerHunt(program, context);
  registerCheck(program, context);
  registerTest(program, context);
  registerInit(program, context);
  registerCompletion(program, context);
  for (const command of program.commands) addGlobalOptions(command);
  program.hook("preAction", (_program, action) => setGlobals(globalsOf(program, action)));
  return program;
}

/** Runs the CLI with `argv` (as process.argv) and resolves to the exit code; never throws. */
export async function main(argv: readonly string[], streams: Streams = processStreams): Promise<number> {
  let code: number = EXIT.ok;
  let seed: number | undefined;
  let globals: GlobalOptions = { color: true, width: undefined };
  const program = buildProgram({ streams, setCode: (c) => { code = c; }, setSeed: (s) => { seed = s; }, globals: () => globals }, (g) => { globals = g; });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
      return error.exitCode === 0 ? EXIT.ok : EXIT.invalidInput;
    }
    if (error instanceof ScenarioError) {
      for (const problem of error.problems) streams.err(`${formatProblem(problem)}\n`);
      streams.err(`${error.problems.length} problem(s); nothing was run.\n`);
      return EXIT.invalidInput;
    }
    if (error instanceof UserError) {
      streams.err(`outage-sim: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof LimitReached) {
      streams.err(`outage-sim: ${error.message}\n`);
      return EXIT.limitReached;
    }
    return reportInternalError(error, seed, argv.includes("--debug"), streams);
  }
}
