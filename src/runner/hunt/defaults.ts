/**
 * What a hunt fills in when a fault type needs more than its target: one entry per type, fields as written in a
 * scenario (durations as text). A type whose required fields are neither here nor in the scenario's `hunt.params`
 * is not hunted, and the report says which field to give. A new fault type whose only required field is its target
 * needs nothing here: its candidates come from the registry and the topology alone.
 */
export const HUNT_DEFAULT_PARAMS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  /** A whole cluster lost: every running server fails (and needs a repair). */
  "server:fail": { fraction: 1 },
  /** The rush measured in Alibaba Hong Kong 2022: about five times the control plane's supply. */
  "cloud:api-rush": { loadMultiplier: 5 },
  /** Three times the app's normal load from the moment the fault strikes until its duration ends. */
  "load:surge": { curve: [["0s", 3]] },
  /** A heat wave well above a chiller's design temperature (35 °C by default). */
  "weather:outside-temperature": { celsius: 45 },
};

/** Fields of a fault type that name the component it hits, and what kind of component each names. */
export const TARGET_FIELDS: Readonly<Record<string, string>> = {
  utility: "utility",
  feed: "feed",
  plant: "plant",
  group: "chiller group",
  hall: "hall",
  cluster: "cluster",
  service: "service",
  target: "service",
  app: "app",
};

/** When hunted faults strike, unless the scenario's `hunt.at` says: 1h, or a quarter of the horizon when shorter. */
export function defaultStrikeMs(horizonMs: number): number {
  return Math.min(3_600_000, Math.floor(horizonMs / 4 / 60_000) * 60_000 || Math.floor(horizonMs / 4));
}

/** Durations of hunted faults, unless the scenario's `hunt.durations` says. */
export const DEFAULT_DURATIONS_MS: readonly number[] = [3_600_000];

/** Seeds per fault set, unless --runs or `hunt.runs` says. */
export const DEFAULT_HUNT_RUNS = 20;

/** Outage beyond which a set breaks an app that has no dependable expectation, unless --impact or `hunt.impact` says. */
export const DEFAULT_IMPACT_MS = 5 * 60_000;

/** Writes a duration in ms as the shortest text a scenario accepts (`1h`, `1h30m`, `90s` → `1m30s`, `500ms`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0s";
  let rest = ms;
  let out = "";
  for (const [unit, size] of [["d", 86_400_000], ["h", 3_600_000], ["m", 60_000], ["s", 1_000], ["ms", 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
