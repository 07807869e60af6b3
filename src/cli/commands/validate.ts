import { Option, type Command } from "commander";
import { formatProblem } from "../../scenario/problem.js";
import { loadScenario } from "../../scenario/load.js";
import { checkSweepBlock } from "../../scenario/axes-check.js";
import { EXIT } from "../exit-codes.js";
import { fileReader, resolveScenarioPath } from "../io.js";
import { formatAnnotation, problemAnnotation } from "../github.js";
import type { CommandContext } from "./context.js";

/** `validate <files...>`: lists every problem of each scenario file. */
export function registerValidate(program: Command, context: CommandContext): void {
  const { streams, setCode } = context;
  program
    .command("validate")
    .description("check scenario files and list every problem found")
    .argument("<files...>", "scenario files or shipped scenario names")
    .addOption(new Option("--format <format>", "text, or github: also print each problem as a GitHub Actions annotation (::error file=,line=,col=::)").choices(["text", "github"]).default("text"))
    .action((files: string[], opts: { format: "text" | "github" }) => {
      let bad = 0;
      for (const given of files) {
        let path: string;
        try {
          path = resolveScenarioPath(given);
        } catch (error) {
          streams.err(`${(error as Error).message}\n`);
          if (opts.format === "github") streams.out(formatAnnotation({ level: "error", file: given, title: "no scenario", message: (error as Error).message }));
          bad++;
          continue;
        }
        const result = loadScenario(path, fileReader);
        // The sweep block's axes are checked too, value by value, so a broken axis shows here and not only in `sweep`.
        const problems = result.ok ? checkSweepBlock(path, fileReader) : result.problems;
        if (result.ok && problems.length === 0) streams.out(`ok  ${given}  ${result.loaded.scenario.title}\n`);
        else {
          bad++;
          for (const problem of problems) streams.err(`${formatProblem(problem)}\n`);
          if (opts.format === "github") for (const problem of problems) streams.out(formatAnnotation(problemAnnotation(problem)));
          streams.err(`${given}: ${problems.length} problem(s)\n`);
        }
      }
      if (bad > 0) setCode(EXIT.invalidInput);
    });
}
