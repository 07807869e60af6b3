import { z } from "zod";
import type { FacilityAction, FacilityFault, FacilityInput } from "../../model/facility/config.js";
import { componentId, durationMs, fraction, probability } from "./units.js";

// The written form of the facility and compute layers. Defaults are applied by
// normalizeFacility (src/model/facility/config.ts), not here, so an absent key means "use the
// published default" and the JSON Schema stays honest about what is optional.

/** A random distribution of a number, by `dist`. */
export const distributionSchema = z.discriminatedUnion("dist", [
  z.strictObject({
    dist: z.literal("constant").describe("always the same value"),
    value: z.number().describe("the value"),
  }),
  z.strictObject({
    dist: z.literal("uniform").describe("uniform between min and max"),
    min: z.number().describe("lower bound"),
    max: z.number().describe("upper bound"),
  }),
  z.strictObject({
    dist: z.literal("normal").describe("normal (Gaussian), optionally clamped to [min, max]"),
    mean: z.number().describe("mean"),
    sd: z.number().nonnegative().describe("standard deviation"),
    min: z.number().optional().describe("lowest value drawn (clamp)"),
    max: z.number().optional().describe("highest value drawn (clamp)"),
  }),
  z.strictObject({
    dist: z.literal("lognormal").describe("log-normal: exp of a normal(mu, sigma)"),
    mu: z.number().describe("mean of the logarithm"),
    sigma: z.number().nonnegative().describe("standard deviation of the logarithm"),
  }),
  z.strictObject({
    dist: z.literal("exponential").describe("exponential with a mean"),
    mean: z.number().positive().describe("mean"),
  }),
  z.strictObject({
    dist: z.literal("weibull").describe("Weibull with shape k and scale λ"),
    shape: z.number().positive().describe("shape k"),
    scale: z.number().positive().describe("scale λ"),
  }),
]);

const role = z.enum(["compute", "storage", "network", "control"]);

const utilitySchema = z.strictObject({
  id: componentId.describe("id of the utility (grid) connection"),
});

const feedSchema = z.strictObject({
  id: componentId.describe("id of the power feed (utility → transfer switch → loads)"),
  utility: componentId.optional().describe("utility this feed draws from (default: the implicit utility \"grid\")"),
  ups: z.strictObject({
    batteryMinutes: z.number().positive().optional().describe("battery autonomy at full load, minutes (default 10)"),
    rechargeMinutes: z.number().positive().optional().describe("time to recharge from empty, minutes (default 100)"),
  }).optional().describe("a UPS between this feed and its loads; loads on a UPS ride through sags and bridge to the generators (absent: no UPS)"),
  generators: z.strictObject({
    count: z.number().int().positive().optional().describe("generator sets on this feed (default 2)"),
    needed: z.number().int().positive().optional().describe("sets needed to carry the load (default 1)"),
    startDelay: durationMs.optional().describe("time from utility loss to the load on generators (default 15s; published 10–20 s)"),
    startFailureProbability: probability.optional().describe("probability that one set fails to start (default 0.01)"),
  }).optional().describe("standby generators that start on a utility loss (absent: none)"),
});

