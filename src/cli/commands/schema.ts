import type { Command } from "commander";
import { scenarioJsonSchema } from "../../scenario/json-schema.js";
import { emit, type CommandContext } from "./context.js";

/** `schema`: the JSON Schema of scenario files, for editors. */
export function registerSchema(program: Command, context: CommandContext): void {
  const { streams } = context;
  program
    .command("schema")
    .description("print the JSON Schema of scenario files (for editors' yaml-language-server)")
    .option("--out <file>", "write it to this file (atomically) instead of stdout")
    .action((opts: { out?: string }) => {
      emit(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`, opts.out, streams);
    });
}
