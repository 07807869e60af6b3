/** One entry of the data ledger: what happened to some acknowledged data, when, why. */
export interface LedgerEntry {
  readonly atMs: number;
  /** Component whose data it is (a database, a storage pool, an app). */
  readonly component: string;
  /** `written` counts the units the others are out of (so lost ≤ written can be checked). */
  readonly kind: "written" | "lost" | "delayed" | "corrupted" | "repaired";
  /** How many units (writes, objects, records, messages). */
  readonly count: number;
  /** What the units are ("writes", "objects", "messages"). */
  readonly unit: string;
  /** Trace id of the transition that caused it. */
  readonly cause: number;
  readonly detail: string;
}

/** What happened to one component's data of one unit over a run, summed from its ledger entries. */
export interface DataTotals {
  readonly component: string;
  readonly unit: string;
  /** Units written to the component, as the model counts them, up to its last loss, corruption or migration. */
  readonly written: number;
  readonly lost: number;
  readonly delayed: number;
  readonly corrupted: number;
  readonly repaired: number;
  /** Lost, plus corrupted not repaired: what users were told was saved and is gone. */
  readonly acknowledgedLost: number;
}

/** The counts of {@link DataTotals}, by the names checks read them (`data.<component>.<field>`, and `data.<field>` summed over components). */
export const DATA_TOTAL_FIELDS = ["lost", "delayed", "corrupted", "repaired", "acknowledgedLost"] as const;

/** One of {@link DATA_TOTAL_FIELDS}. */
export type DataTotalField = (typeof DATA_TOTAL_FIELDS)[number];

/** Counts what happened to acknowledged data: delayed is not lost; lost is what a user was told was saved and is gone. */
export class DataLedger {
  private readonly entries: LedgerEntry[] = [];

  /** Records an entry. */
  record(entry: LedgerEntry): void {
    if (!(entry.count >= 0) || !Number.isFinite(entry.count)) throw new Error(`ledger: bad count ${entry.count} for ${entry.component}`);
    this.entries.push(entry);
  }

  /** Every entry, in order. */
  all(): readonly LedgerEntry[] {
    return this.entries;
  }

  /** Totals per (component, unit), in the order each pair first appears in the ledger. */
  totals(): DataTotals[] {
    const byKey = new Map<string, { component: string; unit: string; written: number; lost: number; delayed: number; corrupted: number; repaired: number }>();
    for (const e of this.entries) {
      const key = `${e.component}\u0000${e.unit}`;
      let t = byKey.get(key);
      if (t === undefined) {
        t = { component: e.component, unit: e.unit, written: 0, lost: 0, delayed: 0, corrupted: 0, repaired: 0 };
        byKey.set(key, t);
      }
      t[e.kind] += e.count;
    }
    return [...byKey.values()].map((t) => ({ ...t, acknowledgedLost: t.lost + Math.max(0, t.corrupted - t.repaired) }));
  }

  /** Total acknowledged units lost (corrupted units not yet repaired count as lost). */
  acknowledgedLost(): number {
    let lost = 0;
    let corrupted = 0;
    let repaired = 0;
    for (const e of this.entries) {
      if (e.kind === "lost") lost += e.count;
      else if (e.kind === "corrupted") corrupted += e.count;
      else if (e.kind === "repaired") repaired += e.count;
    }
    return lost + Math.max(0, corrupted - repaired);
  }
}
