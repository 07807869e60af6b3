import { Option, type Command } from "commander";
import { runScenario } from "../../runner/run-scenario.js";
import { describeSteadyStateFailure, evaluateSteadyState, steadyStateChecksOf } from "../../runner/steady-state.js";
import { saveBaseline } from "../baseline-io.js";
import { renderJson } from "../../report/json.js";
import { renderText, type TextOptions } from "../../report/text.js";
import { budgetMessage, budgetThatRanOut, type Run } from "../../runner/run.js";
import { renderMarkdown } from "../../report/markdown.js";
import { renderHtml } from "../../report/html.js";
import { renderRunJunit } from "../../report/run-junit.js";
import { EXIT } from "../exit-codes.js";
import { resolveScenarioPath } from "../io.js";
import { loadFileFromPath } from "../load.js";
import { terminalColor, terminalWidth } from "../terminal.js";
import { emit, parseHorizon, parseSeed, type CommandContext } from "./context.js";
import { collectSet, parseSets } from "./sweep.js";

/** Renders a finished run in one of the report formats. */
function renderRun(run: Run, format: "text" | "json" | "markdown" | "junit" | "html", text: TextOptions): string {
  switch (format) {
    case "json": return renderJson(run);
    case "markdown": return renderMarkdown(run);
    case "junit": return renderRunJunit(run);
    case "html": return renderHtml(run);
    case "text": return renderText(run, text);
  }
}

/** `run <scenario>`: runs a scenario and prints its report; the exit code says whether it held. */
export function registerRun(program: Command, context: CommandContext): void {
  const { streams, setCode } = context;
  program
    .command("run")
    .description("run a scenario and report the cascade (a path, or the name of a shipped scenario)")
    .argument("<scenario>", "scenario file, or a shipped scenario name such as tencent-cooling.yaml")
    .option("--seed <n>", "seed of the run (default: the scenario's)", parseSeed)
    .option("--horizon <duration>", "simulate this long instead of the scenario's horizon (e.g. 12h)", parseHorizon)
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown", "junit", "html"]).default("text"))
    .option("--out <file>", "write the report to this file (atomically) instead of stdout")
    .option("--set <path=value>", "override a value of the scenario, e.g. --set faults.trip.at=2h (repeatable)", collectSet, [])
    .option("--save-baseline <file>", "also write the cascade signature to this file (atomically), for `outage-sim check`")
    .option("--detail", "text: list every transition instead of folding related ones")
    .option("--check-invariants", "check the model's conservation laws after every event (slower; a broken law is a bug, exit 70)")
    .option("--no-color", "never colour the output (NO_COLOR and FORCE_COLOR are honoured too)")
    .action((given: string, opts: { seed?: number; horizon?: number; format: "text" | "json" | "markdown" | "junit" | "html"; out?: string; set: string[]; saveBaseline?: string; detail?: boolean; checkInvariants?: boolean; color: boolean }) => {
      const path = resolveScenarioPath(given);
      const loaded = loadFileFromPath(path, parseSets(opts.set));
      context.setSeed(opts.seed ?? loaded.scenario.seed);
      const run = runScenario(loaded.scenario, { ...(opts.seed !== undefined ? { seed: opts.seed } : {}), ...(opts.horizon !== undefined ? { horizonMs: opts.horizon } : {}), checkInvariants: opts.checkInvariants === true });
      const steady = evaluateSteadyState(steadyStateChecksOf(loaded.scenario), run);
      streams.err(describeSteadyStateFailure(steady, run));
      if (!steady.held) {
        setCode(EXIT.expectationFailed);
        return;
      }
      if (opts.saveBaseline !== undefined && budgetThatRanOut(run) === undefined) saveBaseline(run, opts.saveBaseline);
      const toFile = opts.out !== undefined;
      const content = renderRun(run, opts.format, { color: !toFile && terminalColor(opts.color), width: terminalWidth(), detail: opts.detail === true });
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
