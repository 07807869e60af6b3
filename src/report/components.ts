import type { ComponentInfo, Run } from "../runner/run.js";

export type { ComponentInfo } from "../runner/run.js";

/** The components a run describes, or an empty list when the runner does not describe them. */
export function componentsOf(run: Run): readonly ComponentInfo[] {
  return run.components;
}
