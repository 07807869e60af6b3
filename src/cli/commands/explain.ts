import { InvalidArgumentError, type Command } from "commander";
import { LocalClock } from "../../model/core/local-clock.js";
import { renderExplanations } from "../../report/explain.js";
import { explainAt } from "../../runner/explain.js";
import { runScenario } from "../../runner/run-scenario.js";
import { parseDurationMs } from "../../scenario/schema/units.js";
import { UserError } from "../exit-codes.js";
import { resolveScenarioPath } from "../io.js";
import { loadFileFromPath } from "../load.js";
import { terminalColor, terminalWidth, UNLIMITED_WIDTH } from "../terminal.js";
import { emit, parseSeed, type CommandContext } from "./context.js";

/** A moment: local clock HH:MM, or a duration since the start. */
function parseMoment(value: string): { clock: number } | { sinceMs: number } {
  const clock = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (clock && Number(clock[1]) < 24 && Number(clock[2]) < 60) return { clock: Number(clock[1]) * 60 + Number(clock[2]) };
  const ms = parseDurationMs(value);
  if (ms !== undefined) return { sinceMs: ms };
  throw new InvalidArgumentError("give a local clock time (e.g. --at 03:00) or a duration since the start (e.g. --at 2h).");
}

/** `explain <scenario>`: why each impacted app (or one app) is in its state, at its first impact or at a given time. */
export function registerExplain(program: Command, context: CommandContext): void {
  const { streams } = context;
  program
    .command("explain")
    .description("explain why apps were impacted: the chain of causes down to the root fault, with times")
    .argument("<scenario>", "scenario file, or a shipped scenario name")
    .option("--app <id>", "only this app")
    .option("--at <time>", "explain each app's state at this local time (HH:MM) or time since the start (e.g. 2h)", parseMoment)
    .option("--seed <n>", "seed of the run (default: the scenario's)", parseSeed)
    .option("--out <file>", "write the explanation to this file (atomically) instead of stdout")
    .action((given: string, opts: { app?: string; at?: { clock: number } | { sinceMs: number }; seed?: number; out?: string }) => {
      const loaded = loadFileFromPath(resolveScenarioPath(given));
      const scenario = loaded.scenario;
      context.setSeed(opts.seed ?? scenario.seed);
      const known = scenario.apps.map((a) => a.id);
      if (opts.app !== undefined && !known.includes(opts.app)) throw new UserError(`no app "${opts.app}" in ${scenario.name}. Apps: ${known.join(", ")}`);
      const run = runScenario(scenario, opts.seed === undefined ? {} : { seed: opts.seed });
      const atMs = opts.at === undefined ? undefined : "clock" in opts.at ? new LocalClock(scenario.start).simMsOfClock(opts.at.clock) : opts.at.sinceMs;
      const apps = opts.app !== undefined ? [opts.app] : atMs === undefined ? run.impacts.filter((i) => i.impacted).map((i) => i.app) : known;
      const explanations = explainAt(run.trace, apps, atMs);
      emit(renderExplanations(run, explanations, { color: opts.out === undefined && terminalColor(context.globals().color), width: opts.out === undefined ? terminalWidth(context.globals().width) : terminalWidth(context.globals().width ?? UNLIMITED_WIDTH), atMs }), opts.out, streams);
    });
}
