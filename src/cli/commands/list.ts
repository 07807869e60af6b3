import type { Command } from "commander";
import { basename } from "node:path";
import { loadScenario } from "../../scenario/load.js";
import { fileReader, listShippedScenarios } from "../io.js";
import type { CommandContext } from "./context.js";

/** `list`: the shipped scenarios with their titles. */
export function registerList(program: Command, context: CommandContext): void {
  const { streams } = context;
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
}
