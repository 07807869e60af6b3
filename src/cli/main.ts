import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { basename } from "node:path";
import { formatProblem, ScenarioError } from "../scenario/problem.js";
import { loadScenario } from "../scenario/load.js";
import { parseDurationMs } from "../scenario/schema/units.js";
import { scenarioJsonSchema } from "../scenario/json-schema.js";
import { runScenario } from "../runner/run-scenario.js";
import { renderJson } from "../report/json.js";
import { renderText } from "../report/text.js";
import { EXIT, UserError } from "./exit-codes.js";
import { fileReader, listShippedScenarios, resolveScenarioPath, writeFileAtomic } from "./io.js";
import { loadFileFromPath } from "./load.js";
import { terminalColor, terminalWidth } from "./terminal.js";

/** Output streams, injectable so tests can run the CLI in-process too. */
export interface Streams {
  out(text: string): void;
  err(text: string): void;
}

const processStreams: Streams = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError("the seed is a whole number ≥ 0, e.g. --seed 42.");
  return Number(value);
}

function parseHorizon(value: string): number {
  const ms = parseDurationMs(value);
  if (ms === undefined || ms <= 0) throw new InvalidArgumentError("write a duration with a unit, e.g. --horizon 16h or --horizon 90m.");
  return ms;
}

/** Where the current command's run seed is, for the internal-error message. */
let currentSeed: number | undefined;

function emit(content: string, outFile: string | undefined, streams: Streams): void {
  if (outFile === undefined) streams.out(content);
  else writeFileAtomic(outFile, content);
}

/** Builds the commander program; actions return exit codes through `setCode`. */
function buildProgram(streams: Streams, setCode: (code: number) => void): Command {
  const program = new Command();
  program
    .name("outage-sim")
    .description("Deterministic simulator of cloud-region failures: from a cooling fault to what users see.")
    .showHelpAfterError("(run outage-sim --help for usage)")
    .configureOutput({ writeOut: (s) => streams.out(s), writeErr: (s) => streams.err(s) })
    .exitOverride();

  program
    .command("run")
    .description("run a scenario and report the cascade (a path, or the name of a shipped scenario)")
    .argument("<scenario>", "scenario file, or a shipped scenario name such as tencent-cooling.yaml")
    .option("--seed <n>", "seed of the run (default: the scenario's)", parseSeed)
    .option("--horizon <duration>", "simulate this long instead of the scenario's horizon (e.g. 12h)", parseHorizon)
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--out <file>", "write the report to this file (atomically) instead of stdout")
    .option("--detail", "text: list every transition instead of folding repeated ones")
    .option("--no-color", "never colour the output (NO_COLOR and FORCE_COLOR are honoured too)")
    .action((given: string, opts: { seed?: number; horizon?: number; format: "text" | "json"; out?: string; detail?: boolean; color: boolean }) => {
      const path = resolveScenarioPath(given);
      const loaded = loadFileFromPath(path);
      currentSeed = opts.seed ?? loaded.scenario.seed;
      const run = runScenario(loaded.scenario, { ...(opts.seed !== undefined ? { seed: opts.seed } : {}), ...(opts.horizon !== undefined ? { horizonMs: opts.horizon } : {}) });
      const toFile = opts.out !== undefined;
      const content = opts.format === "json"
        ? renderJson(run)
        : renderText(run, { color: !toFile && terminalColor(opts.color), width: terminalWidth(), detail: opts.detail === true });
      emit(content, opts.out, streams);
      if (run.stop.reason === "event-budget") {
        streams.err(`outage-sim: the event budget (${run.stop.eventsProcessed} events) ran out at ${(run.stop.atMs / 60000).toFixed(1)} min before the horizon. Raise limits.maxEvents or shorten the horizon.\n`);
        setCode(EXIT.limitReached);
      } else if (run.unsettled.length > 0) {
        streams.err(`outage-sim: the run did not settle by the horizon: ${run.unsettled.join(", ")} still impacted. Raise --horizon or add recovery steps.\n`);
        setCode(EXIT.limitReached);
      } else if (run.verdicts.some((v) => !v.passed && v.severity === "critical")) {
        streams.err(`outage-sim: ${run.verdicts.filter((v) => !v.passed && v.severity === "critical").length} critical expectation(s) failed.\n`);
        setCode(EXIT.expectationFailed);
      }
    });

  program
    .command("validate")
    .description("check scenario files and list every problem found")
    .argument("<files...>", "scenario files or shipped scenario names")
    .action((files: string[]) => {
      let bad = 0;
      for (const given of files) {
        let path: string;
        try {
          path = resolveScenarioPath(given);
        } catch (error) {
          streams.err(`${(error as Error).message}\n`);
          bad++;
          continue;
        }
        const result = loadScenario(path, fileReader);
        if (result.ok) streams.out(`ok  ${given}  ${result.loaded.scenario.title}\n`);
        else {
          bad++;
          for (const problem of result.problems) streams.err(`${formatProblem(problem)}\n`);
          streams.err(`${given}: ${result.problems.length} problem(s)\n`);
        }
      }
      if (bad > 0) setCode(EXIT.invalidInput);
    });

  program
    .command("list")
    .description("list the shipped scenarios with their titles")
    .action(() => {
      for (const path of listShippedScenarios()) {
        const result = loadScenario(path, fileReader);
        const title = result.ok ? result.loaded.scenario.title : "(invalid: run outage-sim validate)";
        streams.out(`${basename(path).padEnd(28)} ${title}\n`);
      }
    });

  program
    .command("schema")
    .description("print the JSON Schema of scenario files (for editors' yaml-language-server)")
    .option("--out <file>", "write it to this file (atomically) instead of stdout")
    .action((opts: { out?: string }) => {
      emit(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`, opts.out, streams);
    });
  return program;
}

/** Runs the CLI with `argv` (as process.argv) and resolves to the exit code; never throws. */
export async function main(argv: readonly string[], streams: Streams = processStreams): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(streams, (c) => {
    code = c;
  });
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
    const seedNote = currentSeed === undefined ? "" : ` (seed ${currentSeed})`;
    streams.err(`outage-sim: internal error${seedNote}: ${(error as Error)?.stack ?? String(error)}\nThis is a bug in outage-sim. Please report it with the scenario file and the seed.\n`);
    return EXIT.internal;
  }
}
