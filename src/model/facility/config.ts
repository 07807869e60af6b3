import type { DistributionSpec } from "../../engine/distributions.js";
import * as D from "./defaults.js";

/** What a cluster's servers do; storage servers are the fragile ones. */
export type ServerRole = "compute" | "storage" | "network" | "control";

/** The server roles, in a stable order. */
export const SERVER_ROLES: readonly ServerRole[] = ["compute", "storage", "network", "control"];

/** A utility feed (grid connection) as written. */
export interface UtilityInput { id: string }

/** A power feed (utility → transfer switch → optional UPS, optional generators) as written. */
export interface FeedInput {
  id: string;
  utility?: string | undefined;
  ups?: { batteryMinutes?: number | undefined; rechargeMinutes?: number | undefined } | undefined;
  generators?: { count?: number | undefined; needed?: number | undefined; startDelay?: number | undefined; startFailureProbability?: number | undefined } | undefined;
}

/** A chiller plant as written. */
export interface PlantInput {
  id: string;
  feed?: string | undefined;
  chillers: {
    count: number;
    standby?: number | undefined;
    capacityKw?: number | undefined;
    restartMinutes?: DistributionSpec | undefined;
    restartAfterTransferMinutes?: DistributionSpec | undefined;
    restartFailureProbability?: number | undefined;
    autoRestart?: boolean | undefined;
    designOutsideCelsius?: number | undefined;
    deratePerKelvin?: number | undefined;
    tripOutsideCelsius?: number | undefined;
  };
  loop?: { volumeM3?: number | undefined; supplyCelsius?: number | undefined; bufferTankM3?: number | undefined } | undefined;
  groups?: { id: string; kind: "loop" | "controller"; chillers: string[] }[] | undefined;
  pumps?: { count?: number | undefined; needed?: number | undefined; feed?: string | undefined } | undefined;
  storage?: { rideThroughMinutes: number; rechargeMinutes?: number | undefined } | undefined;
}

/** A hall (thermal zone) as written. */
export interface HallInput {
  id: string;
  plant: string;
  feed?: string | undefined;
  racks?: number | undefined;
  floorAreaM2?: number | undefined;
  setpointCelsius?: number | undefined;
  thermalCapacitanceKjPerK?: number | undefined;
  lossConductanceKwPerK?: number | undefined;
  rackInletOffsetCelsius?: DistributionSpec | undefined;
  crah?: { count?: number | undefined; capacityKw?: number | undefined; feed?: string | undefined; lockoutReturnCelsius?: number | undefined } | undefined;
}

/** A cluster of identical servers in one hall as written. */
export interface ClusterInput {
  id: string;
  hall: string;
  role: ServerRole;
  servers: number;
  kwPerServer: number;
  serversPerRack?: number | undefined;
  warningCelsius?: DistributionSpec | undefined;
  shutdownCelsius?: DistributionSpec | undefined;
  gracefulShutdown?: boolean | undefined;
  gracefulShutdownAfter?: number | undefined;
  hysteresisCelsius?: number | undefined;
  throttledCapacity?: number | undefined;
  throttledPower?: number | undefined;
  damage?: { onsetCelsius?: number | undefined; probabilityPerKelvin?: number | undefined } | undefined;
  degradedBelow?: number | undefined;
  downBelow?: number | undefined;
}

/** The facility and compute part of a region as written in YAML (structurally the zod schema's output). */
export interface FacilityInput {
  weather?: { outsideCelsius?: number | undefined } | undefined;
  power?: { utilities?: UtilityInput[] | undefined; feeds?: FeedInput[] | undefined } | undefined;
  plants?: PlantInput[] | undefined;
  halls?: HallInput[] | undefined;
  clusters?: ClusterInput[] | undefined;
}

