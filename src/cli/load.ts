import { loadScenarioOrThrow, type LoadedScenario } from "../scenario/load.js";
import { fileReader } from "./io.js";

/** Loads a scenario from disk, throwing a ScenarioError with every problem when it is invalid. */
export function loadFileFromPath(path: string): LoadedScenario {
  return loadScenarioOrThrow(path, fileReader);
}