const plantSchema = z.strictObject({
  id: componentId.describe("id of the chiller plant; its chillers are <id>-ch1 … <id>-chN"),
  feed: componentId.optional().describe("power feed of the chillers (absent: chillers are not in the power model)"),
  chillers: z.strictObject({
    count: z.number().int().positive().describe("number of chillers, running and standby"),
    standby: z.number().int().nonnegative().optional().describe("chillers on standby (the k of N+k; default 1)"),
    capacityKw: z.number().positive().optional().describe("cooling capacity of one chiller, kW (default: running chillers carry 1.2× the design IT load)"),
    restartMinutes: distributionSchema.optional().describe("time a conventional restart takes, minutes (default uniform 4–8)"),
    restartAfterTransferMinutes: distributionSchema.optional().describe("time a restart takes after a power transfer, minutes (default uniform 15–30)"),
    restartFailureProbability: probability.optional().describe("probability that one restart attempt fails (default 0.05)"),
    autoRestart: z.boolean().optional().describe("chillers restart by themselves when power returns or after a sag (default true)"),
    designOutsideCelsius: z.number().optional().describe("outside temperature up to which chillers give full capacity, °C (default 35)"),
    deratePerKelvin: fraction.optional().describe("capacity fraction lost per K of outside air above the design temperature (default 0.015)"),
    tripOutsideCelsius: z.number().optional().describe("outside temperature above which running chillers trip (design-limit ambient), °C (default 46)"),
  }).describe("the plant's chillers"),
  loop: z.strictObject({
    volumeM3: z.number().positive().optional().describe("water in the chilled-water loop (pipes, headers, coils), m³ (default 8 m³ per MW of design IT load)"),
    supplyCelsius: z.number().optional().describe("chilled-water supply temperature the chillers hold, °C (default 12)"),
    bufferTankM3: z.number().nonnegative().optional().describe("mixed buffer tanks on the loop, m³ (default 0); their water warms with the loop and is lost when their valves close"),
  }).optional().describe("the chilled-water loop: its water keeps absorbing heat when the chillers stop while pumps and air handlers run"),
  groups: z.array(z.strictObject({
    id: componentId.describe("id of the group, for cooling:chiller-fail targets"),
    kind: z.enum(["loop", "controller"]).describe("what the chillers share: a water loop or a group controller"),
    chillers: z.array(componentId).min(1).describe("ids of the chillers in the group (<plant>-chN)"),
  })).optional().describe("chillers that fail together (common mode), standby ones included"),
  pumps: z.strictObject({
    count: z.number().int().positive().optional().describe("chilled-water pumps (default 2)"),
    needed: z.number().int().positive().optional().describe("pumps needed for full flow (default count − 1)"),
    feed: componentId.optional().describe("power feed of the pumps (default: the plant's feed)"),
  }).optional().describe("chilled-water pumps; flow (and so cooling and storage discharge) scales with running/needed"),
  storage: z.strictObject({
    rideThroughMinutes: z.number().positive().describe("minutes the chilled-water storage carries the plant's full design load"),
    rechargeMinutes: z.number().positive().optional().describe("minutes to recharge from empty with spare chiller capacity (default 60)"),
  }).optional().describe("chilled-water thermal storage (absent: none)"),
});

const hallSchema = z.strictObject({
  id: componentId.describe("id of the hall (thermal zone)"),
  plant: componentId.describe("chiller plant that cools this hall"),
  feed: componentId.optional().describe("power feed of the hall's IT load (absent: always powered)"),
  racks: z.number().int().positive().optional().describe("racks in the hall (default: the racks its clusters fill)"),
  floorAreaM2: z.number().positive().optional().describe("floor area, m² (default 2.6 m² per rack)"),
  setpointCelsius: z.number().optional().describe("air temperature the cooling holds, °C (default 24)"),
  thermalCapacitanceKjPerK: z.number().positive().optional().describe("effective thermal capacitance of air, equipment and structure, kJ/K (default 40 per rack + 9.2 per m²)"),
  lossConductanceKwPerK: z.number().nonnegative().optional().describe("heat loss to the outside per K of difference, kW/K (default 0.002 per m²)"),
  rackInletOffsetCelsius: distributionSchema.optional().describe("per-rack inlet temperature above the hall air (hot spots), °C (default normal mean 1.5, sd 1.5, clamped −1…6)"),
  crah: z.strictObject({
    count: z.number().int().nonnegative().optional().describe("CRAH units (default: enough for 1.25× the design IT load)"),
    capacityKw: z.number().positive().optional().describe("cooling capacity of one unit, kW (default 100)"),
    feed: componentId.optional().describe("power feed of the CRAH fans (default: the hall's feed)"),
    lockoutReturnCelsius: z.number().optional().describe("return air above which stopped units refuse to restart (firestop lock-out), °C (default: none)"),
  }).optional().describe("computer-room air handlers that deliver the plant's chilled water to the hall"),
});

