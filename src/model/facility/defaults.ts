import type { DistributionSpec } from "../../engine/distributions.js";

// Every default here is either a published figure or derived from one; docs/model/facility.md
// gives the source of each. Change a number there and here together.

/** Outside (dry-bulb) air temperature when the scenario does not give one, °C. */
export const DEFAULT_OUTSIDE_CELSIUS = 25;

/** Hall air (cold-aisle) setpoint: the middle of ASHRAE's recommended 18–27 °C band, °C. */
export const DEFAULT_SETPOINT_CELSIUS = 24;

/** Hall temperature labels recorded in the trace: ASHRAE recommended limit and the A1–A4 allowable maxima, °C. */
export const HALL_LABEL_CELSIUS: readonly number[] = [27, 32, 35, 40, 45];

/** Hysteresis of hall labels: a label is left only this far below its threshold, K. */
export const HALL_LABEL_HYSTERESIS_K = 0.5;

/** Floor area per rack including aisles and clearances (typical white space 2.3–3 m² per rack), m². */
export const FLOOR_AREA_M2_PER_RACK = 2.6;

/** Room air per m² of floor: 3.5 m clear height × 1.2 kg/m³ × 1.005 kJ/(kg·K), kJ/(K·m²). */
export const AIR_KJ_PER_K_PER_M2 = 4.2;

/** Structure (slab, walls, raised floor) coupled within minutes, per m² of floor, kJ/(K·m²). */
export const STRUCTURE_KJ_PER_K_PER_M2 = 5;

/** Equipment (servers, racks, cabling) thermal mass coupled to the air within minutes, per rack, kJ/K. */
export const EQUIPMENT_KJ_PER_K_PER_RACK = 40;

/** Heat lost through the envelope and by infiltration per m² of floor, kW/(K·m²). */
export const LOSS_KW_PER_K_PER_M2 = 0.002;

/** Servers per rack when a cluster does not say. */
export const DEFAULT_SERVERS_PER_RACK = 10;

/** Per-rack inlet offset above the hall air (hot spots, recirculation), °C. */
export const DEFAULT_RACK_OFFSET: DistributionSpec = { dist: "normal", mean: 1.5, sd: 1.5, min: -1, max: 6 };

/** Per-server warning / throttle / caution inlet threshold (BMC inlet warning ~40–42 °C), °C. */
export const DEFAULT_WARNING_CELSIUS: DistributionSpec = { dist: "normal", mean: 41, sd: 0.7, min: 39.5, max: 42.5 };

/** Per-server protective (critical) shutdown inlet threshold (BMC critical ~45–47 °C), °C. */
export const DEFAULT_SHUTDOWN_CELSIUS: DistributionSpec = { dist: "normal", mean: 46, sd: 0.5, min: 45, max: 47 };

/** Graceful shutdown after this long above the warning (caution) threshold (HPE iLO: 60 s), ms. */
export const DEFAULT_GRACEFUL_SHUTDOWN_AFTER_MS = 60_000;

/** A throttled server leaves this fraction of its capacity (design figure: "capacity drops to ~70%"). */
export const DEFAULT_THROTTLED_CAPACITY = 0.7;

/** A throttled server draws this fraction of its power (CPU power capping). */
export const DEFAULT_THROTTLED_POWER = 0.8;

/** A server leaves a threshold only this far below it (BMC sensor hysteresis), K. */
export const DEFAULT_THRESHOLD_HYSTERESIS_K = 1;

/** Servers crossing thresholds within this window are handled in one batch (BMC sensor polling), ms. */
export const TRIP_BATCH_WINDOW_MS = 5_000;

/** Inlet temperature above which storage hardware may be damaged, °C. */
export const DEFAULT_DAMAGE_ONSET_CELSIUS = 40;

/** Probability of damage per K above the onset, at a thermal shutdown, for storage servers. */
export const DEFAULT_STORAGE_DAMAGE_PER_K = 0.02;

/** Cluster capacity below which it counts as degraded. */
export const DEFAULT_CLUSTER_DEGRADED_BELOW = 0.99;

/** Cluster capacity below which it counts as down. */
export const DEFAULT_CLUSTER_DOWN_BELOW = 0.1;

/** Conventional chiller restart time (published 4–8 min), minutes. */
export const DEFAULT_CHILLER_RESTART_MINUTES: DistributionSpec = { dist: "uniform", min: 4, max: 8 };

/** Chiller restart time after a power transfer (published up to ~30 min), minutes. */
export const DEFAULT_CHILLER_RESTART_AFTER_TRANSFER_MINUTES: DistributionSpec = { dist: "uniform", min: 15, max: 30 };

/** Probability that one chiller restart attempt fails. */
export const DEFAULT_CHILLER_RESTART_FAILURE_PROBABILITY = 0.05;

/** Standby chillers when the plant does not say (N+1). */
export const DEFAULT_STANDBY_CHILLERS = 1;

