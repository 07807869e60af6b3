import type { Layer } from "../model/core/layer.js";
import type { Transition } from "../model/core/trace.js";
import type { ComponentInfo } from "./components.js";
import { thousands } from "./format-number.js";

/** One line of the timeline: a single transition, or several folded into one. */
export interface TimelineEntry {
  /** When the first folded transition happened. */
  readonly atMs: number;
  /** When the last folded transition happened. */
  readonly endMs: number;
  readonly layer: Layer;
  /** The component, or a group of them ("gz-a-ch1–6", "6 chillers of gz-a"). */
  readonly label: string;
  /** The change of state: "running → tripped", "healthy → degraded → down", or a state. */
  readonly change: string;
  /** A sentence with the numbers. */
  readonly detail: string;
  /** Ids of the transitions folded into this line, in order. */
  readonly ids: readonly number[];
}

/** What folding needs besides the trace. */
export interface FoldOptions {
  /** Formats a simulated time on the scenario's local clock. */
  readonly formatTime: (atMs: number) => string;
  /** Known components, for group names such as "6 chillers of gz-a"; may be empty. */
  readonly components: readonly ComponentInfo[];
}

/** How a run of transitions of one component may fold: by what they describe. */
type Family = "heat" | "power-on" | "health" | "temperature" | "cooling" | "single";

/** A health episode may span gaps up to this long (a degraded app going down minutes later). */
const HEALTH_GAP_MS = 60 * 60_000;

interface Episode {
  readonly family: Family;
  readonly direction: number;
  readonly steps: Transition[];
}

/** The family of a transition, from the typed fields the model set (never from its labels). */
function familyOf(t: Transition): Family {
  if (t.layer === "compute" && t.drive === "heat") return "heat";
  if (t.layer === "compute" && t.drive === "power-on") return "power-on";
  if (t.layer === "fault" || t.layer === "operator" || t.level === undefined) return "single";
  if (t.aspect === "temperature" && t.level.from !== t.level.to) return "temperature";
  if (t.aspect === "cooling") return "cooling";
  if (t.aspect === "health" && t.from !== t.to) return "health";
  return "single";
}

function directionOf(family: Family, t: Transition): number {
  if (family === "heat" || family === "power-on" || family === "single" || t.level === undefined) return 0;
  return Math.sign(t.level.to - t.level.from);
}

function joins(episode: Episode, t: Transition, family: Family): boolean {
  const last = episode.steps[episode.steps.length - 1] as Transition;
  if (episode.family === "single" || family !== episode.family) return false;
  if (family === "heat" || family === "power-on") return true;
  const direction = directionOf(family, t);
  if (direction !== 0 && direction !== episode.direction) return false;
  if (family === "health") return t.atMs - last.atMs <= HEALTH_GAP_MS;
  return true;
}

/** Splits the trace into episodes: runs of transitions of one component that tell one story. */
function episodesOf(trace: readonly Transition[]): Episode[] {
  const episodes: Episode[] = [];
  const open = new Map<string, Episode>();
  for (const t of trace) {
    const family = familyOf(t);
    const current = open.get(t.component);
    if (current !== undefined && joins(current, t, family)) {
      current.steps.push(t);
      continue;
    }
    const episode: Episode = { family, direction: directionOf(family, t), steps: [t] };
    episodes.push(episode);
    open.set(t.component, episode);
  }
  return episodes;
}

function sumOf(details: readonly string[], pattern: RegExp): number {
  let sum = 0;
  for (const d of details) {
    const match = pattern.exec(d);
    if (match) sum += Number((match[1] as string).replace(/,/g, ""));
  }
  return sum;
}

function lastMatch(details: readonly string[], pattern: RegExp): RegExpExecArray | undefined {
  for (let i = details.length - 1; i >= 0; i--) {
    const match = pattern.exec(details[i] as string);
    if (match) return match;
  }
  return undefined;
}

function range(fromMs: number, toMs: number, formatTime: (ms: number) => string): string {
  const a = formatTime(fromMs);
  const b = formatTime(toMs);
  return a === b ? a : `${a}–${b}`;
}

/** Path of states through an episode: "healthy → degraded → down", without repeats. */
function changePath(steps: readonly Transition[]): string {
  const states = [(steps[0] as Transition).from];
  for (const s of steps) if (s.to !== states[states.length - 1]) states.push(s.to);
  return states.length === 1 ? (states[0] as string) : states.join(" → ");
}

