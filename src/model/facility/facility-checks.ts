import type { DistributionSpec } from "../../engine/distributions.js";
import type { ConfigProblem } from "../core/problem.js";
import { chillerIds, clusterRacks, IMPLICIT_UTILITY_ID, type FacilityAction, type FacilityFault, type FacilityInput } from "./config.js";

type Path = (string | number)[];

function known(ids: readonly string[]): string {
  if (ids.length === 0) return "none are defined";
  const shown = ids.slice(0, 12).join(", ");
  return ids.length > 12 ? `known: ${shown}, … (${ids.length} in all)` : `known: ${shown}`;
}

function ref(problems: ConfigProblem[], path: Path, what: string, id: string | undefined, ids: readonly string[]): void {
  if (id === undefined || ids.includes(id)) return;
  problems.push({ path, message: `${what} "${id}" does not exist. Use one of the ids defined (${known(ids)})` });
}

function checkDistribution(problems: ConfigProblem[], path: Path, d: DistributionSpec | undefined, what: string): void {
  if (d === undefined) return;
  if (d.dist === "uniform" && d.min > d.max) problems.push({ path, message: `${what}: min ${d.min} is above max ${d.max}. Swap them` });
  if (d.dist === "normal" && d.min !== undefined && d.max !== undefined && d.min > d.max) problems.push({ path, message: `${what}: min ${d.min} is above max ${d.max}. Swap them` });
}

/** Ids defined in a facility input, by kind. */
export interface FacilityIds {
  utilities: string[];
  feeds: string[];
  plants: string[];
  halls: string[];
  clusters: string[];
  groups: string[];
  chillers: string[];
}

/** Collects the ids a facility input defines (including generated chiller ids `<plant>-chN`). */
export function facilityIds(input: FacilityInput): FacilityIds {
  const feeds = input.power?.feeds ?? [];
  const utilities = (input.power?.utilities ?? []).map((u) => u.id);
  if (feeds.some((f) => f.utility === undefined) && !utilities.includes(IMPLICIT_UTILITY_ID)) utilities.push(IMPLICIT_UTILITY_ID);
  return {
    utilities,
    feeds: feeds.map((f) => f.id),
    plants: (input.plants ?? []).map((p) => p.id),
    halls: (input.halls ?? []).map((h) => h.id),
    clusters: (input.clusters ?? []).map((c) => c.id),
    groups: (input.plants ?? []).flatMap((p) => (p.groups ?? []).map((g) => g.id)),
    chillers: (input.plants ?? []).flatMap((p) => chillerIds(p.id, p.chillers.count)),
  };
}