const clusterSchema = z.strictObject({
  id: componentId.describe("id of the server cluster"),
  hall: componentId.describe("hall the cluster stands in"),
  role: role.describe("what the servers do; storage servers can be damaged by heat"),
  servers: z.number().int().positive().describe("number of servers"),
  kwPerServer: z.number().positive().describe("electric power (= heat) of one server at full load, kW"),
  serversPerRack: z.number().int().positive().optional().describe("servers per rack (default 10)"),
  warningCelsius: distributionSchema.optional().describe("per-server inlet warning threshold: throttle, and graceful shutdown after the dwell, °C (default normal 41 ± 0.7, 39.5–42.5)"),
  shutdownCelsius: distributionSchema.optional().describe("per-server inlet protective-shutdown threshold, °C (default normal 46 ± 0.5, 45–47)"),
  gracefulShutdown: z.boolean().optional().describe("servers shut down gracefully after a dwell above warning (default true)"),
  gracefulShutdownAfter: durationMs.optional().describe("the dwell above warning before a graceful shutdown (default 60s)"),
  hysteresisCelsius: z.number().nonnegative().optional().describe("a server leaves a threshold this far below it, K (default 1)"),
  throttledCapacity: fraction.optional().describe("capacity left to a throttled server (default 0.7)"),
  throttledPower: fraction.optional().describe("power drawn by a throttled server, as a fraction of full (default 0.8)"),
  damage: z.strictObject({
    onsetCelsius: z.number().optional().describe("inlet temperature above which heat can damage a server, °C (default 40)"),
    probabilityPerKelvin: probability.optional().describe("damage probability per K above onset at a thermal shutdown (default 0.02 for storage, 0 otherwise)"),
  }).optional().describe("heat damage: damaged servers need a repair before they return"),
  degradedBelow: fraction.optional().describe("capacity below which the cluster counts as degraded (default 0.99)"),
  downBelow: fraction.optional().describe("capacity below which the cluster counts as down (default 0.1)"),
});

/** Fields of the region that describe its facility and compute layers; spread into the region object. */
export const facilityRegionShape = {
  weather: z.strictObject({
    outsideCelsius: z.number().optional().describe("outside air temperature at the start, °C (default 25)"),
  }).optional().describe("outside conditions"),
  power: z.strictObject({
    utilities: z.array(utilitySchema).optional().describe("utility (grid) connections; feeds without one share the implicit utility \"grid\""),
    feeds: z.array(feedSchema).optional().describe("power feeds, each with an optional UPS and generators"),
  }).optional().describe("the electrical system"),
  plants: z.array(plantSchema).optional().describe("chiller plants"),
  halls: z.array(hallSchema).optional().describe("data halls (thermal zones)"),
  clusters: z.array(clusterSchema).optional().describe("server clusters, each in one hall"),
};

/** The facility part of a region alone, for tests and tools. */
export const facilityRegionSchema = z.strictObject(facilityRegionShape);

