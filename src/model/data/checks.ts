import type { ConfigProblem } from "../core/problem.js";
import type { DataAction, DataFault } from "./config.js";

type Path = readonly (string | number)[];

/** A data fault of the scenario, as the checks of actions see it. */
export interface KnownDataFault {
  readonly name: string;
  readonly fault: DataFault;
}

/** What data faults and actions may name, and how to hint at a near miss. */
export interface DataKnownIds {
  readonly apps: readonly string[];
  /** Apps with a load model (their requests are their writes). */
  readonly loadApps: readonly string[];
  readonly services: readonly string[];
  /** Every fault of the scenario by name, with its type. */
  readonly faults: readonly { readonly name: string; readonly type: string }[];
  /** The scenario's data faults. */
  readonly dataFaults: readonly KnownDataFault[];
  /** "Did you mean …" or a list of the known names. */
  suggest(word: string, known: readonly string[], noun: string): string;
}

/** The app or service an event names: exactly one of the two, and it exists. */
function target(event: { app?: string | undefined; service?: string | undefined }, known: DataKnownIds, path: Path, out: ConfigProblem[]): void {
  if ((event.app === undefined) === (event.service === undefined)) {
    out.push({ path, message: `name exactly one of app or service (got ${event.app === undefined ? "neither" : "both"}). Keep one` });
    return;
  }
  if (event.app !== undefined && !known.apps.includes(event.app)) {
    const hint = known.services.includes(event.app) ? `"${event.app}" is a service: write service: ${event.app}` : known.suggest(event.app, known.apps, "app");
    out.push({ path: [...path, "app"], message: `unknown app "${event.app}". ${hint}` });
  }
  if (event.service !== undefined && !known.services.includes(event.service)) {
    const hint = known.apps.includes(event.service) ? `"${event.service}" is an app: write app: ${event.service}` : known.suggest(event.service, known.services, "service");
    out.push({ path: [...path, "service"], message: `unknown service "${event.service}". ${hint}` });
  }
}

function perMille(value: number, low: "open" | "closed", high: "open" | "closed", path: Path, what: string, fix: string, out: ConfigProblem[]): void {
  const aboveLow = low === "open" ? value > 0 : value >= 0;
  const belowHigh = high === "open" ? value < 1000 : value <= 1000;
  if (aboveLow && belowHigh) return;
  const range = `${low === "open" ? "(0" : "[0"}, 1000${high === "open" ? ")" : "]"}`;
  out.push({ path, message: `${what} ${value} is out of range ${range} per mille. ${fix}` });
}

/** Problems of a data fault (its `duration`, if any, in ms): names that exist, rates in range, what can end it. */
export function checkDataFault(fault: DataFault, durationMs: number | undefined, known: DataKnownIds, path: Path): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (fault.type === "data:corrupt-writes") {
    target(fault, known, path, out);
    perMille(fault.perMille, "open", "closed", [...path, "perMille"], "perMille", "Give the corrupted writes per thousand, e.g. 3 for 0.3 %", out);
    const app = fault.app;
    if (app !== undefined && known.apps.includes(app)) {
      const hasLoad = known.loadApps.includes(app);
      if (hasLoad && fault.writesPerSecond !== undefined) out.push({ path: [...path, "writesPerSecond"], message: `app "${app}" has a load model: its served requests are its writes. Remove writesPerSecond` });
      if (!hasLoad && fault.writesPerSecond === undefined) out.push({ path, message: `app "${app}" has no load model, so its write rate is unknown. Give the app load: { peakRps: … }, or the fault writesPerSecond: …` });
    }
    if (fault.service !== undefined && fault.writesPerSecond === undefined) out.push({ path, message: `a service's write rate is not modelled. Give the fault writesPerSecond: … (writes per second at full capacity)` });
    if (fault.source === "node" && durationMs !== undefined) out.push({ path: [...path, "duration"], message: "a faulty node keeps corrupting writes until it is taken out of service: a duration would not stop it. Remove duration and add an operator step { action: remove-node, fault: … }" });
  } else {
    for (const key of ["from", "to"] as const) {
      if (!known.services.includes(fault[key])) out.push({ path: [...path, key], message: `unknown service "${fault[key]}". ${known.suggest(fault[key], known.services, "service")}` });
    }
    if (fault.from === fault.to) out.push({ path: [...path, "to"], message: `a migration copies to another store, but from and to are both "${fault.from}". Name two services` });
    if (!(fault.objects > 0)) out.push({ path: [...path, "objects"], message: `a migration copies at least one object (got ${fault.objects}). Give the number of objects` });
    perMille(fault.copyFailurePerMille, "closed", "closed", [...path, "copyFailurePerMille"], "copyFailurePerMille", "Give the failed copies per thousand, e.g. 1 (1000: every copy fails)", out);
    if (!(fault.over > 0)) out.push({ path: [...path, "over"], message: "a copy pass takes some time. Give over a duration longer than 0s, e.g. 6h" });
  }
  return out;
}

/** Problems of a data action: the fault it stops exists and has the right source; repairs name something that gets corrupted. */
export function checkDataAction(action: DataAction, known: DataKnownIds, path: Path): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (action.action === "repair-records") {
    target(action, known, path, out);
    const component = action.app ?? action.service;
    const corrupted = known.dataFaults.some((f) => f.fault.type === "data:corrupt-writes" && (f.fault.app ?? f.fault.service) === component);
    if (component !== undefined && !corrupted && [...known.apps, ...known.services].includes(component)) {
      out.push({ path, message: `no data:corrupt-writes fault corrupts "${component}", so there is nothing to repair. Name the app or service of such a fault` });
    }
    return out;
  }
  const wanted = action.action === "fix-partner-format" ? "partner" : "node";
  const other = wanted === "partner" ? "node" : "partner";
  const candidates = known.dataFaults.filter((f) => f.fault.type === "data:corrupt-writes" && f.fault.source === wanted).map((f) => f.name);
  const named = known.faults.find((f) => f.name === action.fault);
  const data = known.dataFaults.find((f) => f.name === action.fault);
  if (named === undefined) {
    out.push({ path: [...path, "fault"], message: `unknown fault "${action.fault}". ${known.suggest(action.fault, candidates.length > 0 ? candidates : known.faults.map((f) => f.name), "fault")}` });
  } else if (data === undefined || data.fault.type !== "data:corrupt-writes") {
    out.push({ path: [...path, "fault"], message: `fault "${action.fault}" is a ${named.type}, not data:corrupt-writes. Name a data:corrupt-writes fault with source: ${wanted}` });
  } else if (data.fault.source !== wanted) {
    const fix = other === "node" ? "use { action: remove-node } for a node" : "use { action: fix-partner-format } for a partner";
    out.push({ path: [...path, "fault"], message: `fault "${action.fault}" comes from a ${other}, and ${action.action} only stops source: ${wanted}. Name a fault with source: ${wanted}, or ${fix}` });
  }
  return out;
}

/** Problems of a data fault or action. */
export function checkDataEvent(event: DataFault | DataAction, durationMs: number | undefined, known: DataKnownIds, path: Path): ConfigProblem[] {
  return "type" in event ? checkDataFault(event, durationMs, known, path) : checkDataAction(event, known, path);
}
