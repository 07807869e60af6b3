import type { Applied, LayerPort } from "../core/port.js";
import type { FacilityAction, FacilityFault } from "./config.js";
import type { FacilityModel } from "./facility-model.js";

/** The facility layer's port, over a built facility: a fault is undone by clearing exactly what it applied. */
export function facilityPort(facility: FacilityModel): LayerPort<FacilityFault, FacilityAction> {
  return {
    applyFault(fault: FacilityFault, cause: number): Applied {
      facility.applyFault(fault, cause);
      return { undo: (clearCause) => facility.clearFault(fault, clearCause) };
    },
    applyAction(action: FacilityAction, cause: number): void {
      facility.applyAction(action, cause);
    },
  };
}
