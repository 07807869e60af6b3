import { loadScenarioOrThrow, type LoadedScenario } from "../scenario/load.js";
import type { Override } from "../scenario/overrides.js";
import { fileReader } from "./io.js";

/** Loads a scenario from disk, throwing a ScenarioError with every problem when it is invalid. */
export function loadFileFromPath(path: string, overrides: readonly Override[] = []): LoadedScenario {
  return loadScenarioOrThrow(path, fileReader, { overrides });
}