/** Facility and compute fault forms, one per `type`. */
export const facilityFaultSchemas = [
  z.strictObject({
    type: z.literal("power:utility-loss").describe("utility power lost: feeds go to UPS or lose power, generators start; clears after `duration` if given"),
    utility: componentId.optional().describe("utility lost (default: every utility)"),
  }),
  z.strictObject({
    type: z.literal("power:voltage-sag").describe("a momentary voltage sag: chillers on feeds without UPS trip (running) or lock out (standby); IT on UPS rides through"),
    utility: componentId.optional().describe("utility that sags (default: every utility)"),
    runningTripProbability: probability.optional().describe("probability that a running chiller trips (default 1: Azure Australia East 2023, 5 of 5)"),
    standbyTripProbability: probability.optional().describe("probability that a standby chiller locks out (default 0.5: 1 of 2 held)"),
  }),
  z.strictObject({
    type: z.literal("power:generator-fail").describe("a feed's generators fail: running ones stop, the next start fails"),
    feed: componentId.describe("feed whose generators fail"),
  }),
  z.strictObject({
    type: z.literal("cooling:chiller-fail").describe("chillers trip and need an operator restart (or restart when `duration` ends); give exactly one of plant, group, chillers"),
    plant: componentId.optional().describe("every chiller of this plant (running ones first when count is given)"),
    group: componentId.optional().describe("every chiller of this common-mode group (shared loop or controller), standby included"),
    chillers: z.array(componentId).optional().describe("these chillers (<plant>-chN)"),
    count: z.number().int().positive().optional().describe("only this many of the targeted chillers"),
  }),
  z.strictObject({
    type: z.literal("cooling:pump-fail").describe("chilled-water pumps fail; flow drops to running/needed; clears after `duration` if given"),
    plant: componentId.describe("plant whose pumps fail"),
    count: z.number().int().positive().optional().describe("pumps that fail (default: all)"),
  }),
  z.strictObject({
    type: z.literal("cooling:crah-fail").describe("CRAH units of a hall fail; clears after `duration` if given"),
    hall: componentId.describe("hall whose CRAH units fail"),
    count: z.number().int().positive().optional().describe("units that fail (default: all)"),
  }),
  z.strictObject({
    type: z.literal("cooling:restart-fail").describe("the next chiller restart attempts of a plant fail; clears after `duration` if given"),
    plant: componentId.describe("plant whose restarts fail"),
    count: z.number().int().positive().optional().describe("restart attempts that fail (default 1)"),
  }),
  z.strictObject({
    type: z.literal("weather:outside-temperature").describe("the outside temperature changes (e.g. a heat wave); back to the old value after `duration` if given"),
    celsius: z.number().describe("new outside temperature, °C"),
    over: durationMs.optional().describe("ramp to it linearly over this long (default: at once)"),
  }),
  z.strictObject({
    type: z.literal("server:fail").describe("a fraction of a cluster's running servers fail and need a repair"),
    cluster: componentId.describe("cluster hit"),
    fraction: fraction.describe("fraction of its running servers that fail"),
  }),
  z.strictObject({
    type: z.literal("cooling:loop-degrade").describe("the chilled-water loop loses flow (air ingress, a failing valve): flow falls to flowFraction, linearly over `over`; back after `duration` if given"),
    plant: componentId.describe("plant whose loop degrades"),
    flowFraction: fraction.describe("share of design flow left at the end"),
    over: durationMs.optional().describe("the decline takes this long (default: at once)"),
  }),
  z.strictObject({
    type: z.literal("cooling:chiller-retrip").describe("the next chillers of a plant that start run only a while and trip again (restart without stable operation); disarmed after `duration`"),
    plant: componentId.describe("plant whose chillers re-trip"),
    count: z.number().int().positive().optional().describe("chiller starts that re-trip (default 1)"),
    runFor: durationMs.optional().describe("how long each runs before it trips again (default 5m)"),
  }),
  z.strictObject({
    type: z.literal("cooling:control-fail").describe("the plant's control system stops responding: no standby start, no restart (automatic or by operators); back after `duration` if given"),
    plant: componentId.describe("plant whose controls fail"),
  }),
  z.strictObject({
    type: z.literal("cooling:buffer-valve-close").describe("the valves of a plant's buffer tanks and thermal storage close (e.g. a wrong signal during works): their cold water is cut off; reopened after `duration` if given"),
    plant: componentId.describe("plant whose buffer valves close"),
  }),
  z.strictObject({
    type: z.literal("room:suppression-discharge").describe("fire suppression discharges in a hall (at once, or when its air passes a temperature): air handlers stop, power cabinets and some servers are damaged, and the hall stays down until a release-hall"),
    hall: componentId.describe("hall where the suppression discharges"),
    agent: z.enum(["gas", "sprinkler"]).optional().describe("inert gas or water sprinkler (default gas)"),
    whenAboveCelsius: z.number().optional().describe("discharge only once the hall air passes this, °C (default: at once)"),
    damagedFraction: fraction.optional().describe("share of each cluster's servers damaged (default 0.02 for gas, 0.3 for sprinkler)"),
  }),
  z.strictObject({
    type: z.literal("weather:daily-cycle").describe("outside air follows a daily curve (cosine between min and max, in 15-minute steps) until cleared"),
    minCelsius: z.number().describe("coolest outside temperature of the day, °C"),
    maxCelsius: z.number().describe("hottest outside temperature of the day, °C"),
    peakAfter: durationMs.optional().describe("time from the fault to the first peak (default 0s: it starts at the peak)"),
  }),
] as const;

