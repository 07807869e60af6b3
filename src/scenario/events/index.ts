// The event-type registry: every fault type and operator action this version knows, one module each.
// Adding a type: write its module beside the others (owner layer, schema, whether a duration clears it), add one
// line to the lists below, and teach its layer's port to carry it out (the compiler then asks for the handler).
import { z } from "zod";
import type { CloudAction, CloudFault } from "../../model/cloud/config.js";
import type { ComponentAction, ComponentFault } from "../../model/core/component-events.js";
import type { DataAction, DataFault } from "../../model/data/config.js";
import type { FacilityAction, FacilityFault } from "../../model/facility/config.js";
import type { LoadAction, LoadFault } from "../../model/apps/events.js";
import type { ActionType, EventOwner, FaultType } from "./event-type.js";
import { powerUtilityLossFault } from "./facility/power-utility-loss.js";
import { powerVoltageSagFault } from "./facility/power-voltage-sag.js";
import { powerGeneratorFailFault } from "./facility/power-generator-fail.js";
import { coolingChillerFailFault } from "./facility/cooling-chiller-fail.js";
import { coolingPumpFailFault } from "./facility/cooling-pump-fail.js";
import { coolingCrahFailFault } from "./facility/cooling-crah-fail.js";
import { coolingRestartFailFault } from "./facility/cooling-restart-fail.js";
import { weatherOutsideTemperatureFault } from "./facility/weather-outside-temperature.js";
import { serverFailFault } from "./facility/server-fail.js";
import { coolingLoopDegradeFault } from "./facility/cooling-loop-degrade.js";
import { coolingChillerRetripFault } from "./facility/cooling-chiller-retrip.js";
import { coolingControlFailFault } from "./facility/cooling-control-fail.js";
import { coolingBufferValveCloseFault } from "./facility/cooling-buffer-valve-close.js";
import { roomSuppressionDischargeFault } from "./facility/room-suppression-discharge.js";
import { weatherDailyCycleFault } from "./facility/weather-daily-cycle.js";
import { shedLoadAction } from "./facility/shed-load.js";
import { powerOffAction } from "./facility/power-off.js";
import { restartChillersAction } from "./facility/restart-chillers.js";
import { powerOnAction } from "./facility/power-on.js";
import { addCoolingAction } from "./facility/add-cooling.js";
import { repairAction } from "./facility/repair.js";
import { removeCoolingAction } from "./facility/remove-cooling.js";
import { openVentilationAction } from "./facility/open-ventilation.js";
import { closeVentilationAction } from "./facility/close-ventilation.js";
import { resetAirHandlersAction } from "./facility/reset-air-handlers.js";
import { releaseHallAction } from "./facility/release-hall.js";
import { cloudApiRushFault } from "./cloud/cloud-api-rush.js";
import { failoverAction } from "./cloud/failover.js";
import { scaleOutAction } from "./cloud/scale-out.js";
import { loadSurgeFault } from "./load/load-surge.js";
import { loadReconnectStormFault } from "./load/load-reconnect-storm.js";
import { limitLoadAction } from "./load/limit-load.js";
import { addCapacityAction } from "./load/add-capacity.js";
import { dataCorruptWritesFault } from "./data/data-corrupt-writes.js";
import { dataMigrationFault } from "./data/data-migration.js";
import { fixPartnerFormatAction } from "./data/fix-partner-format.js";
import { removeNodeAction } from "./data/remove-node.js";
import { repairRecordsAction } from "./data/repair-records.js";
import { componentFailFault } from "./component/component-fail.js";
import { restoreAction } from "./component/restore.js";
import { setCapacityAction } from "./component/set-capacity.js";

export type { ActionType, EventOwner, FaultType } from "./event-type.js";