/** A facility fault, by type (durations in ms). */
export type FacilityFault =
  | { type: "power:utility-loss"; utility?: string | undefined }
  | { type: "power:voltage-sag"; utility?: string | undefined; runningTripProbability?: number | undefined; standbyTripProbability?: number | undefined }
  | { type: "power:generator-fail"; feed: string }
  | { type: "cooling:chiller-fail"; plant?: string | undefined; group?: string | undefined; chillers?: string[] | undefined; count?: number | undefined }
  | { type: "cooling:pump-fail"; plant: string; count?: number | undefined }
  | { type: "cooling:crah-fail"; hall: string; count?: number | undefined }
  | { type: "cooling:restart-fail"; plant: string; count?: number | undefined }
  | { type: "weather:outside-temperature"; celsius: number; over?: number | undefined }
  | { type: "server:fail"; cluster: string; fraction: number }
  | { type: "cooling:loop-degrade"; plant: string; flowFraction: number; over?: number | undefined }
  | { type: "cooling:chiller-retrip"; plant: string; count?: number | undefined; runFor?: number | undefined }
  | { type: "cooling:control-fail"; plant: string }
  | { type: "cooling:buffer-valve-close"; plant: string }
  | { type: "room:suppression-discharge"; hall: string; agent?: "gas" | "sprinkler" | undefined; whenAboveCelsius?: number | undefined; damagedFraction?: number | undefined }
  | { type: "weather:daily-cycle"; minCelsius: number; maxCelsius: number; peakAfter?: number | undefined };

/** An operator action on the facility or compute layer (durations in ms). */
export type FacilityAction =
  | { action: "shed-load"; hall?: string | undefined; role?: ServerRole | undefined; cluster?: string | undefined; fraction: number }
  | { action: "power-off"; hall?: string | undefined; cluster?: string | undefined; fraction?: number | undefined }
  | { action: "restart-chillers"; plant: string; chillers?: string[] | undefined }
  | { action: "power-on"; hall?: string | undefined; cluster?: string | undefined; role?: ServerRole | undefined; batchSize: number; every: number; whenBelowCelsius?: number | undefined }
  | { action: "add-cooling"; hall: string; capacityKw: number }
  | { action: "repair"; cluster: string }
  | { action: "remove-cooling"; hall: string; capacityKw?: number | undefined }
  | { action: "open-ventilation"; hall: string; airflowM3PerSecond: number }
  | { action: "close-ventilation"; hall: string }
  | { action: "reset-air-handlers"; hall: string }
  | { action: "release-hall"; hall: string };

/** The fault type names this layer handles. */
export const FACILITY_FAULT_TYPES: readonly FacilityFault["type"][] = [
  "power:utility-loss", "power:voltage-sag", "power:generator-fail", "cooling:chiller-fail", "cooling:pump-fail",
  "cooling:crah-fail", "cooling:restart-fail", "weather:outside-temperature", "server:fail",
  "cooling:loop-degrade", "cooling:chiller-retrip", "cooling:control-fail", "cooling:buffer-valve-close", "room:suppression-discharge", "weather:daily-cycle",
];

/** The action names this layer handles. */
export const FACILITY_ACTIONS: readonly FacilityAction["action"][] = [
  "shed-load", "power-off", "restart-chillers", "power-on", "add-cooling", "repair",
  "remove-cooling", "open-ventilation", "close-ventilation", "reset-air-handlers", "release-hall",
];

/** A feed with defaults applied. */
export interface FeedConfig {
  readonly id: string;
  readonly utility: string;
  readonly ups: { readonly batteryMs: number; readonly rechargeMs: number } | undefined;
  readonly generators: { readonly count: number; readonly needed: number; readonly startDelayMs: number; readonly startFailureProbability: number } | undefined;
}

