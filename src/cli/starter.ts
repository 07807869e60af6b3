/**
 * The starter scenario of `outage-sim init`: small, complete and valid, with every section a real
 * scenario has (a facility, services, an app, a fault, a runbook and an expect block). A test runs it.
 */
export function starterScenario(name: string, schemaPath: string): string {
  return STARTER.replace(/NAME/g, name).replace("SCHEMA", schemaPath);
}

const STARTER = `# yaml-language-server: $schema=SCHEMA
#
# A starter scenario: one datacenter with a chiller plant, two halls, two clusters, two services
# and an app. The plant's chillers trip at 01:00 (local time); operators restart them and power the
# servers back. Change the region, the faults and the runbook, then:
#   outage-sim validate NAME.yaml     every problem, with file:line:col and a fix
#   outage-sim run NAME.yaml          the cascade, minute by minute
# The format, key by key: docs/scenario-format.md in the outage-sim package.
apiVersion: outage-sim/v1
kind: Scenario
name: NAME
title: A chiller plant trips and the shop goes down until the servers are powered back
seed: 1
start: "2024-01-01T00:00:00+00:00"
horizon: 8h

region:
  weather: { outsideCelsius: 25 }
  plants:
    - id: dc1-p
      chillers: { count: 4, standby: 1, restartFailureProbability: 0 }
      storage: { rideThroughMinutes: 5 }
  halls:
    - { id: dc1-h1, plant: dc1-p }
    - { id: dc1-h2, plant: dc1-p }
  clusters:
    - { id: dc1-web, hall: dc1-h1, role: compute, servers: 600, kwPerServer: 0.5 }
    - { id: dc1-db, hall: dc1-h2, role: storage, servers: 300, kwPerServer: 0.5 }
  services:
    web: { title: web tier, runsOn: [dc1-web], dependsOn: [db] }
    db: { title: database, runsOn: [dc1-db] }
  apps:
    shop: { title: online shop, users: 20000, dependsOn: [web], symptoms: { degraded: "checkout slow", down: "shop unavailable" } }

faults:
  plant-trip: { type: cooling:chiller-fail, plant: dc1-p, at: 1h }

operators:
  restart: { at: 3h, do: { action: restart-chillers, plant: dc1-p } }
  repair-db: { at: 3h30m, do: { action: repair, cluster: dc1-db } }
  power-on-db: { at: 3h30m, do: { action: power-on, role: storage, batchSize: 150, every: 5m } }
  power-on-web: { at: 3h45m, do: { action: power-on, hall: dc1-h1, batchSize: 300, every: 5m } }

# What must hold: a failed critical check makes \`outage-sim run\` and \`outage-sim test\` exit 1.
expect:
  steadyState:
    - { name: shop-serves-before-the-fault, check: "app.shop.successRatio >= 0.999" }
  outcome:
    - { name: shop-impacted, check: "app.shop.impacted == 1" }
    - { name: shop-back-by-05, check: "app.shop.recoveredAt <= 05:00" }
    - { name: no-acknowledged-data-lost, check: "data.acknowledgedLost == 0" }
`;
