/**
 * Sweep axes: the scenario's `sweep.axes` and the command line's `--set`, merged, and their
 * cartesian product (the cells of a sweep).
 */
import type { Override, SweepAxis } from "../scenario/overrides.js";

/** Groups `--set` overrides into axes by path, in the order paths first appear; a repeated path is an axis with several values. */
export function axesFromSets(overrides: readonly Override[]): SweepAxis[] {
  const byPath = new Map<string, Override[]>();
  for (const o of overrides) {
    const list = byPath.get(o.path);
    if (list === undefined) byPath.set(o.path, [o]);
    else list.push(o);
  }
  return [...byPath].map(([path, values]) => ({ path, values }));
}

/** The scenario's axes with the command line's merged in: a path given on the command line replaces the file's axis of that path, new paths come last. */
export function mergeAxes(fromFile: readonly SweepAxis[], fromCommandLine: readonly SweepAxis[]): SweepAxis[] {
  const cli = new Map(fromCommandLine.map((a) => [a.path, a]));
  const merged = fromFile.map((a) => cli.get(a.path) ?? a);
  const known = new Set(fromFile.map((a) => a.path));
  return [...merged, ...fromCommandLine.filter((a) => !known.has(a.path))];
}

/** Number of cells of the axes' product (1 without axes). */
export function cellCount(axes: readonly { readonly values: readonly unknown[] }[]): number {
  return axes.reduce((n, a) => n * a.values.length, 1);
}

/** The cartesian product of the axes' values, first axis slowest; one empty cell without axes. */
export function expandAxes<T>(axes: readonly { readonly values: readonly T[] }[]): T[][] {
  let cells: T[][] = [[]];
  for (const axis of axes) cells = cells.flatMap((cell) => axis.values.map((v) => [...cell, v]));
  return cells;
}
