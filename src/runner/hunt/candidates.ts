/**
 * The candidate faults of a hunt, from the event-type registry and the region: every fault type is tried on
 * every component its target field can name (a `plant` field on every plant, a `hall` field on every hall…),
 * with the fields the type needs from `hunt.params` or the defaults. A fault type added to the registry is hunted
 * without any change here when its target field is one of {@link TARGET_FIELDS}. Zones (the failure domains of
 * cloud placements) are candidates too: every cluster of the zone fails at once.
 *
 * What a candidate writes is checked by the scenario loader, like a fault written in the file; the hunt drops the
 * candidates the loader refuses (a control-plane fault on a database, a load fault on an app without load).
 */
import { IMPLICIT_UTILITY_ID, normalizeFacility } from "../../model/facility/config.js";
import { FAULT_TYPES, type FaultType } from "../../scenario/events/index.js";
import type { Scenario } from "../../scenario/scenario.js";
import type { HuntInput } from "../../scenario/schema/hunt.js";
import { formatDuration, HUNT_DEFAULT_PARAMS, TARGET_FIELDS } from "./defaults.js";

/** One fault a candidate injects, as it would be written under `faults:` (durations as text). */
export interface CandidateFault {
  readonly name: string;
  readonly written: Readonly<Record<string, unknown>>;
}

/** One thing that can go wrong: a fault type on one component (or a zone lost), with its duration. */
export interface Candidate {
  /** Kebab-case id, unique in the hunt; also the name of its first fault. */
  readonly id: string;
  /** The fault type, or "zone". */
  readonly type: string;
  /** The component hit: the field that names it, its id and its kind ("plant", "hall", "region"…). */
  readonly target: { readonly field: string; readonly id: string; readonly kind: string };
  /** How long it holds, as text; null for a type that takes no duration. */
  readonly duration: string | null;
  /** e.g. "cooling:chiller-fail plant gz-a for 1h". */
  readonly label: string;
  readonly faults: readonly CandidateFault[];
}

/** A fault type the hunt leaves out, and why. */
export interface SkippedType {
  readonly type: string;
  readonly reason: string;
}

/** What the hunt is told: the `hunt` block, when faults strike, and their durations. */
export interface CandidateOptions {
  readonly input: HuntInput;
  readonly atMs: number;
  readonly durationsMs: readonly number[];
}

type FieldKind = { key: string; required: boolean; target: boolean };

/** The fields of a fault type's schema: which name a component, which are required. */
function fieldsOf(type: FaultType): FieldKind[] {
  const shape = type.schema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  return Object.entries(shape)
    .filter(([key]) => key !== "type")
    .map(([key, schema]) => ({ key, required: !schema.safeParse(undefined).success, target: key in TARGET_FIELDS && schema.safeParse("x").success }));
}

/** The components of the region a target field can name, in the region's order. */
function componentsFor(field: string, scenario: Scenario): string[] {
  const facility = normalizeFacility(scenario.facility);
  switch (field) {
    case "utility": {
      const declared = scenario.facility.power?.utilities ?? [];
      return facility.utilities.map((u) => u.id).filter((id) => id !== IMPLICIT_UTILITY_ID || declared.some((u) => u.id === id) || facility.utilities.length > 0);
    }
    case "feed": return facility.feeds.map((f) => f.id);
    case "plant": return facility.plants.map((p) => p.id);
    case "group": return facility.plants.flatMap((p) => p.groups.map((g) => g.id));
    case "hall": return facility.halls.map((h) => h.id);
    case "cluster": return facility.clusters.map((c) => c.id);
    case "service":
    case "target": return scenario.services.map((s) => s.id);
    case "app": return scenario.apps.map((a) => a.id);
    default: return [];
  }
}

/** The zones of the region's cloud placements: zone name → its clusters (over every service that names it), in order. */
export function zonesOf(scenario: Scenario): Map<string, string[]> {
  const zones = new Map<string, string[]>();
  for (const service of scenario.services) {
    const written = service.config.zones;
    if (written === null || typeof written !== "object") continue;
    for (const [zone, clusters] of Object.entries(written as Record<string, unknown>)) {
      if (!Array.isArray(clusters)) continue;
      const list = zones.get(zone) ?? [];
      for (const c of clusters) if (typeof c === "string" && !list.includes(c)) list.push(c);
      zones.set(zone, list);
    }
  }
  return zones;
}

