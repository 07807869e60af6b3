import type { ComponentAction, ComponentFault } from "./component-events.js";
import type { LayerPort, Applied } from "./port.js";
import type { PropagationNetwork } from "./propagation.js";

/** The generic port: forces a service's or an app's capacity, whatever its layer. */
export class ComponentPort implements LayerPort<ComponentFault, ComponentAction> {
  constructor(private readonly network: PropagationNetwork) {}

  applyFault(fault: ComponentFault, cause: number, name: string): Applied {
    const holder = `fault:${name}`;
    this.network.hold(fault.target, holder, fault.capacity ?? 0, cause);
    return { undo: (clearCause) => this.network.hold(fault.target, holder, undefined, clearCause) };
  }

  applyAction(action: ComponentAction, cause: number): void {
    switch (action.action) {
      case "set-capacity":
        this.network.hold(action.target, "operator", action.capacity, cause);
        return;
      case "restore":
        this.network.releaseAll(action.target, cause);
        return;
    }
  }
}