function heatDetail(steps: readonly Transition[], formatTime: (ms: number) => string): string {
  const details = steps.map((s) => s.detail ?? "");
  const shutSteps = steps.filter((s) => /servers shut down/.test(s.detail ?? ""));
  const peak = Math.max(...details.map((d) => Number(/inlet (-?[\d.]+) °C/.exec(d)?.[1] ?? Number.NEGATIVE_INFINITY)));
  const peakText = Number.isFinite(peak) ? `inlet peak ${peak.toFixed(1)} °C` : "";
  if (shutSteps.length === 0) {
    const throttled = Math.max(0, ...details.map((d) => Number((/(\d[\d,]*) throttled/.exec(d)?.[1] ?? "0").replace(/,/g, ""))));
    return [`up to ${thousands(throttled)} servers throttled`, peakText].filter((s) => s !== "").join("; ");
  }
  const shut = sumOf(details, /(\d[\d,]*) of [\d,]+ servers shut down/);
  const total = lastMatch(details, /of ([\d,]+) servers shut down/)?.[1];
  const graceful = sumOf(details, /(\d[\d,]*) graceful/);
  const protective = sumOf(details, /(\d[\d,]*) protective/);
  const when = range((shutSteps[0] as Transition).atMs, (shutSteps[shutSteps.length - 1] as Transition).atMs, formatTime);
  const how = [graceful > 0 ? `${thousands(graceful)} graceful` : "", protective > 0 ? `${thousands(protective)} protective` : ""].filter((s) => s !== "").join(", ");
  return [`${thousands(shut)}${total === undefined ? "" : ` of ${total}`} servers shut down ${when}`, peakText, how].filter((s) => s !== "").join("; ");
}

function powerOnDetail(steps: readonly Transition[], formatTime: (ms: number) => string): string {
  const details = steps.map((s) => s.detail ?? "");
  const powered = sumOf(details, /powered on (\d[\d,]*) servers/);
  const up = lastMatch(details, /([\d,]+ of [\d,]+) up/)?.[1];
  const when = range((steps[0] as Transition).atMs, (steps[steps.length - 1] as Transition).atMs, formatTime);
  return `${thousands(powered)} servers powered on in ${steps.length} batches ${when}${up === undefined ? "" : `; ${up} up`}`;
}

function entryOf(episode: Episode, formatTime: (ms: number) => string): TimelineEntry {
  const steps = episode.steps;
  const first = steps[0] as Transition;
  const last = steps[steps.length - 1] as Transition;
  const base = { atMs: first.atMs, endMs: last.atMs, layer: first.layer, label: first.component, ids: steps.map((s) => s.id) };
  if (steps.length === 1) return { ...base, change: first.from === first.to ? first.to : `${first.from} → ${first.to}`, detail: first.detail ?? "" };
  // Temperature and cooling steps are many and regular: their ends say enough.
  const change = episode.family === "temperature" || episode.family === "cooling" ? `${first.from} → ${last.to}` : changePath(steps);
  if (episode.family === "heat") return { ...base, change, detail: heatDetail(steps, formatTime) };
  if (episode.family === "power-on") return { ...base, change, detail: powerOnDetail(steps, formatTime) };
  const lastDetail = last.detail ?? "";
  const sameMinute = formatTime(first.atMs) === formatTime(last.atMs);
  if (sameMinute) return { ...base, change, detail: lastDetail };
  if (episode.family === "health") {
    const when = `${last.to} at ${formatTime(last.atMs)}`;
    // A recovery line starts at its first step: when it was healthy again comes first, so no reader takes the line's time for it.
    const recovery = last.to === "healthy";
    return { ...base, change, detail: lastDetail === "" ? when : recovery ? `${when}; ${lastDetail}` : `${lastDetail}; ${when}` };
  }
  const when = range(first.atMs, last.atMs, formatTime);
  return { ...base, change, detail: lastDetail === "" ? when : `${when}; ${lastDetail}` };
}

