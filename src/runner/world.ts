import { Simulation } from "../engine/simulation.js";
import { deriveStream, type RandomStream } from "../engine/rng.js";
import type { ModelContext } from "../model/core/context.js";
import { LocalClock } from "../model/core/local-clock.js";
import { PropagationNetwork, type DerivedNodeSpec, type ServiceBehavior } from "../model/core/propagation.js";
import { buildServiceBehavior, type CloudAction, type CloudFault } from "../model/cloud/index.js";
import { CloudPort } from "../model/cloud/port.js";
import { TraceRecorder } from "../model/core/trace.js";
import { DataLedger } from "../model/core/data-ledger.js";
import { ComponentPort } from "../model/core/component-port.js";
import type { ComponentAction, ComponentFault } from "../model/core/component-events.js";
import type { LayerPort } from "../model/core/port.js";
import { buildFacility, normalizeFacility, type FacilityConfig, type FacilityModel } from "../model/facility/facility-model.js";
import type { FacilityAction, FacilityFault } from "../model/facility/config.js";
import { facilityPort } from "../model/facility/facility-port.js";
import { AppLoadFlow } from "../model/apps/app-load-flow.js";
import type { LoadAction, LoadFault } from "../model/apps/events.js";
import { LoadPort } from "../model/apps/load-port.js";
import { DataModel, type CorruptWritesFault, type DataAction, type DataFault, type WriteSource } from "../model/data/index.js";
import type { Scenario } from "../scenario/scenario.js";

/** Units of work a recorded transition costs a run, beyond its event (it is kept to the end; see `limits.maxWork`). */
const TRANSITION_WORK = 1_000;

/** The port of each model layer: the one way the runner's faults and operator steps reach the model. */
export interface Ports {
  readonly facility: LayerPort<FacilityFault, FacilityAction>;
  readonly cloud: LayerPort<CloudFault, CloudAction>;
  readonly load: LayerPort<LoadFault, LoadAction>;
  readonly data: LayerPort<DataFault, DataAction>;
  readonly component: LayerPort<ComponentFault, ComponentAction>;
}

/** A built world: the simulation, its trace and ledger, every model layer, and their ports. */
export interface World {
  readonly sim: Simulation;
  readonly trace: TraceRecorder;
  readonly ledger: DataLedger;
  readonly facilityConfig: FacilityConfig;
  readonly facility: FacilityModel;
  readonly network: PropagationNetwork;
  readonly flow: AppLoadFlow | undefined;
  readonly data: DataModel;
  readonly ports: Ports;
}

