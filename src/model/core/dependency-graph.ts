/** Directed graph of "depends on" edges between component ids, with cycle detection and a stable order. */
export class DependencyGraph {
  private readonly edges = new Map<string, string[]>();

  /** Adds a node (idempotent); insertion order is the tie-break of every ordering. */
  addNode(id: string): void {
    if (!this.edges.has(id)) this.edges.set(id, []);
  }

  /** Records that `dependent` depends on `dependency`. */
  addEdge(dependent: string, dependency: string): void {
    this.addNode(dependent);
    this.addNode(dependency);
    (this.edges.get(dependent) as string[]).push(dependency);
  }

  /** Ids of the nodes, in insertion order. */
  nodes(): string[] {
    return [...this.edges.keys()];
  }

  /** What `id` depends on. */
  dependenciesOf(id: string): readonly string[] {
    return this.edges.get(id) ?? [];
  }

  /** A cycle as a list of ids (first repeated at the end), or undefined when the graph is acyclic. */
  findCycle(): string[] | undefined {
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const visit = (id: string): string[] | undefined => {
      state.set(id, 1);
      stack.push(id);
      for (const next of this.dependenciesOf(id)) {
        const seen = state.get(next);
        if (seen === 1) return [...stack.slice(stack.indexOf(next)), next];
        if (seen === undefined) {
          const cycle = visit(next);
          if (cycle) return cycle;
        }
      }
      stack.pop();
      state.set(id, 2);
      return undefined;
    };
    for (const id of this.edges.keys()) {
      if (state.get(id) === undefined) {
        const cycle = visit(id);
        if (cycle) return cycle;
      }
    }
    return undefined;
  }

  /** Ids with every dependency before its dependents; throws on a cycle (check {@link findCycle} first). */
  topologicalOrder(): string[] {
    const order: string[] = [];
    const done = new Set<string>();
    const active = new Set<string>();
    const visit = (id: string): void => {
      if (done.has(id)) return;
      if (active.has(id)) throw new Error(`dependency cycle through ${id}`);
      active.add(id);
      for (const next of this.dependenciesOf(id)) visit(next);
      active.delete(id);
      done.add(id);
      order.push(id);
    };
    for (const id of this.edges.keys()) visit(id);
    return order;
  }
}
