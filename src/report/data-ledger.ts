/**
 * The data ledger in reports: what happened to each component's acknowledged data. Text says it in
 * a line per component; Markdown and HTML show a table with the same columns.
 */
import type { DataTotals } from "../model/core/data-ledger.js";
import { thousands } from "./format-number.js";

/** The table's columns after component and unit: heading and count. */
export const DATA_COLUMNS: readonly { readonly head: string; readonly count: (t: DataTotals) => number }[] = [
  { head: "lost", count: (t) => t.lost },
  { head: "corrupted", count: (t) => t.corrupted },
  { head: "repaired", count: (t) => t.repaired },
  { head: "delayed", count: (t) => t.delayed },
  { head: "acknowledged lost", count: (t) => t.acknowledgedLost },
];

/** One component's counts in words, zeros left out, e.g. "wechat (records): 2,558 corrupted, 2,558 repaired, 0 acknowledged lost". */
export function dataSentence(t: DataTotals): string {
  const counts = DATA_COLUMNS.slice(0, 4).filter((c) => c.count(t) > 0).map((c) => `${thousands(c.count(t))} ${c.head}`);
  return `${t.component} (${t.unit}): ${[...counts, `${thousands(t.acknowledgedLost)} acknowledged lost`].join(", ")}`;
}

/** The table's cells of one component: component, unit, then the counts. */
export function dataCells(t: DataTotals): string[] {
  return [t.component, t.unit, ...DATA_COLUMNS.map((c) => thousands(c.count(t)))];
}
