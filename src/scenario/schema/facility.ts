import { z } from "zod";
import type { FacilityInput } from "../../model/facility/config.js";
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

export const role = z.enum(["compute", "storage", "network", "control"]);

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

type RegionInfer = z.infer<typeof facilityRegionSchema>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Compile-time proof that the model's plain type is the schema's output type (faults and actions: src/scenario/events).
const regionTypesAgree: Same<RegionInfer, FacilityInput> = true;
void regionTypesAgree;
