/**
 * A generator of large regions for the scale bench: a scenario (as JSON, which is YAML) with the given numbers of
 * halls, servers, services and apps and the given horizon, and a cooling fault that makes every layer work: one
 * plant of two trips for an hour and a half, operators shed load and power servers back on.
 */

/** What to generate. */
export interface RegionSize {
  /** Halls, split over two plants. */
  readonly halls: number;
  /** Servers in all, split evenly over the halls (five clusters per hall). */
  readonly servers: number;
  /** Generic services, each running on the clusters of one hall and depending on the one before it. */
  readonly services: number;
  /** Apps with a load model, each calling two services. */
  readonly apps: number;
  /** Simulated hours. */
  readonly hours: number;
  /** Sampling step of the series, seconds (default 60). */
  readonly sampleSeconds?: number;
  /** Length of each service's and app's title, characters (default: none), to make a file larger without more components. */
  readonly titleLength?: number;
}

/** The scenario text of a generated region. */
export function generateRegion(size: RegionSize): string {
  const plants = ["plant-a", "plant-b"];
  const halls = Array.from({ length: size.halls }, (_, h) => ({ id: `hall-${h}`, plant: plants[h % 2], feed: h % 2 === 0 ? "it-a" : "it-b" }));
  const perCluster = Math.max(1, Math.floor(size.servers / (size.halls * 5)));
  const roles = ["compute", "compute", "compute", "storage", "network"];
  const clusters = halls.flatMap((hall) => roles.map((role, k) => ({ id: `${hall.id}-c${k}`, hall: hall.id, role, servers: perCluster, kwPerServer: 0.5 })));
  const title = (id: string): Record<string, string> => (size.titleLength === undefined ? {} : { title: `${id} ${"x".repeat(Math.max(0, size.titleLength - id.length - 1))}` });
  const services: Record<string, unknown> = {};
  for (let s = 0; s < size.services; s++) {
    const hall = halls[s % halls.length]!;
    services[`svc-${s}`] = {
      ...title(`svc-${s}`),
      runsOn: roles.map((_, k) => `${hall.id}-c${k}`),
      ...(s > 0 && s % 3 !== 0 ? { dependsOn: [`svc-${s - 1}`] } : {}),
      capacityRps: 5_000,
    };
  }
  const apps: Record<string, unknown> = {};
  for (let a = 0; a < size.apps; a++) {
    const first = a % Math.max(1, size.services);
    const second = (a * 7 + 3) % Math.max(1, size.services);
    apps[`app-${a}`] = {
      ...title(`app-${a}`),
      users: 10_000,
      dependsOn: first === second ? [`svc-${first}`] : [`svc-${first}`, `svc-${second}`],
      load: { peakRps: 200, profile: "diurnal-cn" },
      client: { retries: 1 },
    };
  }
  const scenario = {
    apiVersion: "outage-sim/v1",
    kind: "Scenario",
    name: "generated-region",
    title: `generated: ${size.halls} halls, ${size.servers} servers, ${size.services} services, ${size.apps} apps, ${size.hours} h`,
    seed: 1,
    horizon: `${size.hours}h`,
    limits: { maxEvents: 50_000_000 },
    monitoring: { sampleInterval: `${size.sampleSeconds ?? 60}s` },
    region: {
      power: { feeds: [{ id: "it-a", ups: {}, generators: {} }, { id: "it-b", ups: {}, generators: {} }, { id: "mech-a", generators: {} }, { id: "mech-b", generators: {} }] },
      plants: [
        { id: "plant-a", feed: "mech-a", chillers: { count: 6, standby: 1 }, storage: { rideThroughMinutes: 10 } },
        { id: "plant-b", feed: "mech-b", chillers: { count: 6, standby: 1 }, storage: { rideThroughMinutes: 10 } },
      ],
      halls,
      clusters,
      ...(size.services > 0 ? { services } : {}),
      ...(size.apps > 0 ? { apps } : {}),
    },
    faults: { "plant-a-trips": { type: "cooling:chiller-fail", plant: "plant-a", at: "1h" } },
    operators: {
      "shed-a": { when: `hall.hall-0.inletCelsius > 32`, after: "5m", do: { action: "shed-load", role: "compute", fraction: 0.5 } },
      "restart-a": { at: "2h30m", do: { action: "restart-chillers", plant: "plant-a" } },
      "power-on": { at: "3h30m", do: { action: "power-on", role: "compute", batchSize: Math.max(1, Math.floor(size.servers / 40)), every: "5m" } },
    },
  };
  return `${JSON.stringify(scenario, null, 1)}\n`;
}