function slug(type: string): string {
  return type.replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/**
 * Every candidate of the hunt, before the loader checks them, and the fault types left out with the reason. Faults
 * strike at `atMs`; a type that takes a duration gives one candidate per duration.
 */
export function listCandidates(scenario: Scenario, options: CandidateOptions): { candidates: Candidate[]; skipped: SkippedType[] } {
  const { input } = options;
  const at = formatDuration(options.atMs);
  const durations = options.durationsMs.map(formatDuration);
  const params = input.params ?? {};
  const wanted = input.types;
  const taken = new Set(scenario.faults.map((f) => f.name));
  const ids = new Set<string>();
  const uniqueId = (base: string): string => {
    let id = base;
    for (let n = 2; taken.has(id) || ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };
  const candidates: Candidate[] = [];
  const skipped: SkippedType[] = [];
  for (const type of FAULT_TYPES) {
    if (wanted !== undefined && !wanted.includes(type.name)) continue;
    const fields = fieldsOf(type);
    const given = { ...(HUNT_DEFAULT_PARAMS[type.name] ?? {}), ...(params[type.name] ?? {}) };
    const targets = fields.filter((f) => f.target);
    const requiredTargets = targets.filter((f) => f.required);
    const missing = fields.filter((f) => f.required && !f.target && !(f.key in given)).map((f) => f.key);
    if (requiredTargets.length > 1) {
      skipped.push({ type: type.name, reason: `it names ${requiredTargets.length} components (${requiredTargets.map((f) => f.key).join(", ")}); the hunt tries faults on one component` });
      continue;
    }
    if (missing.length > 0) {
      skipped.push({ type: type.name, reason: `it needs ${missing.join(", ")}: give ${missing.length > 1 ? "them" : "it"} under hunt.params["${type.name}"]` });
      continue;
    }
    const fieldsTried = requiredTargets.length === 1 ? requiredTargets : targets.filter((f) => !(f.key in given));
    const places: { field: string; id: string | undefined; kind: string }[] = fieldsTried.length === 0
      ? [{ field: "", id: undefined, kind: "region" }]
      : fieldsTried.flatMap((f) => componentsFor(f.key, scenario).map((id) => ({ field: f.key, id, kind: TARGET_FIELDS[f.key] as string })));
    if (places.length === 0) {
      skipped.push({ type: type.name, reason: `the region has no ${fieldsTried.map((f) => TARGET_FIELDS[f.key]).join(" or ")} for it` });
      continue;
    }
    const implicitOnly = places.every((p) => p.field === "utility" && p.id === IMPLICIT_UTILITY_ID) && places.length === 1 && !(scenario.facility.power?.utilities ?? []).some((u) => u.id === IMPLICIT_UTILITY_ID);
    for (const place of places) {
      for (const duration of type.takesDuration ? durations : [null]) {
        const targetId = place.id ?? "region";
        const id = uniqueId(`${targetId}-${slug(type.name)}${duration !== null && durations.length > 1 ? `-${duration}` : ""}`);
        const written: Record<string, unknown> = { type: type.name };
        // The implicit utility is every feed's: a utility fault without one hits it.
        if (place.id !== undefined && !(implicitOnly && place.field === "utility")) written[place.field] = place.id;
        Object.assign(written, given);
        written.at = at;
        if (duration !== null) written.duration = duration;
        const where = place.id === undefined ? "" : ` ${place.kind} ${place.id}`;
        candidates.push({
          id,
          type: type.name,
          target: { field: place.field, id: targetId, kind: place.kind },
          duration,
          label: `${type.name}${where}${duration !== null ? ` for ${duration}` : ""}`,
          faults: [{ name: id, written }],
        });
      }
    }
  }
  const serverFail = FAULT_TYPES.find((t) => t.name === "server:fail");
  if (serverFail !== undefined && (wanted === undefined || wanted.includes(serverFail.name))) {
    const given = { ...(HUNT_DEFAULT_PARAMS[serverFail.name] ?? {}), ...(params[serverFail.name] ?? {}) };
    for (const [zone, clusters] of zonesOf(scenario)) {
      if (clusters.length === 0) continue;
      const id = uniqueId(`zone-${zone}`);
      candidates.push({
        id,
        type: "zone",
        target: { field: "zone", id: zone, kind: "zone" },
        duration: null,
        label: `zone ${zone} lost (server:fail on ${clusters.join(", ")})`,
        faults: clusters.map((cluster, i) => ({ name: i === 0 ? id : uniqueId(`${id}-${cluster}`), written: { type: serverFail.name, cluster, ...given, at } })),
      });
    }
  }
  return { candidates, skipped };
}

/** Leaves out the candidates an `exclude` entry names (a fault type, a target's id, a candidate's id, or `zone`); returns the entries that named nothing. */
export function excludeCandidates(candidates: readonly Candidate[], exclude: readonly string[]): { kept: Candidate[]; unknown: number[] } {
  const hits = exclude.map(() => false);
  const kept = candidates.filter((c) => {
    let out = false;
    exclude.forEach((word, i) => {
      if (word === c.type || word === c.target.id || word === c.id || (word === "zone" && c.type === "zone")) {
        hits[i] = true;
        out = true;
      }
    });
    return !out;
  });
  return { kept, unknown: hits.flatMap((hit, i) => (hit ? [] : [i])) };
}