/** Running chillers are sized to this multiple of the design IT load when capacityKw is not given. */
export const CHILLER_SIZING_MARGIN = 1.2;

/** Outside temperature up to which chillers give their rated capacity, °C. */
export const DEFAULT_CHILLER_DESIGN_OUTSIDE_CELSIUS = 35;

/** Chiller capacity lost per K of outside air above the design temperature (air-cooled: ~1–2 %/K). */
export const DEFAULT_CHILLER_DERATE_PER_K = 0.015;

/** Running voltage-sag trip probability of a chiller not on UPS (Azure Australia East 2023: 5 of 5). */
export const DEFAULT_SAG_RUNNING_TRIP_PROBABILITY = 1;

/** Standby chiller lock-out probability on a voltage sag (Azure Australia East 2023: 1 of 2 held). */
export const DEFAULT_SAG_STANDBY_TRIP_PROBABILITY = 0.5;

/** Chilled-water pumps when the plant does not say. */
export const DEFAULT_PUMPS = 2;

/** Thermal storage recharge time from empty, minutes. */
export const DEFAULT_STORAGE_RECHARGE_MINUTES = 60;

/** CRAH unit capacity when the hall does not say, kW. */
export const DEFAULT_CRAH_CAPACITY_KW = 100;

/** CRAH units are sized to this multiple of the design IT load when count is not given. */
export const CRAH_SIZING_MARGIN = 1.25;

/** UPS battery autonomy at full load (typical 5–15 min), minutes. */
export const DEFAULT_UPS_BATTERY_MINUTES = 10;

/** UPS recharge time from empty (typical: 10× discharge time), minutes. */
export const DEFAULT_UPS_RECHARGE_MINUTES = 100;

/** Generator start-and-transfer delay (published 10–20 s; NFPA 110 Type 10: ≤10 s), ms. */
export const DEFAULT_GENERATOR_START_DELAY_MS = 15_000;

/** Probability that one generator fails to start (IEEE 493 order of magnitude: ~0.5–1.5 % per demand). */
export const DEFAULT_GENERATOR_START_FAILURE_PROBABILITY = 0.01;

/** Generators per feed and how many are needed to carry it (N+1). */
export const DEFAULT_GENERATORS = { count: 2, needed: 1 } as const;

/** Weather ramps are applied as steps no shorter than this, ms. */
export const WEATHER_RAMP_STEP_MS = 60_000;

/** Chilled-water loop volume (pipes, coils, headers) per MW of design IT load, m³/MW: about 7.5 US gal per ton of cooling, inside the 6–10 gal/ton chiller makers ask of process loops. */
export const LOOP_M3_PER_MW = 8;

/** Heat capacity of water per m³: 1000 kg/m³ × 4.186 kJ/(kg·K), kJ/(K·m³). */
export const WATER_KJ_PER_K_PER_M3 = 4186;

/** Chilled-water supply temperature the chillers hold (data centres run 10–15 °C), °C. */
export const DEFAULT_SUPPLY_WATER_CELSIUS = 12;

/** Air temperature rise across the servers at full load (10–15 K typical), K: the return air is the hall air plus this. */
export const SERVER_AIR_RISE_K = 12;

/** A coil removes at most this multiple of its rated capacity however hot the return air (fan airflow limit). */
export const COIL_MAX_FACTOR = 1.5;

/** Outside temperature above which running air-cooled chillers trip (a common high-ambient limit: 46 °C, 115 °F), °C. */
export const DEFAULT_CHILLER_TRIP_OUTSIDE_CELSIUS = 46;

/** Heat carried by outside air per m³/s of ventilation: 1.2 kg/m³ × 1.005 kJ/(kg·K), kW/K per m³/s. */
export const AIR_KW_PER_K_PER_M3S = 1.206;

/** While a loop or a coil-cooled hall is moving, the loop is re-solved at least this often, ms. */
export const LOOP_STEP_MAX_MS = 600_000;

/** …and at most this often, ms. */
export const LOOP_STEP_MIN_MS = 10_000;

/** A loop step lets the loop water move at most this much, K. */
export const LOOP_STEP_WATER_K = 0.5;

/** A loop step lets a coil-cooled hall's air move at most this much, K. */
export const LOOP_STEP_AIR_K = 1;

/** Weather curves (daily cycles, ramps) are applied in steps of this length, ms. */
export const WEATHER_CURVE_STEP_MS = 15 * 60_000;

/** Share of each cluster's servers damaged by a sprinkler discharge (water on live equipment): an assumption. */
export const DEFAULT_SPRINKLER_DAMAGE_FRACTION = 0.3;

/** Share damaged by an inert-gas discharge (the nozzle noise shakes disk heads): an assumption of the right order. */
export const DEFAULT_GAS_DAMAGE_FRACTION = 0.02;
