import { Option, type Command } from "commander";
import { loadScenario, renderReport, runScenario } from "../../api/index.js";
import { describeSteadyStateFailure, evaluateSteadyState, steadyStateChecksOf } from "../../runner/steady-state.js";
import { saveBaseline } from "../baseline-io.js";
import { budgetMessage, budgetThatRanOut } from "../../runner/run.js";
import { EXIT } from "../exit-codes.js";
import { fileReader, resolveScenarioPath } from "../io.js";
import { STDIN_NAME, stdinReader } from "../stdin.js";
import { terminalColor, terminalWidth, UNLIMITED_WIDTH } from "../terminal.js";
import { emit, parseSeed, type CommandContext } from "./context.js";
import { collectSet, parseHorizonText, parseSets } from "./sweep.js";

/** `run <scenario>`: runs a scenario and prints its report; the exit code says whether it held. */
export function registerRun(program: Command, context: CommandContext): void {
  const { streams, setCode } = context;
  program
    .command("run")
    .description("run a scenario and report the cascade (a path, or the name of a shipped scenario)")
    .argument("<scenario>", "scenario file, a shipped scenario name such as tencent-cooling.yaml, or - to read it from standard input")
    .option("--seed <n>", "seed of the run (default: the scenario's)", parseSeed)
    .option("--horizon <duration>", "simulate this long instead of the scenario's horizon (e.g. 12h)", parseHorizonText)
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown", "junit", "html"]).default("text"))
    .option("--out <file>", "write the report to this file (atomically) instead of stdout")
    .option("--set <path=value>", "override a value of the scenario, e.g. --set faults.trip.at=2h (repeatable)", collectSet, [])
    .option("--save-baseline <file>", "also write the cascade signature to this file (atomically), for `outage-sim check`")
    .option("--detail", "text: list every transition instead of folding related ones")
    .option("--check-invariants", "check the model's conservation laws after every event (slower; a broken law is a bug, exit 70)")
    .action((given: string, opts: { seed?: number; horizon?: { text: string; ms: number }; format: "text" | "json" | "markdown" | "junit" | "html"; out?: string; set: string[]; saveBaseline?: string; detail?: boolean; checkInvariants?: boolean }) => {
      // `-` reads the scenario from standard input; its imports are read relative to the current folder.
      const path = given === "-" ? STDIN_NAME : resolveScenarioPath(given);
      parseSets(opts.set); // a malformed --set is one sentence, exit 2, before anything is read
      const loaded = loadScenario(path, { set: opts.set, reader: given === "-" ? stdinReader() : fileReader, givenAs: given });
      context.setSeed(opts.seed ?? loaded.scenario.seed);
      const run = runScenario(loaded, { ...(opts.seed !== undefined ? { seed: opts.seed } : {}), ...(opts.horizon !== undefined ? { horizon: opts.horizon.text } : {}), checkInvariants: opts.checkInvariants === true });
      const steady = evaluateSteadyState(steadyStateChecksOf(loaded.scenario), run);
      streams.err(describeSteadyStateFailure(steady, run));
      if (!steady.held) {
        setCode(EXIT.expectationFailed);
        return;
      }
      if (opts.saveBaseline !== undefined && budgetThatRanOut(run) === undefined) saveBaseline(run, opts.saveBaseline);
      const toFile = opts.out !== undefined;
      const content = renderReport(run, opts.format, { color: !toFile && terminalColor(context.globals().color), width: toFile ? terminalWidth(context.globals().width ?? UNLIMITED_WIDTH) : terminalWidth(context.globals().width), detail: opts.detail === true });
      emit(content, opts.out, streams);
      if (budgetThatRanOut(run) !== undefined) {
        streams.err(`outage-sim: ${budgetMessage(run)}.\n`);
        setCode(EXIT.limitReached);
      } else if (run.unsettled.length > 0) {
        streams.err(`outage-sim: the run did not settle by the horizon: ${run.unsettled.join(", ")} still impacted. Raise --horizon or add recovery steps.\n`);
        setCode(EXIT.limitReached);
      } else if (run.verdicts.some((v) => !v.passed && v.severity === "critical")) {
        streams.err(`outage-sim: ${run.verdicts.filter((v) => !v.passed && v.severity === "critical").length} critical expectation(s) failed.\n`);
        setCode(EXIT.expectationFailed);
      }
    });
}
