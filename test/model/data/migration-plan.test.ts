import { describe, expect, it } from "vitest";
import { failedCopiesOf, planMigration, recopyOf } from "../../../src/model/data/migration-plan.js";

const HOUR = 3_600_000;

describe("planMigration", () => {
  it("deleting the sources before verification loses objects × rate, when the copy pass ends", () => {
    const plan = planMigration({ objects: 1_000_000, copyFailurePerMille: 2, verifyBeforeDelete: false, over: 10 * HOUR });
    expect(plan).toMatchObject({ failedCopies: 2_000, lostObjects: 2_000, deleteAtMs: 10 * HOUR, recopyMs: 0 });
  });

  it("verifying first loses nothing and takes longer by the re-copy passes (about rate × over)", () => {
    const plan = planMigration({ objects: 1_000_000, copyFailurePerMille: 2, verifyBeforeDelete: true, over: 10 * HOUR });
    expect(plan.lostObjects).toBe(0);
    // 2,000 re-copied (72 s), then 4 of those fail again (0.144 s): 2 passes.
    expect(plan.recopyPasses).toBe(2);
    expect(plan.recopyMs).toBe(72_144);
    expect(plan.deleteAtMs).toBe(10 * HOUR + 72_144);
    expect(plan.keptOnSource).toBe(0);
  });

  it("says what verification would have cost an unverified migration", () => {
    expect(planMigration({ objects: 1_000_000, copyFailurePerMille: 2, verifyBeforeDelete: false, over: 10 * HOUR }).verifiedRecopyMs).toBe(72_144);
  });

  it("with every copy failing, verification keeps every source and re-copies nothing", () => {
    const plan = planMigration({ objects: 500, copyFailurePerMille: 1000, verifyBeforeDelete: true, over: HOUR });
    expect(plan).toMatchObject({ lostObjects: 0, keptOnSource: 500, recopyMs: 0 });
    expect(planMigration({ objects: 500, copyFailurePerMille: 1000, verifyBeforeDelete: false, over: HOUR }).lostObjects).toBe(500);
  });

  it("loses nothing when no copy fails", () => {
    expect(planMigration({ objects: 10, copyFailurePerMille: 0, verifyBeforeDelete: false, over: HOUR }).lostObjects).toBe(0);
  });
});

describe("recopyOf and failedCopiesOf", () => {
  it("round to whole objects", () => {
    expect(failedCopiesOf(999, 1)).toBe(1);
    expect(failedCopiesOf(499, 1)).toBe(0);
  });

  it("stops after a bounded number of passes and says what is left", () => {
    const r = recopyOf(1e9, 999_000_000, 999, HOUR);
    expect(r.passes).toBe(100);
    expect(r.remaining).toBeGreaterThan(0);
  });
});
