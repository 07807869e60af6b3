import type { LayerPort, Applied, PortClock } from "../core/port.js";
import type { PropagationNetwork, ServiceBehavior } from "../core/propagation.js";
import type { CloudAction, CloudFault } from "./config.js";
import { applyCloudEvent, clearCloudEvent } from "./index.js";

/** The cloud layer's port: a fault or an action reaches the behavior of its service, which is then looked at again. */
export class CloudPort implements LayerPort<CloudFault, CloudAction> {
  constructor(
    private readonly behaviors: ReadonlyMap<string, ServiceBehavior>,
    private readonly network: PropagationNetwork,
    private readonly clock: PortClock,
  ) {}

  applyFault(fault: CloudFault, cause: number): Applied {
    const behavior = this.behaviors.get(fault.service);
    if (behavior !== undefined && applyCloudEvent(behavior, fault, this.clock.nowMs)) this.network.touch(fault.service, cause);
    return {
      undo: (clearCause) => {
        if (behavior !== undefined && clearCloudEvent(behavior, fault, this.clock.nowMs)) this.network.touch(fault.service, clearCause);
      },
    };
  }

  applyAction(action: CloudAction, cause: number): void {
    const behavior = this.behaviors.get(action.service);
    if (behavior !== undefined && applyCloudEvent(behavior, action, this.clock.nowMs)) this.network.touch(action.service, cause);
  }
}
