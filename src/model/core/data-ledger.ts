/** One entry of the data ledger: what happened to some acknowledged data, when, why. */
export interface LedgerEntry {
  readonly atMs: number;
  /** Component whose data it is (a database, a storage pool, an app). */
  readonly component: string;
  readonly kind: "lost" | "delayed" | "corrupted" | "repaired";
  /** How many units (writes, objects, records, messages). */
  readonly count: number;
  /** What the units are ("writes", "objects", "messages"). */
  readonly unit: string;
  /** Trace id of the transition that caused it. */
  readonly cause: number;
  readonly detail: string;
}

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
