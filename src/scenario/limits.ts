/** Limits on what a scenario may ask of the loader and the engine: a limit on everything. */
export const LOADER_LIMITS = {
  /** Largest scenario or topology file read, in bytes. */
  maxFileBytes: 2 * 1024 * 1024,
  /** Deepest nesting of mappings and sequences. */
  maxDepth: 32,
  /** Most values a file may expand to, aliases included (stops "billion laughs"). */
  maxNodes: 200_000,
  /** Most alias uses in one file. */
  maxAliases: 1_000,
  /** Deepest chain of imports. */
  maxImportDepth: 8,
  /** Most components (halls, clusters, services, apps...) in a region. */
  maxComponents: 10_000,
  /** Most faults plus operator actions. */
  maxEvents: 5_000,
} as const;

/** Keys that could reach an object's prototype if copied naively; refused wherever they appear. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
