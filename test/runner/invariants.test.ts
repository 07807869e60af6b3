import { describe, expect, it } from "vitest";
import { DataLedger } from "../../src/model/core/data-ledger.js";
import type { PropagationNetwork } from "../../src/model/core/propagation.js";
import type { FacilityModel } from "../../src/model/facility/facility-model.js";
import { renderJson } from "../../src/report/json.js";
import { conservationViolations } from "../../src/runner/invariants.js";
import { runScenario } from "../../src/runner/run-scenario.js";
import type { Scenario } from "../../src/scenario/scenario.js";
import { shippedRun, shippedScenarioNames } from "../report/support.js";
import { fileReader } from "../../src/cli/io.js";
import { loadScenarioOrThrow } from "../../src/scenario/load.js";
import { join } from "node:path";
import { ROOT } from "../support/cli.js";

describe("--check-invariants", () => {
  for (const name of shippedScenarioNames()) {
    it(`${name}: every conservation law holds after every event, and checking changes nothing`, () => {
      const loaded = loadScenarioOrThrow(join(ROOT, "scenarios", `${name}.yaml`), fileReader);
      const checked = runScenario(loaded.scenario, { checkInvariants: true });
      const shipped = shippedRun(name);
      expect(renderJson({ ...checked, ...(shipped.provenance !== undefined ? { provenance: shipped.provenance } : {}) })).toBe(renderJson(shipped));
    });
  }

  it("names each broken law: servers, capacities, VMs and the ledger", () => {
    const scenario = { services: [{ id: "vm", kind: "cvm" }], apps: [{ id: "web" }] } as unknown as Scenario;
    const facility = { invariantViolations: () => ["cluster c: state counters disagree (9 of 10)"] } as unknown as FacilityModel;
    const network = {
      capacityReader: (id: string) => () => (id === "web" ? 1.5 : 1),
      behaviorMetrics: () => ({ vms: 10, vmsRunning: 8, vmsWaiting: 5 }),
    } as unknown as PropagationNetwork;
    const ledger = new DataLedger();
    ledger.record({ atMs: 0, component: "db", kind: "written", count: 10, unit: "writes", cause: 0, detail: "" });
    ledger.record({ atMs: 0, component: "db", kind: "lost", count: 11, unit: "writes", cause: 0, detail: "" });
    expect(conservationViolations(scenario, facility, network, ledger)).toEqual([
      "cluster c: state counters disagree (9 of 10)",
      "web: capacity 1.5 outside 0..1",
      "cvm vm: 8 VMs running and 5 waiting of 10",
      "ledger db (writes): 11 lost of 10 written",
    ]);
  });
});
