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
import type { CommandContext, Streams } from "./commands/context.js";
import { EXIT, UserError } from "./exit-codes.js";

export type { Streams } from "./commands/context.js";

const processStreams: Streams = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Builds the commander program with every command. */
function buildProgram(context: CommandContext): Command {
  const program = new Command();
  program
    .name("outage-sim")
    .description("Deterministic simulator of cloud-region failures: from a cooling fault to what users see.")
    .showHelpAfterError("(run outage-sim --help for usage)")
    .configureOutput({ writeOut: (s) => context.streams.out(s), writeErr: (s) => context.streams.err(s) })
    .exitOverride();
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
  return program;
}

/** Runs the CLI with `argv` (as process.argv) and resolves to the exit code; never throws. */
export async function main(argv: readonly string[], streams: Streams = processStreams): Promise<number> {
  let code: number = EXIT.ok;
  let seed: number | undefined;
  const program = buildProgram({ streams, setCode: (c) => { code = c; }, setSeed: (s) => { seed = s; } });
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
    const seedNote = seed === undefined ? "" : ` (seed ${seed})`;
    streams.err(`outage-sim: internal error${seedNote}: ${(error as Error)?.stack ?? String(error)}\nThis is a bug in outage-sim. Please report it with the scenario file and the seed.\n`);
    return EXIT.internal;
  }
}