/** Builds the world of a scenario for a seed: every layer wired, the facility started at time 0, nothing played yet. */
export function buildWorld(scenario: Scenario, seed: number): World {
  const sim = new Simulation();
  const trace = new TraceRecorder(() => sim.charge(TRANSITION_WORK));
  let network: PropagationNetwork | undefined;
  const ctx: ModelContext = {
    sim,
    trace,
    stream: memoizedStreams(seed),
    capacityChanged: (componentId, cause) => network?.inputChanged(componentId, cause),
  };
  const facilityConfig = normalizeFacility(scenario.facility);
  const facility = buildFacility(facilityConfig, ctx);
  const serversOf = new Map(facilityConfig.clusters.map((c) => [c.id, c.servers]));
  const behaviors = new Map<string, ServiceBehavior>();
  for (const s of scenario.services) {
    if (s.cloud === undefined) continue;
    behaviors.set(s.id, buildServiceBehavior(s.id, s.cloud, {
      stream: (purpose) => ctx.stream(s.id, purpose),
      clusterServers: (id) => serversOf.get(id) ?? 0,
      damagedFraction: (id) => (facility.readMetric(`cluster.${id}.serversDamaged`) ?? 0) / Math.max(1, serversOf.get(id) ?? 0),
    }));
  }
  const specs: DerivedNodeSpec[] = [
    ...scenario.services.map((s): DerivedNodeSpec => {
      const behavior = behaviors.get(s.id);
      const base = { id: s.id, layer: "cloud" as const, runsOn: s.runsOn, dependsOn: s.dependsOn, degradedBelow: s.degradedBelow, downBelow: s.downBelow, measure: "capacity" };
      return behavior === undefined ? base : { ...base, behavior };
    }),
    ...scenario.apps.map((a): DerivedNodeSpec => ({
      id: a.id, layer: "app", runsOn: [], dependsOn: a.dependsOn, degradedBelow: a.impactBelow, downBelow: a.downBelow, measure: "success",
      noteFor: (health) => (health === "down" ? `"${a.symptoms.down}"` : health === "degraded" ? `"${a.symptoms.degraded}"` : undefined),
    })),
  ];
  const ledger = new DataLedger();
  network = new PropagationNetwork(specs, ctx, (id) => facility.clusterCapacity(id), ledger);
  const net = network;
  const flow = buildLoadFlow(scenario, trace);
  if (flow !== undefined) net.attachLoad(flow);
  const data = buildDataModel(scenario, ctx, ledger, net, flow);
  facility.start();
  const ports: Ports = {
    facility: facilityPort(facility),
    cloud: new CloudPort(behaviors, net, sim),
    load: flow === undefined ? NO_LOAD : new LoadPort(flow, net, sim),
    data,
    component: new ComponentPort(net),
  };
  return { sim, trace, ledger, facilityConfig, facility, network: net, flow, data, ports };
}

/** The load port of a region without a load model (the rules refuse load events there). */
const NO_LOAD: LayerPort<LoadFault, LoadAction> = {
  applyFault: () => {
    throw new Error("load fault in a scenario without a load model; the rules should have refused it");
  },
  applyAction: () => {
    throw new Error("load action in a scenario without a load model; the rules should have refused it");
  },
};

/** The load flow of a scenario: apps with a request rate, services with a capacity in requests per second; undefined when none. */
function buildLoadFlow(scenario: Scenario, trace: TraceRecorder): AppLoadFlow | undefined {
  const apps = scenario.apps.flatMap((a) => (a.loadConfig === undefined ? [] : [a.loadConfig]));
  const services = scenario.services.flatMap((s) => (s.load === undefined ? [] : [s.load]));
  if (apps.length === 0 && services.length === 0) return undefined;
  return new AppLoadFlow({ apps, services, startOfDayMs: new LocalClock(scenario.start).startOfDayMs, stepMs: scenario.sampleIntervalMs }, trace);
}

/** The data layer of a run: corrupted writes are counted from an app's served requests (or a fixed write rate times its served share). */
function buildDataModel(scenario: Scenario, ctx: ModelContext, ledger: DataLedger, network: PropagationNetwork, flow: AppLoadFlow | undefined): DataModel {
  const clock = new LocalClock(scenario.start);
  const writeSource = (fault: CorruptWritesFault): WriteSource => {
    const id = fault.app ?? (fault.service as string);
    const shares = () => network.history(id);
    if (fault.app !== undefined && flow?.hasApp(fault.app) === true) return { rates: () => flow.rpsHistory(id), shares };
    const rates = [{ atMs: 0, rps: fault.writesPerSecond ?? 0 }];
    return { rates: () => rates, shares };
  };
  return new DataModel(ctx, ledger, { writeSource, formatTime: (atMs) => clock.format(atMs) });
}

/** One stream per (component, purpose) for the whole run: asking again continues the same sequence instead of replaying it. */
function memoizedStreams(seed: number): ModelContext["stream"] {
  const streams = new Map<string, RandomStream>();
  return (componentId, purpose) => {
    const key = `${componentId}\u0000${purpose}`;
    let stream = streams.get(key);
    if (stream === undefined) {
      stream = deriveStream(seed, componentId, purpose);
      streams.set(key, stream);
    }
    return stream;
  };
}

