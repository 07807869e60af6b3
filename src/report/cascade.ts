import type { Transition } from "../model/core/trace.js";
import type { Run } from "../runner/run.js";

/** A node of the merged cascade tree: one transition, its children in first-seen order, and the apps whose chain ends here. */
export interface CascadeNode {
  readonly transition: Transition;
  readonly children: CascadeNode[];
  /** Impacted apps whose explanation chain ends at this node. */
  readonly apps: string[];
}

/** Merges every impacted app's chain (root first) into one tree per root, sharing common prefixes. */
export function cascadeForest(run: Run): CascadeNode[] {
  const roots: CascadeNode[] = [];
  for (const e of run.explanations) {
    let siblings = roots;
    let node: CascadeNode | undefined;
    for (const id of e.chain) {
      const transition = run.trace[id];
      if (transition === undefined) break;
      node = siblings.find((n) => n.transition.id === id);
      if (node === undefined) {
        node = { transition, children: [], apps: [] };
        siblings.push(node);
      }
      siblings = node.children;
    }
    node?.apps.push(e.app);
  }
  return roots;
}

/** One edge of the cascade graph between two components. */
export interface CascadeEdge {
  readonly from: string;
  readonly to: string;
}

/** One component of the cascade graph, with the first time its state changed along a chain. */
export interface CascadeGraphNode {
  readonly component: string;
  readonly layer: Transition["layer"];
  readonly atMs: number;
  /** The latest state it reached along the chains ("tripped", "above 35 °C", "degraded"). */
  readonly state: string;
  /** Longest distance from a root, in edges: the column of the drawing. */
  readonly depth: number;
}

/** The cascade as a graph of components: the chains of every impacted app, with repeated components merged. */
export function cascadeGraph(run: Run): { nodes: CascadeGraphNode[]; edges: CascadeEdge[] } {
  const first = new Map<string, Transition>();
  const last = new Map<string, Transition>();
  const edges: CascadeEdge[] = [];
  const seen = new Set<string>();
  for (const e of run.explanations) {
    let previous: string | undefined;
    for (const id of e.chain) {
      const t = run.trace[id];
      if (t === undefined) break;
      if (!first.has(t.component)) first.set(t.component, t);
      if ((last.get(t.component)?.atMs ?? -1) <= t.atMs) last.set(t.component, t);
      if (previous !== undefined && previous !== t.component) {
        const key = `${previous}\u0000${t.component}`;
        if (!seen.has(key)) {
          seen.add(key);
          edges.push({ from: previous, to: t.component });
        }
      }
      previous = t.component;
    }
  }
  const depth = new Map<string, number>();
  for (const c of first.keys()) depth.set(c, 0);
  // Longest path by relaxation; chains are acyclic in time, and the bound stops a malformed input.
  for (let round = 0; round < first.size; round++) {
    let changed = false;
    for (const edge of edges) {
      const next = (depth.get(edge.from) as number) + 1;
      if (next > (depth.get(edge.to) as number)) {
        depth.set(edge.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const nodes = [...first.entries()].map(([component, t]) => ({ component, layer: t.layer, atMs: t.atMs, state: (last.get(component) as Transition).to, depth: depth.get(component) as number }));
  return { nodes, edges };
}
