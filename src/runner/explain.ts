import type { Transition } from "../model/core/trace.js";
import type { Explanation } from "./run.js";

/** Longest chain walked back from a symptom: a limit on everything. */
const MAX_CHAIN = 256;

/** Transition ids from a root up to `id`, following at each step the most recent cause (the one that tipped it). */
export function causalChain(trace: readonly Transition[], id: number): number[] {
  const chain: number[] = [id];
  let current = trace[id];
  while (current !== undefined && current.causes.length > 0 && chain.length < MAX_CHAIN) {
    const next = Math.max(...current.causes);
    chain.push(next);
    current = trace[next];
  }
  return chain.reverse();
}

/** Every root (a transition with no cause: an injected fault or a timed operator step) that `id` descends from, ascending. */
export function rootsOf(trace: readonly Transition[], id: number): number[] {
  const roots = new Set<number>();
  const seen = new Set<number>();
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop() as number;
    if (seen.has(next)) continue;
    seen.add(next);
    const transition = trace[next];
    if (transition === undefined) continue;
    if (transition.causes.length === 0) roots.add(next);
    for (const cause of transition.causes) stack.push(cause);
  }
  return [...roots].sort((a, b) => a - b);
}

/** An impacted app, when it was first impacted, and the trace ids behind that change of its success. */
export interface ImpactToExplain {
  readonly app: string;
  readonly firstImpactAtMs: number;
  readonly causes: readonly number[] | undefined;
}

/**
 * Explains each impacted app from the moment it was first impacted (not an earlier, harmless change such as a soft
 * dependency's): the app's transition at that moment, or else the transitions behind that change of its success.
 */
export function explainImpacts(trace: readonly Transition[], impacts: readonly ImpactToExplain[]): Explanation[] {
  const out: Explanation[] = [];
  for (const { app, firstImpactAtMs, causes } of impacts) {
    const own = trace.filter((t) => t.component === app && t.layer === "app" && t.atMs === firstImpactAtMs);
    const id = own.length > 0 ? (own[0] as Transition).id : causes !== undefined && causes.length > 0 ? Math.max(...causes) : undefined;
    if (id === undefined) continue;
    out.push({ app, impactTransition: id, chain: causalChain(trace, id), roots: rootsOf(trace, id) });
  }
  return out;
}

/** Why one app is in the state it is in at a moment: the transition that put it there, and its chain down to the roots. */
export interface StateExplanation {
  readonly app: string;
  /** The app's health at that moment. */
  readonly state: string;
  /** The app transition that led to that state; undefined when it never changed. */
  readonly transition: number | undefined;
  readonly chain: readonly number[];
  readonly roots: readonly number[];
}

/** Explains each app's state at `atMs` (or, when undefined, its first impact): the chain from the root fault to it. */
export function explainAt(trace: readonly Transition[], apps: readonly string[], atMs: number | undefined): StateExplanation[] {
  return apps.map((app) => {
    const own = trace.filter((t) => t.component === app && t.layer === "app");
    const chosen = atMs === undefined ? own.find((t) => t.from === "healthy") : [...own].reverse().find((t) => t.atMs <= atMs);
    if (chosen === undefined) return { app, state: "healthy", transition: undefined, chain: [], roots: [] };
    return { app, state: chosen.to, transition: chosen.id, chain: causalChain(trace, chosen.id), roots: rootsOf(trace, chosen.id) };
  });
}
