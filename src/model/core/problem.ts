/** A problem found in a model's configuration: where (a path into the scenario) and what, with how to fix it. */
export interface ConfigProblem {
  /** Path of keys and indexes from the scenario root, e.g. ["region", "halls", 0, "id"]. */
  readonly path: readonly (string | number)[];
  /** "what is wrong. how to fix it" in one or two sentences. */
  readonly message: string;
}