/** Names a set of component ids briefly: "gz-a-ch1–6", "gz-a-{cos,mail}", or a list. */
export function compressIds(ids: readonly string[]): string {
  if (ids.length === 1) return ids[0] as string;
  let prefix = ids[0] as string;
  for (const id of ids) while (!id.startsWith(prefix)) prefix = prefix.slice(0, -1);
  prefix = prefix.replace(/\d+$/, "");
  const suffixes = ids.map((id) => id.slice(prefix.length));
  if (prefix !== "" && suffixes.every((s) => /^\d+$/.test(s))) {
    const numbers = suffixes.map(Number).sort((a, b) => a - b);
    const consecutive = numbers.every((n, i) => i === 0 || n === (numbers[i - 1] as number) + 1);
    if (consecutive) return `${prefix}${numbers[0]}–${numbers[numbers.length - 1]}`;
  }
  if (prefix.length >= 3 && suffixes.every((s) => s !== "")) return `${prefix}{${suffixes.join(",")}}`;
  return ids.join(", ");
}

function groupLabel(ids: readonly string[], components: readonly ComponentInfo[]): string {
  const infos = ids.map((id) => components.find((c) => c.id === id));
  const kind = infos[0]?.kind;
  if (kind !== undefined && infos.every((c) => c?.kind === kind)) {
    const parents = new Set(infos.map((c) => c?.plant ?? c?.hall));
    const parent = parents.size === 1 ? [...parents][0] : undefined;
    return `${ids.length} ${kind}s${parent === undefined ? "" : ` of ${parent}`}`;
  }
  return compressIds(ids);
}

/** Facility entries in the same minute with the same family and outcome fold into one line ("6 chillers of gz-a tripped"). */
function foldSiblings(episodes: readonly Episode[], entries: readonly TimelineEntry[], options: FoldOptions): TimelineEntry[] {
  const keyOf = (i: number): string | undefined => {
    const e = entries[i] as TimelineEntry;
    const family = (episodes[i] as Episode).family;
    if (e.layer !== "facility" || family === "temperature") return undefined;
    const last = (episodes[i] as Episode).steps[(episodes[i] as Episode).steps.length - 1] as Transition;
    return `${options.formatTime(e.atMs)}\u0000${family}\u0000${last.to}\u0000${e.change.split(" → ").length > 1 ? "move" : "same"}`;
  };
  const groups = new Map<string, number[]>();
  entries.forEach((_, i) => {
    const key = keyOf(i);
    if (key === undefined) return;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const out: TimelineEntry[] = [];
  entries.forEach((entry, i) => {
    const key = keyOf(i);
    const group = key === undefined ? undefined : (groups.get(key) as number[]);
    if (group === undefined || group.length === 1) {
      out.push(entry);
      return;
    }
    if (group[0] !== i) return;
    const members = group.map((j) => entries[j] as TimelineEntry);
    const changes = new Set(members.map((m) => m.change));
    const details = new Set(members.map((m) => m.detail));
    const lastTo = (episodes[i] as Episode).steps[(episodes[i] as Episode).steps.length - 1]?.to ?? "";
    out.push({
      atMs: Math.min(...members.map((m) => m.atMs)),
      endMs: Math.max(...members.map((m) => m.endMs)),
      layer: entry.layer,
      label: groupLabel(members.map((m) => m.label), options.components),
      change: changes.size === 1 ? entry.change : lastTo,
      detail: details.size === 1 ? entry.detail : members.some((m) => m.ids.length > 1) ? range(Math.min(...members.map((m) => m.atMs)), Math.max(...members.map((m) => m.endMs)), options.formatTime) : "",
      ids: members.flatMap((m) => m.ids).sort((a, b) => a - b),
    });
  });
  return out;
}

/** The folded timeline: each component's run of related transitions on one line, and facility siblings that move together on one line. */
export function foldTimeline(trace: readonly Transition[], options: FoldOptions): TimelineEntry[] {
  const episodes = episodesOf(trace);
  const entries = episodes.map((e) => entryOf(e, options.formatTime));
  return foldSiblings(episodes, entries, options);
}

/** The unfolded timeline: one entry per transition. */
export function unfoldedTimeline(trace: readonly Transition[]): TimelineEntry[] {
  return trace.map((t) => ({ atMs: t.atMs, endMs: t.atMs, layer: t.layer, label: t.component, change: t.from === t.to ? t.to : `${t.from} → ${t.to}`, detail: t.detail ?? "", ids: [t.id] }));
}
