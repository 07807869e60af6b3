import type { DataLedger } from "../model/core/data-ledger.js";
import type { PropagationNetwork } from "../model/core/propagation.js";
import type { FacilityModel } from "../model/facility/facility-model.js";
import type { Scenario } from "../scenario/scenario.js";

/** A conservation law of the model broke during a run (a bug, found by `run --check-invariants`). */
export class InvariantBroken extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvariantBroken";
  }
}

/**
 * The model's conservation laws, checked after every event in `--check-invariants` runs: servers (every cluster's
 * servers in exactly one state, none up without power, temperatures finite), capacities in 0..1, VMs (running and
 * waiting within the VMs placed) and the data ledger (counts finite and ≥ 0, lost and corrupted within written,
 * repaired within corrupted). Returns every law broken now.
 */
export function conservationViolations(scenario: Scenario, facility: FacilityModel, network: PropagationNetwork, ledger: DataLedger): string[] {
  const out = [...facility.invariantViolations()];
  for (const node of [...scenario.services, ...scenario.apps]) {
    const capacity = network.capacityReader(node.id)();
    if (!(capacity >= 0 && capacity <= 1)) out.push(`${node.id}: capacity ${capacity} outside 0..1`);
  }
  for (const s of scenario.services) {
    if (s.kind !== "cvm") continue;
    const m = network.behaviorMetrics(s.id);
    if (m === undefined) continue;
    const vms = m.vms as number;
    const running = m.vmsRunning as number;
    const waiting = m.vmsWaiting as number;
    if (!(running >= 0 && waiting >= 0 && running + waiting <= vms)) out.push(`cvm ${s.id}: ${running} VMs running and ${waiting} waiting of ${vms}`);
  }
  for (const t of ledger.totals()) {
    for (const [field, value] of Object.entries(t)) {
      if (typeof value === "number" && !(Number.isFinite(value) && value >= 0)) out.push(`ledger ${t.component} (${t.unit}): ${field} is ${value}`);
    }
    if (t.lost > t.written) out.push(`ledger ${t.component} (${t.unit}): ${t.lost} lost of ${t.written} written`);
    if (t.corrupted > t.written) out.push(`ledger ${t.component} (${t.unit}): ${t.corrupted} corrupted of ${t.written} written`);
    if (t.repaired > t.corrupted) out.push(`ledger ${t.component} (${t.unit}): ${t.repaired} repaired of ${t.corrupted} corrupted`);
  }
  return out;
}