/** A chiller plant with defaults applied and chiller ids generated (`<plant>-ch1` …). */
export interface PlantConfig {
  readonly id: string;
  readonly feed: string | undefined;
  readonly chillerIds: readonly string[];
  readonly runningTarget: number;
  readonly chillerCapacityKw: number;
  readonly restartMinutes: DistributionSpec;
  readonly restartAfterTransferMinutes: DistributionSpec;
  readonly restartFailureProbability: number;
  readonly autoRestart: boolean;
  readonly designOutsideCelsius: number;
  readonly deratePerKelvin: number;
  /** Outside temperature above which running chillers trip, °C. */
  readonly tripOutsideCelsius: number;
  /** The chilled-water loop: heat capacity of its water (pipes and coils) and of its buffer tanks, kJ/K, and the supply temperature held, °C. */
  readonly loop: { readonly waterKjPerK: number; readonly bufferKjPerK: number; readonly supplyCelsius: number };
  readonly groups: readonly { readonly id: string; readonly kind: "loop" | "controller"; readonly chillers: readonly string[] }[];
  readonly pumps: { readonly count: number; readonly needed: number; readonly feed: string | undefined };
  /** Thermal storage: energy in kJ, discharge limit and recharge rate in kW. */
  readonly storage: { readonly energyKj: number; readonly maxDischargeKw: number; readonly rechargeKw: number } | undefined;
  /** Sum of the design IT load of the halls it serves, kW. */
  readonly designLoadKw: number;
}

/** A hall with defaults applied. */
export interface HallConfig {
  readonly id: string;
  readonly plant: string;
  readonly feed: string | undefined;
  readonly racks: number;
  readonly floorAreaM2: number;
  readonly setpointCelsius: number;
  readonly thermalCapacitanceKjPerK: number;
  readonly lossConductanceKwPerK: number;
  readonly rackInletOffsetCelsius: DistributionSpec;
  readonly crah: { readonly count: number; readonly capacityKw: number; readonly feed: string | undefined; readonly lockoutReturnCelsius: number };
  /** IT load with every server up and unthrottled, kW. */
  readonly designItKw: number;
}

/** A cluster with defaults applied. */
export interface ClusterConfig {
  readonly id: string;
  readonly hall: string;
  readonly role: ServerRole;
  readonly servers: number;
  readonly kwPerServer: number;
  readonly serversPerRack: number;
  /** Index of the cluster's first rack in its hall. */
  readonly firstRack: number;
  readonly warningCelsius: DistributionSpec;
  readonly shutdownCelsius: DistributionSpec;
  /** Dwell above warning before a graceful shutdown; undefined when graceful shutdown is off. */
  readonly gracefulShutdownAfterMs: number | undefined;
  readonly hysteresisCelsius: number;
  readonly throttledCapacity: number;
  readonly throttledPower: number;
  readonly damageOnsetCelsius: number;
  readonly damagePerKelvin: number;
  readonly degradedBelow: number;
  readonly downBelow: number;
}

/** The facility and compute part of a region with every default applied. */
export interface FacilityConfig {
  readonly outsideCelsius: number;
  readonly utilities: readonly { readonly id: string }[];
  readonly feeds: readonly FeedConfig[];
  readonly plants: readonly PlantConfig[];
  readonly halls: readonly HallConfig[];
  readonly clusters: readonly ClusterConfig[];
}

/** Id of the utility that feeds without a `utility` field share. */
export const IMPLICIT_UTILITY_ID = "grid";