/** Facility and compute operator actions, one per `action`. */
export const facilityActionSchemas = [
  z.strictObject({
    action: z.literal("shed-load").describe("power off a fraction of the running servers selected (those closest to a thermal trip first) to cut heat"),
    hall: componentId.optional().describe("only clusters in this hall"),
    role: role.optional().describe("only clusters with this role"),
    cluster: componentId.optional().describe("only this cluster"),
    fraction: fraction.describe("fraction of each selected cluster's running servers to power off"),
  }),
  z.strictObject({
    action: z.literal("power-off").describe("power a hall or a cluster down (a whole hall is switched off until a power-on names it)"),
    hall: componentId.optional().describe("hall to power down"),
    cluster: componentId.optional().describe("cluster to power down"),
    fraction: fraction.optional().describe("fraction of the running servers (default 1: all)"),
  }),
  z.strictObject({
    action: z.literal("restart-chillers").describe("restart a plant's tripped chillers (each restart takes time and can fail)"),
    plant: componentId.describe("plant whose chillers are restarted"),
    chillers: z.array(componentId).optional().describe("only these chillers (default: every tripped one)"),
  }),
  z.strictObject({
    action: z.literal("power-on").describe("bring powered-off servers back in rate-limited batches once their hall is cool"),
    hall: componentId.optional().describe("servers of this hall (also switches the hall's IT power back on)"),
    cluster: componentId.optional().describe("servers of this cluster"),
    role: role.optional().describe("only clusters with this role"),
    batchSize: z.number().int().positive().describe("servers powered on per batch"),
    every: durationMs.describe("time between batches (e.g. 5m)"),
    whenBelowCelsius: z.number().optional().describe("a batch runs only while the hall air is below this, °C (default 27, the ASHRAE recommended limit)"),
  }),
  z.strictObject({
    action: z.literal("add-cooling").describe("bring emergency or auxiliary cooling to a hall, independent of the plant"),
    hall: componentId.describe("hall cooled"),
    capacityKw: z.number().positive().describe("cooling added, kW"),
  }),
  z.strictObject({
    action: z.literal("repair").describe("repair a cluster's damaged and failed servers; they can then be powered on"),
    cluster: componentId.describe("cluster repaired"),
  }),
  z.strictObject({
    action: z.literal("remove-cooling").describe("withdraw auxiliary cooling brought to a hall"),
    hall: componentId.describe("hall"),
    capacityKw: z.number().positive().optional().describe("cooling withdrawn, kW (default: all of it)"),
  }),
  z.strictObject({
    action: z.literal("open-ventilation").describe("open a hall to outside air (emergency ventilation): heat goes out at the outside temperature"),
    hall: componentId.describe("hall ventilated"),
    airflowM3PerSecond: z.number().positive().describe("outside air blown through, m³/s"),
  }),
  z.strictObject({
    action: z.literal("close-ventilation").describe("close a hall's emergency ventilation"),
    hall: componentId.describe("hall"),
  }),
  z.strictObject({
    action: z.literal("reset-air-handlers").describe("restart a hall's locked-out air handlers by hand; refused while the return air is still above their lock-out"),
    hall: componentId.describe("hall"),
  }),
  z.strictObject({
    action: z.literal("release-hall").describe("end the inspection after a suppression discharge: power cabinets repaired, air handlers back; servers still need power-on (damaged ones a repair)"),
    hall: componentId.describe("hall released"),
  }),
] as const;

type FaultInfer = z.infer<(typeof facilityFaultSchemas)[number]>;
type ActionInfer = z.infer<(typeof facilityActionSchemas)[number]>;
type RegionInfer = z.infer<typeof facilityRegionSchema>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Compile-time proof that the model's plain types are the schema's output types.
const faultTypesAgree: Same<FaultInfer, FacilityFault> = true;
const actionTypesAgree: Same<ActionInfer, FacilityAction> = true;
const regionTypesAgree: Same<RegionInfer, FacilityInput> = true;
void faultTypesAgree;
void actionTypesAgree;
void regionTypesAgree;
