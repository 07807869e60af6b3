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

/** A limit a scenario may raise under `limits:`: its default, the most it may be raised to, and what it counts. */
export interface RaisableLimit {
  readonly default: number;
  readonly ceiling: number;
  readonly counts: string;
}

/**
 * The limits a scenario may raise in its `limits:` block (up to each ceiling). Each is checked before anything of
 * that size is allocated, and each refusal names the value, the limit and the key that raises it.
 */
export const SCENARIO_LIMITS = {
  maxEvents: { default: 20_000_000, ceiling: 1_000_000_000, counts: "events a run may process" },
  maxWork: { default: 100_000_000, ceiling: 10_000_000_000, counts: "units of work a run may do (an event, a condition check, a sampled value each count 1; a recorded transition counts 1,000)" },
  maxServersPerCluster: { default: 1_000_000, ceiling: 10_000_000, counts: "servers in one cluster" },
  maxServers: { default: 2_000_000, ceiling: 20_000_000, counts: "servers in the whole region" },
  maxChillers: { default: 1_000, ceiling: 100_000, counts: "chillers in the whole region" },
  maxVms: { default: 10_000_000, ceiling: 1_000_000_000, counts: "VMs of one CVM service" },
  maxServices: { default: 2_000, ceiling: 10_000, counts: "services in the region" },
  maxApps: { default: 1_000, ceiling: 10_000, counts: "apps in the region" },
  maxImports: { default: 32, ceiling: 1_000, counts: "topology files imported (every import counts, the same file imported twice counts twice)" },
  maxImportBytes: { default: 4 * 1024 * 1024, ceiling: 64 * 1024 * 1024, counts: "bytes of all imported files together" },
  maxSeriesValues: { default: 4_000_000, ceiling: 40_000_000, counts: "values in the report's series (samples over the horizon × metrics)" },
} as const satisfies Record<string, RaisableLimit>;

/** The name of a limit a scenario may raise. */
export type LimitName = keyof typeof SCENARIO_LIMITS;

/** The limits of one scenario: each default, or the value its `limits:` block gives. */
export type ScenarioLimits = { readonly [K in LimitName]: number };

/** The default limits. */
export const DEFAULT_LIMITS: ScenarioLimits = Object.fromEntries(Object.entries(SCENARIO_LIMITS).map(([k, v]) => [k, v.default])) as ScenarioLimits;

/**
 * The limits of a scenario from its (possibly unchecked) `limits:` value: a key holding a whole number in 1..ceiling
 * raises or lowers its limit; anything else keeps the default (the schema reports it).
 */
export function resolveLimits(written: unknown): ScenarioLimits {
  const out: Record<string, number> = { ...DEFAULT_LIMITS };
  if (typeof written !== "object" || written === null || Array.isArray(written)) return out as ScenarioLimits;
  for (const [name, spec] of Object.entries(SCENARIO_LIMITS)) {
    const value = (written as Record<string, unknown>)[name];
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 1 && value <= spec.ceiling) out[name] = value;
  }
  return out as ScenarioLimits;
}

/** The sentence ending every limit message: how to raise it, or what to do instead. */
export function howToRaise(name: LimitName, instead: string): string {
  return `Raise it with \`limits: { ${name}: N }\` in the scenario (at most ${SCENARIO_LIMITS[name].ceiling.toLocaleString("en-US")}), or ${instead}`;
}

/** A limit reached while running (not while loading): the run stops with exit 3 and this message. */
export class LimitReached extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LimitReached";
  }
}