/** Ids of a plant's chillers: `<plant>-ch1` … `<plant>-chN`. */
export function chillerIds(plantId: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${plantId}-ch${i + 1}`);
}

/** Racks a cluster fills. */
export function clusterRacks(cluster: Pick<ClusterInput, "servers" | "serversPerRack">): number {
  return Math.ceil(cluster.servers / (cluster.serversPerRack ?? D.DEFAULT_SERVERS_PER_RACK));
}

/** Applies every default to a checked facility input (run checkFacility first: references are assumed valid). */
export function normalizeFacility(input: FacilityInput): FacilityConfig {
  const feedsIn = input.power?.feeds ?? [];
  const utilitiesIn = input.power?.utilities ?? [];
  const needsImplicit = feedsIn.some((f) => f.utility === undefined) && !utilitiesIn.some((u) => u.id === IMPLICIT_UTILITY_ID);
  const utilities = [...utilitiesIn.map((u) => ({ id: u.id })), ...(needsImplicit ? [{ id: IMPLICIT_UTILITY_ID }] : [])];
  const feeds: FeedConfig[] = feedsIn.map((f) => ({
    id: f.id,
    utility: f.utility ?? IMPLICIT_UTILITY_ID,
    ups: f.ups === undefined ? undefined : {
      batteryMs: Math.round((f.ups.batteryMinutes ?? D.DEFAULT_UPS_BATTERY_MINUTES) * 60_000),
      rechargeMs: Math.round((f.ups.rechargeMinutes ?? D.DEFAULT_UPS_RECHARGE_MINUTES) * 60_000),
    },
    generators: f.generators === undefined ? undefined : {
      count: f.generators.count ?? D.DEFAULT_GENERATORS.count,
      needed: f.generators.needed ?? Math.min(D.DEFAULT_GENERATORS.needed, f.generators.count ?? D.DEFAULT_GENERATORS.count),
      startDelayMs: f.generators.startDelay ?? D.DEFAULT_GENERATOR_START_DELAY_MS,
      startFailureProbability: f.generators.startFailureProbability ?? D.DEFAULT_GENERATOR_START_FAILURE_PROBABILITY,
    },
  }));

  const clustersIn = input.clusters ?? [];
  const rackCursor = new Map<string, number>();
  const clusters: ClusterConfig[] = clustersIn.map((c) => {
    const firstRack = rackCursor.get(c.hall) ?? 0;
    rackCursor.set(c.hall, firstRack + clusterRacks(c));
    const storage = c.role === "storage";
    return {
      id: c.id,
      hall: c.hall,
      role: c.role,
      servers: c.servers,
      kwPerServer: c.kwPerServer,
      serversPerRack: c.serversPerRack ?? D.DEFAULT_SERVERS_PER_RACK,
      firstRack,
      warningCelsius: c.warningCelsius ?? D.DEFAULT_WARNING_CELSIUS,
      shutdownCelsius: c.shutdownCelsius ?? D.DEFAULT_SHUTDOWN_CELSIUS,
      gracefulShutdownAfterMs: c.gracefulShutdown === false ? undefined : (c.gracefulShutdownAfter ?? D.DEFAULT_GRACEFUL_SHUTDOWN_AFTER_MS),
      hysteresisCelsius: c.hysteresisCelsius ?? D.DEFAULT_THRESHOLD_HYSTERESIS_K,
      throttledCapacity: c.throttledCapacity ?? D.DEFAULT_THROTTLED_CAPACITY,
      throttledPower: c.throttledPower ?? D.DEFAULT_THROTTLED_POWER,
      damageOnsetCelsius: c.damage?.onsetCelsius ?? D.DEFAULT_DAMAGE_ONSET_CELSIUS,
      damagePerKelvin: c.damage?.probabilityPerKelvin ?? (storage ? D.DEFAULT_STORAGE_DAMAGE_PER_K : 0),
      degradedBelow: c.degradedBelow ?? D.DEFAULT_CLUSTER_DEGRADED_BELOW,
      downBelow: c.downBelow ?? D.DEFAULT_CLUSTER_DOWN_BELOW,
    };
  });

  const halls: HallConfig[] = (input.halls ?? []).map((h) => {
    const mine = clusters.filter((c) => c.hall === h.id);
    const designItKw = mine.reduce((sum, c) => sum + c.servers * c.kwPerServer, 0);
    const racks = Math.max(1, h.racks ?? (rackCursor.get(h.id) ?? 0));
    const floorAreaM2 = h.floorAreaM2 ?? racks * D.FLOOR_AREA_M2_PER_RACK;
    const crahCapacityKw = h.crah?.capacityKw ?? D.DEFAULT_CRAH_CAPACITY_KW;
    return {
      id: h.id,
      plant: h.plant,
      feed: h.feed,
      racks,
      floorAreaM2,
      setpointCelsius: h.setpointCelsius ?? D.DEFAULT_SETPOINT_CELSIUS,
      thermalCapacitanceKjPerK: h.thermalCapacitanceKjPerK
        ?? racks * D.EQUIPMENT_KJ_PER_K_PER_RACK + floorAreaM2 * (D.AIR_KJ_PER_K_PER_M2 + D.STRUCTURE_KJ_PER_K_PER_M2),
      lossConductanceKwPerK: h.lossConductanceKwPerK ?? floorAreaM2 * D.LOSS_KW_PER_K_PER_M2,
      rackInletOffsetCelsius: h.rackInletOffsetCelsius ?? D.DEFAULT_RACK_OFFSET,
      crah: {
        count: h.crah?.count ?? Math.max(2, Math.ceil((designItKw * D.CRAH_SIZING_MARGIN) / crahCapacityKw)),
        capacityKw: crahCapacityKw,
        feed: h.crah?.feed ?? h.feed,
        lockoutReturnCelsius: h.crah?.lockoutReturnCelsius ?? Number.POSITIVE_INFINITY,
      },
      designItKw,
    };
  });

  const plants: PlantConfig[] = (input.plants ?? []).map((p) => {
    const designLoadKw = halls.filter((h) => h.plant === p.id).reduce((sum, h) => sum + h.designItKw, 0);
    const standby = Math.min(p.chillers.standby ?? D.DEFAULT_STANDBY_CHILLERS, Math.max(0, p.chillers.count - 1));
    const runningTarget = p.chillers.count - standby;
    const pumpCount = p.pumps?.count ?? D.DEFAULT_PUMPS;
    const rechargeMinutes = p.storage?.rechargeMinutes ?? D.DEFAULT_STORAGE_RECHARGE_MINUTES;
    const energyKj = p.storage === undefined ? 0 : p.storage.rideThroughMinutes * 60 * designLoadKw;
    return {
      id: p.id,
      feed: p.feed,
      chillerIds: chillerIds(p.id, p.chillers.count),
      runningTarget,
      chillerCapacityKw: p.chillers.capacityKw ?? Math.ceil((designLoadKw * D.CHILLER_SIZING_MARGIN) / Math.max(1, runningTarget)),
      restartMinutes: p.chillers.restartMinutes ?? D.DEFAULT_CHILLER_RESTART_MINUTES,
      restartAfterTransferMinutes: p.chillers.restartAfterTransferMinutes ?? D.DEFAULT_CHILLER_RESTART_AFTER_TRANSFER_MINUTES,
      restartFailureProbability: p.chillers.restartFailureProbability ?? D.DEFAULT_CHILLER_RESTART_FAILURE_PROBABILITY,
      autoRestart: p.chillers.autoRestart ?? true,
      designOutsideCelsius: p.chillers.designOutsideCelsius ?? D.DEFAULT_CHILLER_DESIGN_OUTSIDE_CELSIUS,
      deratePerKelvin: p.chillers.deratePerKelvin ?? D.DEFAULT_CHILLER_DERATE_PER_K,
      tripOutsideCelsius: p.chillers.tripOutsideCelsius ?? D.DEFAULT_CHILLER_TRIP_OUTSIDE_CELSIUS,
      loop: {
        waterKjPerK: (p.loop?.volumeM3 ?? Math.max(0.1, (designLoadKw / 1000) * D.LOOP_M3_PER_MW)) * D.WATER_KJ_PER_K_PER_M3,
        bufferKjPerK: (p.loop?.bufferTankM3 ?? 0) * D.WATER_KJ_PER_K_PER_M3,
        supplyCelsius: p.loop?.supplyCelsius ?? D.DEFAULT_SUPPLY_WATER_CELSIUS,
      },
      groups: (p.groups ?? []).map((g) => ({ id: g.id, kind: g.kind, chillers: [...g.chillers] })),
      pumps: { count: pumpCount, needed: Math.min(p.pumps?.needed ?? Math.max(1, pumpCount - 1), pumpCount), feed: p.pumps?.feed ?? p.feed },
      storage: p.storage === undefined ? undefined : {
        energyKj,
        maxDischargeKw: designLoadKw,
        rechargeKw: rechargeMinutes > 0 ? energyKj / (rechargeMinutes * 60) : Number.POSITIVE_INFINITY,
      },
      designLoadKw,
    };
  });

  return {
    outsideCelsius: input.weather?.outsideCelsius ?? D.DEFAULT_OUTSIDE_CELSIUS,
    utilities,
    feeds,
    plants,
    halls,
    clusters,
  };
}