/** Fault types by owner layer. */
export const FACILITY_FAULTS = [powerUtilityLossFault, powerVoltageSagFault, powerGeneratorFailFault, coolingChillerFailFault, coolingPumpFailFault, coolingCrahFailFault, coolingRestartFailFault, weatherOutsideTemperatureFault, serverFailFault, coolingLoopDegradeFault, coolingChillerRetripFault, coolingControlFailFault, coolingBufferValveCloseFault, roomSuppressionDischargeFault, weatherDailyCycleFault] as const;
export const CLOUD_FAULTS = [cloudApiRushFault] as const;
export const LOAD_FAULTS = [loadSurgeFault, loadReconnectStormFault] as const;
export const DATA_FAULTS = [dataCorruptWritesFault, dataMigrationFault] as const;
export const COMPONENT_FAULTS = [componentFailFault] as const;

/** Operator actions by owner layer. */
export const FACILITY_ACTIONS = [shedLoadAction, powerOffAction, restartChillersAction, powerOnAction, addCoolingAction, repairAction, removeCoolingAction, openVentilationAction, closeVentilationAction, resetAirHandlersAction, releaseHallAction] as const;
export const CLOUD_ACTIONS = [failoverAction, scaleOutAction] as const;
export const LOAD_ACTIONS = [limitLoadAction, addCapacityAction] as const;
export const DATA_ACTIONS = [fixPartnerFormatAction, removeNodeAction, repairRecordsAction] as const;
export const COMPONENT_ACTIONS = [restoreAction, setCapacityAction] as const;

/** Every fault type, in the order the documentation lists them. */
export const FAULT_TYPES: readonly FaultType[] = [...FACILITY_FAULTS, ...CLOUD_FAULTS, ...LOAD_FAULTS, ...DATA_FAULTS, ...COMPONENT_FAULTS];

/** Every operator action, in the order the documentation lists them. */
export const ACTION_TYPES: readonly ActionType[] = [...FACILITY_ACTIONS, ...CLOUD_ACTIONS, ...LOAD_ACTIONS, ...DATA_ACTIONS, ...COMPONENT_ACTIONS];

/** The fault type named `name` (a fault's `type`), if this version knows it. */
export function faultType(name: string): FaultType | undefined {
  return FAULT_TYPES.find((t) => t.name === name);
}

/** The action named `name` (an operator step's `do.action`), if this version knows it. */
export function actionType(name: string): ActionType | undefined {
  return ACTION_TYPES.find((t) => t.name === name);
}

/** One schema for a list of event types, discriminated on `key` (`type` or `action`): one typo gives one error. */
export function eventUnion(key: "type" | "action", types: readonly { readonly schema: z.ZodObject }[]): z.ZodType {
  return z.discriminatedUnion(key, types.map((t) => t.schema) as unknown as [z.ZodObject, ...z.ZodObject[]]);
}

/** The owner of every fault type, by name. */
export function faultOwner(name: string): EventOwner | undefined {
  return faultType(name)?.owner;
}

type Output<L extends readonly { schema: z.ZodType }[]> = z.output<L[number]["schema"]>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Compile-time proof that each layer's port types are exactly its modules' schema outputs: a type added to one
// and not the other fails the build.
const agree: [
  Same<Output<typeof FACILITY_FAULTS>, FacilityFault>, Same<Output<typeof FACILITY_ACTIONS>, FacilityAction>,
  Same<Output<typeof CLOUD_FAULTS>, CloudFault>, Same<Output<typeof CLOUD_ACTIONS>, CloudAction>,
  Same<Output<typeof LOAD_FAULTS>, LoadFault>, Same<Output<typeof LOAD_ACTIONS>, LoadAction>,
  Same<Output<typeof DATA_FAULTS>, DataFault>, Same<Output<typeof DATA_ACTIONS>, DataAction>,
  Same<Output<typeof COMPONENT_FAULTS>, ComponentFault>, Same<Output<typeof COMPONENT_ACTIONS>, ComponentAction>,
] = [true, true, true, true, true, true, true, true, true, true];
void agree;