/** Semantic rules of the facility part of a region: every referenced id exists, ids are unique, values fit together. */
export function checkFacility(input: FacilityInput, pathPrefix: (string | number)[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const ids = facilityIds(input);
  const at = (...rest: (string | number)[]): Path => [...pathPrefix, ...rest];

  const seen = new Map<string, string>();
  const unique = (path: Path, kind: string, id: string): void => {
    const prior = seen.get(id);
    if (prior !== undefined) problems.push({ path, message: `id "${id}" is used by a ${prior} and a ${kind}. Give each facility component its own id` });
    else seen.set(id, kind);
  };
  (input.power?.utilities ?? []).forEach((u, i) => unique(at("power", "utilities", i, "id"), "utility", u.id));
  (input.power?.feeds ?? []).forEach((f, i) => {
    unique(at("power", "feeds", i, "id"), "feed", f.id);
    ref(problems, at("power", "feeds", i, "utility"), "utility", f.utility, ids.utilities);
    const g = f.generators;
    if (g?.needed !== undefined && g.needed > (g.count ?? 2)) problems.push({ path: at("power", "feeds", i, "generators", "needed"), message: `feed ${f.id} needs ${g.needed} generators but has ${g.count ?? 2}. Lower needed or raise count` });
  });
  (input.plants ?? []).forEach((p, i) => {
    unique(at("plants", i, "id"), "plant", p.id);
    chillerIds(p.id, p.chillers.count).forEach((c) => unique(at("plants", i, "chillers", "count"), "chiller", c));
    ref(problems, at("plants", i, "feed"), "feed", p.feed, ids.feeds);
    ref(problems, at("plants", i, "pumps", "feed"), "feed", p.pumps?.feed, ids.feeds);
    if (p.chillers.standby !== undefined && p.chillers.standby >= p.chillers.count) {
      problems.push({ path: at("plants", i, "chillers", "standby"), message: `plant ${p.id} has ${p.chillers.count} chillers and ${p.chillers.standby} on standby, leaving none running. Lower standby below count` });
    }
    const pumps = p.pumps;
    if (pumps?.needed !== undefined && pumps.needed > (pumps.count ?? 2)) problems.push({ path: at("plants", i, "pumps", "needed"), message: `plant ${p.id} needs ${pumps.needed} pumps but has ${pumps.count ?? 2}. Lower needed or raise count` });
    checkDistribution(problems, at("plants", i, "chillers", "restartMinutes"), p.chillers.restartMinutes, "restartMinutes");
    checkDistribution(problems, at("plants", i, "chillers", "restartAfterTransferMinutes"), p.chillers.restartAfterTransferMinutes, "restartAfterTransferMinutes");
    const mine = chillerIds(p.id, p.chillers.count);
    (p.groups ?? []).forEach((g, k) => {
      unique(at("plants", i, "groups", k, "id"), "chiller group", g.id);
      g.chillers.forEach((c, j) => {
        if (!mine.includes(c)) problems.push({ path: at("plants", i, "groups", k, "chillers", j), message: `chiller "${c}" is not in plant ${p.id}. Chiller ids are <plant>-ch1 … <plant>-ch${p.chillers.count} (${known(mine)})` });
      });
    });
    if (!(input.halls ?? []).some((h) => h.plant === p.id)) problems.push({ path: at("plants", i, "id"), message: `plant ${p.id} cools no hall. Name it as the plant of a hall, or remove it` });
  });
  const hallRacks = new Map<string, number>();
  (input.clusters ?? []).forEach((c) => hallRacks.set(c.hall, (hallRacks.get(c.hall) ?? 0) + clusterRacks(c)));
  (input.halls ?? []).forEach((h, i) => {
    unique(at("halls", i, "id"), "hall", h.id);
    ref(problems, at("halls", i, "plant"), "plant", h.plant, ids.plants);
    ref(problems, at("halls", i, "feed"), "feed", h.feed, ids.feeds);
    ref(problems, at("halls", i, "crah", "feed"), "feed", h.crah?.feed, ids.feeds);
    checkDistribution(problems, at("halls", i, "rackInletOffsetCelsius"), h.rackInletOffsetCelsius, "rackInletOffsetCelsius");
    const filled = hallRacks.get(h.id) ?? 0;
    if (h.racks !== undefined && h.racks < filled) {
      problems.push({ path: at("halls", i, "racks"), message: `hall ${h.id} has ${h.racks} racks but its clusters fill ${filled}. Raise racks, or leave it out to use the clusters' racks` });
    }
  });
  (input.clusters ?? []).forEach((c, i) => {
    unique(at("clusters", i, "id"), "cluster", c.id);
    ref(problems, at("clusters", i, "hall"), "hall", c.hall, ids.halls);
    checkDistribution(problems, at("clusters", i, "warningCelsius"), c.warningCelsius, "warningCelsius");
    checkDistribution(problems, at("clusters", i, "shutdownCelsius"), c.shutdownCelsius, "shutdownCelsius");
    if (c.downBelow !== undefined && c.degradedBelow !== undefined && c.downBelow > c.degradedBelow) {
      problems.push({ path: at("clusters", i, "downBelow"), message: `cluster ${c.id}: downBelow ${c.downBelow} is above degradedBelow ${c.degradedBelow}. Make downBelow the lower one` });
    }
    if (c.gracefulShutdown === false && c.gracefulShutdownAfter !== undefined) {
      problems.push({ path: at("clusters", i, "gracefulShutdownAfter"), message: `cluster ${c.id} turns graceful shutdown off but sets its dwell. Remove one of the two` });
    }
  });
  return problems;
}

/** Semantic rules of one facility fault against the region: its targets exist and its counts fit. */
export function checkFacilityFault(input: FacilityInput, fault: FacilityFault, path: (string | number)[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const ids = facilityIds(input);
  const at = (...rest: (string | number)[]): Path => [...path, ...rest];
  switch (fault.type) {
    case "power:utility-loss":
    case "power:voltage-sag":
      ref(problems, at("utility"), "utility", fault.utility, ids.utilities);
      if (ids.feeds.length === 0) problems.push({ path: at("type"), message: `${fault.type} needs power feeds, and the region defines none. Add region.power.feeds` });
      break;
    case "power:generator-fail":
      ref(problems, at("feed"), "feed", fault.feed, ids.feeds);
      if (ids.feeds.includes(fault.feed) && (input.power?.feeds ?? []).find((f) => f.id === fault.feed)?.generators === undefined) {
        problems.push({ path: at("feed"), message: `feed ${fault.feed} has no generators. Add generators to the feed, or target another feed` });
      }
      break;
    case "cooling:chiller-fail": {
      const given = [fault.plant, fault.group, fault.chillers].filter((x) => x !== undefined).length;
      if (given !== 1) problems.push({ path, message: `cooling:chiller-fail needs exactly one target: plant, group or chillers (got ${given}). Keep one of them` });
      ref(problems, at("plant"), "plant", fault.plant, ids.plants);
      ref(problems, at("group"), "chiller group", fault.group, ids.groups);
      (fault.chillers ?? []).forEach((c, i) => ref(problems, at("chillers", i), "chiller", c, ids.chillers));
      break;
    }
    case "cooling:pump-fail":
    case "cooling:restart-fail":
      ref(problems, at("plant"), "plant", fault.plant, ids.plants);
      break;
    case "cooling:crah-fail":
      ref(problems, at("hall"), "hall", fault.hall, ids.halls);
      break;
    case "weather:outside-temperature":
      if (fault.celsius < -60 || fault.celsius > 60) problems.push({ path: at("celsius"), message: `outside temperature ${fault.celsius} °C is outside -60…60 °C. Check the unit: it is degrees Celsius` });
      break;
    case "server:fail":
      ref(problems, at("cluster"), "cluster", fault.cluster, ids.clusters);
      break;
    case "cooling:loop-degrade":
    case "cooling:chiller-retrip":
    case "cooling:control-fail":
    case "cooling:buffer-valve-close":
      ref(problems, at("plant"), "plant", fault.plant, ids.plants);
      break;
    case "room:suppression-discharge":
      ref(problems, at("hall"), "hall", fault.hall, ids.halls);
      break;
    case "weather:daily-cycle":
      if (fault.minCelsius > fault.maxCelsius) problems.push({ path: at("minCelsius"), message: `minCelsius ${fault.minCelsius} is above maxCelsius ${fault.maxCelsius}. Swap them` });
      if (fault.minCelsius < -60 || fault.maxCelsius > 60) problems.push({ path: at("maxCelsius"), message: "the daily cycle leaves -60…60 °C. Check the unit: it is degrees Celsius" });
      break;
  }
  return problems;
}

/** Semantic rules of one facility operator action against the region: its targets exist and select something. */
export function checkFacilityAction(input: FacilityInput, action: FacilityAction, path: (string | number)[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const ids = facilityIds(input);
  const at = (...rest: (string | number)[]): Path => [...path, ...rest];
  const selects = (hall: string | undefined, cluster: string | undefined, role: string | undefined): void => {
    ref(problems, at("hall"), "hall", hall, ids.halls);
    ref(problems, at("cluster"), "cluster", cluster, ids.clusters);
    const matched = (input.clusters ?? []).filter((c) => (hall === undefined || c.hall === hall) && (cluster === undefined || c.id === cluster) && (role === undefined || c.role === role));
    if (problems.length === 0 && matched.length === 0) {
      problems.push({ path, message: `${action.action} selects no cluster (hall ${hall ?? "any"}, cluster ${cluster ?? "any"}, role ${role ?? "any"}). Check the hall, cluster and role` });
    }
  };
  switch (action.action) {
    case "shed-load":
      if (action.hall === undefined && action.cluster === undefined && action.role === undefined) problems.push({ path, message: "shed-load needs a hall, a cluster or a role. Say what to shed" });
      else selects(action.hall, action.cluster, action.role);
      break;
    case "power-off":
      if ((action.hall === undefined) === (action.cluster === undefined)) problems.push({ path, message: "power-off needs exactly one of hall or cluster. Keep one" });
      else selects(action.hall, action.cluster, undefined);
      break;
    case "power-on":
      if (action.hall === undefined && action.cluster === undefined && action.role === undefined) problems.push({ path, message: "power-on needs a hall, a cluster or a role. Say what to bring back" });
      else selects(action.hall, action.cluster, action.role);
      if (action.every <= 0) problems.push({ path: at("every"), message: "every must be longer than 0s. Give the time between batches, e.g. 5m" });
      break;
    case "restart-chillers": {
      ref(problems, at("plant"), "plant", action.plant, ids.plants);
      const mine = ids.chillers.filter((c) => c.startsWith(`${action.plant}-ch`));
      (action.chillers ?? []).forEach((c, i) => ref(problems, at("chillers", i), `chiller of plant ${action.plant}`, c, mine));
      break;
    }
    case "add-cooling":
      ref(problems, at("hall"), "hall", action.hall, ids.halls);
      break;
    case "repair":
      ref(problems, at("cluster"), "cluster", action.cluster, ids.clusters);
      break;
    case "remove-cooling":
    case "open-ventilation":
    case "close-ventilation":
    case "reset-air-handlers":
    case "release-hall":
      ref(problems, at("hall"), "hall", action.hall, ids.halls);
      break;
  }
  return problems;
}
