/**
 * A storage migration, planned in closed form: one copy pass over every object takes `over`; a share of copies
 * fails. Deleting the sources before verifying loses every object whose copy failed. Verifying first finds the
 * failed copies and re-copies them, pass after pass at the same pace and failure rate, until none is left:
 * nothing is lost and the migration takes longer. When every copy fails (1000‰) verification never passes: the
 * migration stops with every source kept. Counts are expected values, rounded to whole objects.
 */

import type { MigrationFault } from "./config.js";

/** Most re-copy passes planned; past it the sources of copies still failing are kept (nothing is lost either way). */
export const MAX_RECOPY_PASSES = 100;

/** What a migration does and when, relative to its start. */
export interface MigrationPlan {
  /** Copies that fail in the first pass. */
  readonly failedCopies: number;
  /** Objects lost: their copy failed and their source was deleted before verification (0 with verification). */
  readonly lostObjects: number;
  /** Extra time spent re-copying failed copies before verification passed (0 without verification). */
  readonly recopyMs: number;
  /** Re-copy passes needed until every copy verified (0 without verification or without failures). */
  readonly recopyPasses: number;
  /** When the sources are deleted, since the start. */
  readonly deleteAtMs: number;
  /** What verification would cost this migration: the extra time, had it verified before deleting. */
  readonly verifiedRecopyMs: number;
  /** With verification: objects whose copy never verified (every copy fails, or too many passes); their sources are kept, not deleted. */
  readonly keptOnSource: number;
}

/** Failed copies of `objects` at `perMille` per thousand, rounded to whole objects. */
export function failedCopiesOf(objects: number, perMille: number): number {
  return Math.round((objects * perMille) / 1000);
}

/** Re-copy passes and their time when verification finds `failed` bad copies out of `objects` copied in `overMs`. */
export function recopyOf(objects: number, failed: number, perMille: number, overMs: number): { readonly passes: number; readonly ms: number; readonly remaining: number } {
  // Every copy failing: re-copying is pointless, the migration stops with its sources kept.
  if (perMille >= 1000) return { passes: 0, ms: 0, remaining: failed };
  let remaining = failed;
  let passes = 0;
  let ms = 0;
  while (remaining > 0 && passes < MAX_RECOPY_PASSES) {
    ms += (overMs * remaining) / objects;
    passes++;
    remaining = failedCopiesOf(remaining, perMille);
  }
  return { passes, ms: Math.round(ms), remaining };
}

/** Plans a migration from its fault: how many copies fail, what is lost, how long it takes. */
export function planMigration(fault: Pick<MigrationFault, "objects" | "copyFailurePerMille" | "verifyBeforeDelete" | "over">): MigrationPlan {
  const failedCopies = failedCopiesOf(fault.objects, fault.copyFailurePerMille);
  const recopy = recopyOf(fault.objects, failedCopies, fault.copyFailurePerMille, fault.over);
  if (!fault.verifyBeforeDelete) {
    return { failedCopies, lostObjects: failedCopies, recopyMs: 0, recopyPasses: 0, deleteAtMs: fault.over, verifiedRecopyMs: recopy.ms, keptOnSource: 0 };
  }
  return { failedCopies, lostObjects: 0, recopyMs: recopy.ms, recopyPasses: recopy.passes, deleteAtMs: fault.over + recopy.ms, verifiedRecopyMs: recopy.ms, keptOnSource: recopy.remaining };
}
