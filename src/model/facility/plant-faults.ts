import type { FacilityFault } from "./config.js";
import { CHILLER_RUNNING, CHILLER_TRIPPED, type CoolingPlant } from "./cooling-plant.js";
import type { FacilityParts } from "./parts.js";
import type { Undo } from "./fault-table.js";

type FaultOf<T extends FacilityFault["type"]> = Extract<FacilityFault, { type: T }>;

const DEFAULT_RETRIP_AFTER_MS = 5 * 60_000;
const FLOW_STEP_MS = 5 * 60_000;

/** Records a change of a plant part (loop, controls, buffer), noted as a change of the plant's supply. */
function recordPart(parts: FacilityParts, plant: CoolingPlant, part: string, from: string, to: string, atWork: boolean, cause: number, detail: string): number {
  const id = parts.ctx.trace.record({ atMs: parts.ctx.sim.nowMs, component: `${plant.config.id}-${part}`, layer: "facility", from, to, aspect: "state", atWork, causes: cause >= 0 ? [cause] : [], detail });
  plant.causes.note(id);
  return id;
}

/** A loop losing flow: the flow factor falls linearly to `flowFraction` over `over`, in 5-minute steps. */
export function loopDegrade(parts: FacilityParts, fault: FaultOf<"cooling:loop-degrade">, cause: number): Undo | undefined {
  const plant = parts.plants[parts.plantIndex(fault.plant)];
  if (plant === undefined) return undefined;
  const from = plant.flowFactor;
  const over = fault.over ?? 0;
  const id = recordPart(parts, plant, "loop", "normal", "degraded", false, cause, over > 0 ? `flow falling to ${Math.round(fault.flowFraction * 100)} % over ${Math.round(over / 60_000)} min` : `flow down to ${Math.round(fault.flowFraction * 100)} %`);
  let active = true;
  const steps = over > 0 ? Math.max(1, Math.ceil(over / FLOW_STEP_MS)) : 0;
  if (steps === 0) {
    plant.flowFactor = fault.flowFraction;
    parts.settle(id);
  }
  for (let k = 1; k <= steps; k++) {
    const value = from + ((fault.flowFraction - from) * k) / steps;
    parts.defer(Math.round((over * k) / steps), () => {
      if (!active) return;
      plant.flowFactor = value;
      plant.causes.mark(id);
      parts.settle(id);
    });
  }
  return (clear) => {
    active = false;
    plant.flowFactor = 1;
    parts.settle(recordPart(parts, plant, "loop", "degraded", "normal", true, clear, "flow restored"));
  };
}

/** The next `count` chiller starts of a plant run for `after`, then trip again. */
export function chillerRetrip(parts: FacilityParts, fault: FaultOf<"cooling:chiller-retrip">, cause: number): Undo | undefined {
  const plant = parts.plants[parts.plantIndex(fault.plant)];
  if (plant === undefined) return undefined;
  for (let k = 0; k < (fault.count ?? 1); k++) plant.retrips.push({ afterMs: fault.runFor ?? DEFAULT_RETRIP_AFTER_MS, cause });
  return () => {
    const left = plant.retrips.filter((r) => r.cause !== cause);
    plant.retrips.length = 0;
    plant.retrips.push(...left);
  };
}

/** Arms a re-trip of chiller i if one is pending (called when its start completes). */
export function armRetrip(parts: FacilityParts, plant: CoolingPlant, i: number): void {
  if (plant.state[i] !== CHILLER_RUNNING) return;
  const r = plant.retrips.shift();
  if (r === undefined) return;
  parts.defer(r.afterMs, () => {
    if (plant.state[i] !== CHILLER_RUNNING) return;
    plant.trip([i], CHILLER_TRIPPED, r.cause, `tripped again ${Math.round(r.afterMs / 60_000)} min after its restart (no stable operation)`);
    plant.control(r.cause);
    plant.updateLabel(r.cause);
    parts.settle(r.cause);
  });
}

/** The plant's controls stop responding: no standby start and no restart until cleared. */
export function controlFail(parts: FacilityParts, fault: FaultOf<"cooling:control-fail">, cause: number): Undo | undefined {
  const plant = parts.plants[parts.plantIndex(fault.plant)];
  if (plant === undefined) return undefined;
  plant.controlFailed = true;
  parts.settle(recordPart(parts, plant, "controls", "running", "unresponsive", false, cause, "plant controls unresponsive: no standby start, no restart"));
  return (clear) => {
    plant.controlFailed = false;
    const id = recordPart(parts, plant, "controls", "unresponsive", "running", true, clear, "plant controls back");
    plant.control(id);
    plant.updateLabel(id);
    parts.settle(id);
  };
}

/** The buffer tanks' and storage's valves close: their water leaves the loop until reopened. */
export function bufferValveClose(parts: FacilityParts, fault: FaultOf<"cooling:buffer-valve-close">, cause: number): Undo | undefined {
  const plant = parts.plants[parts.plantIndex(fault.plant)];
  if (plant === undefined) return undefined;
  const id = recordPart(parts, plant, "buffer", "open", "closed", false, cause, "buffer-tank valves closed: stored chilled water cut off from the loop");
  parts.settle(id);
  plant.loop.setBufferOpen(false);
  parts.settle(id);
  return (clear) => {
    const back = recordPart(parts, plant, "buffer", "closed", "open", true, clear, "buffer-tank valves open again");
    parts.settle(back);
    plant.loop.setBufferOpen(true);
    parts.settle(back);
  };
}
