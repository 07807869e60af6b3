import type { LayerPort, Applied, PortClock } from "../core/port.js";
import type { PropagationNetwork } from "../core/propagation.js";
import type { AppLoadFlow, LoadChange } from "./app-load-flow.js";
import type { LoadAction, LoadFault } from "./events.js";
import { curveFromUsers } from "./load-curve.js";

/** The load change a load fault makes; `key` names it so that its end can be told apart. */
export function loadChangeOf(fault: LoadFault, key: string): LoadChange {
  if (fault.type === "load:reconnect-storm") {
    const extraRps = (fault.clients * (fault.requestsPerClient ?? 1)) / Math.max(1, fault.over / 1000);
    return { kind: "storm", key, app: fault.app, extraRps, forMs: fault.over };
  }
  const curve = fault.users !== undefined
    ? curveFromUsers(fault.users.map(([atMs, users]) => ({ atMs, users })))
    : { points: (fault.curve ?? [[0, 1]]).map(([atMs, multiplier]) => ({ atMs, multiplier })) };
  return { kind: "surge", key, app: fault.app, curve };
}

/** The load layer's port: surges, storms, admission limits and capacity changes reach the load flow. */
export class LoadPort implements LayerPort<LoadFault, LoadAction> {
  constructor(
    private readonly flow: AppLoadFlow,
    private readonly network: PropagationNetwork,
    private readonly clock: PortClock,
  ) {}

  applyFault(fault: LoadFault, cause: number, name: string): Applied {
    this.flow.apply(loadChangeOf(fault, name), this.clock.nowMs, cause);
    this.network.touch(fault.app, cause);
    return {
      undo: (clearCause) => {
        this.flow.apply({ kind: "end", key: name }, this.clock.nowMs, clearCause);
        this.network.touch(fault.app, clearCause);
      },
    };
  }

  applyAction(action: LoadAction, cause: number): void {
    switch (action.action) {
      case "limit-load":
        this.flow.apply({ kind: "limit", app: action.app, fraction: action.fraction }, this.clock.nowMs, cause);
        this.network.touch(action.app, cause);
        return;
      case "add-capacity":
        this.flow.apply({ kind: "capacity", service: action.service, capacityRps: action.capacityRps }, this.clock.nowMs, cause);
        this.network.touch(action.service, cause);
        return;
    }
  }
}
