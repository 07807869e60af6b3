import type { ConfigProblem } from "../core/problem.js";
import { resolveZones } from "./common.js";
import type { CloudAction, CloudFault, CloudServiceInput, PlacementInput } from "./config.js";
import { evenSplits } from "./placement.js";
import { CVM_DEFAULTS } from "./cvm.js";

type Path = readonly (string | number)[];

/** The ids a cloud service may name, and (when known) each cluster's server count. */
export interface CloudKnownIds {
  readonly clusters: readonly string[];
  readonly services: readonly string[];
  /** Servers per cluster, to check that VMs and copies fit; checks needing it are skipped without it. */
  readonly clusterServers?: Readonly<Record<string, number>> | undefined;
}

/** Largest number of copies or shards of one object the placement math accepts. */
export const MAX_COPIES = 64;

function listed(ids: readonly string[]): string {
  if (ids.length === 0) return "none are defined";
  const shown = ids.slice(0, 12).join(", ");
  return ids.length > 12 ? `known: ${shown}, … (${ids.length} in all)` : `known: ${shown}`;
}

class Checker {
  readonly problems: ConfigProblem[] = [];
  constructor(private readonly id: string, private readonly known: CloudKnownIds, private readonly base: Path) {}

  at(...rest: (string | number)[]): Path {
    return [...this.base, ...rest];
  }

  add(path: Path, message: string): void {
    this.problems.push({ path, message });
  }

  cluster(path: Path, what: string, ref: string): void {
    if (this.known.clusters.includes(ref)) return;
    const hint = this.known.services.includes(ref) ? `"${ref}" is a service, not a cluster. ` : "";
    this.add(path, `${what} "${ref}" is not a cluster. ${hint}Name one of the region's clusters (${listed(this.known.clusters)})`);
  }

  service(path: Path, what: string, ref: string): void {
    if (ref === this.id) this.add(path, `${what} names the service itself. Name another service`);
    else if (!this.known.services.includes(ref)) {
      const hint = this.known.clusters.includes(ref) ? `"${ref}" is a cluster, not a service. ` : "";
      this.add(path, `${what} "${ref}" is not a service. ${hint}Name one of the region's services (${listed(this.known.services)})`);
    }
  }

  anyComponent(path: Path, what: string, ref: string): void {
    if (ref === this.id) this.add(path, `${what} names the service itself. Name another service or a cluster`);
    else if (!this.known.clusters.includes(ref) && !this.known.services.includes(ref)) {
      this.add(path, `${what} "${ref}" is neither a cluster nor a service. Name one of them (${listed([...this.known.services, ...this.known.clusters])})`);
    }
  }

  servers(cluster: string): number | undefined {
    return this.known.clusterServers?.[cluster];
  }

  placement(input: PlacementInput, copies: number | undefined): void {
    if (input.zones !== undefined && input.clusters !== undefined) {
      this.add(this.at("zones"), "both `zones` and `clusters` are given. Write `clusters` for a single zone or `zones` for several, not both");
    }
    if (input.zones === undefined && (input.clusters === undefined || input.clusters.length === 0)) {
      this.add(this.at("clusters"), "the service is placed nowhere. Give `clusters: [...]` (one zone) or `zones: { <zone>: [...] }`");
      return;
    }
    const seen = new Set<string>();
    const zones = resolveZones(input);
    if (input.zones !== undefined && zones.length === 0) this.add(this.at("zones"), "`zones` is empty. Name at least one zone with its clusters");
    for (const zone of zones) {
      zone.clusters.forEach((c, i) => {
        const path = input.zones !== undefined ? this.at("zones", zone.name, i) : this.at("clusters", i);
        if (seen.has(c)) this.add(path, `cluster "${c}" is listed twice. A cluster belongs to one zone; list it once`);
        seen.add(c);
        this.cluster(path, "cluster", c);
      });
    }
    if (copies === undefined || this.known.clusterServers === undefined) return;
    const worst = evenSplits(copies, zones.length)[0] ?? [];
    zones.forEach((zone, z) => {
      const nodes = zone.clusters.reduce((s, c) => s + (this.servers(c) ?? 0), 0);
      const need = worst[z] ?? 0;
      if (nodes > 0 && nodes < need) {
        this.add(input.zones !== undefined ? this.at("zones", zone.name) : this.at("clusters"), `zone "${zone.name}" has ${nodes} nodes for ${need} copies of each object. Copies sit on distinct nodes: add servers or zones, or keep fewer copies`);
      }
    });
  }
}

/** Semantic rules of one cloud service: references exist, redundancy and quorums are sane, VMs fit. */
export function checkCloudService(id: string, input: CloudServiceInput, known: CloudKnownIds, path: Path): ConfigProblem[] {
  const c = new Checker(id, known, path);
  switch (input.kind) {
    case "cvm": {
      c.placement(input, undefined);
      if (input.controlPlane !== undefined) c.service(c.at("controlPlane"), "controlPlane", input.controlPlane);
      const g = input.antiAffinity;
      if (g !== undefined && g.needed !== undefined && g.needed > g.groupSize) {
        c.add(c.at("antiAffinity", "needed"), `needed (${g.needed}) is above groupSize (${g.groupSize}). A group cannot need more members than it has`);
      }
      if (known.clusterServers !== undefined) {
        const slots = resolveZones(input).flatMap((z) => [...z.clusters]).reduce((s, cl) => s + (c.servers(cl) ?? 0) * (input.vmsPerServer ?? CVM_DEFAULTS.vmsPerServer), 0);
        if (input.vms > slots) c.add(c.at("vms"), `${input.vms} VMs do not fit in the ${slots} VM slots of its clusters. Lower vms, raise vmsPerServer, or add clusters`);
      }
      break;
    }
    case "cos": {
      if (input.replicas !== undefined && input.erasure !== undefined) {
        c.add(c.at("erasure"), "both `replicas` and `erasure` are given. Choose replication or erasure coding, not both");
      }
      const copies = input.erasure !== undefined ? input.erasure.data + input.erasure.parity : (input.replicas ?? 3);
      const readNeed = input.erasure !== undefined ? input.erasure.data : 1;
      if (copies > MAX_COPIES) c.add(c.at(input.erasure !== undefined ? "erasure" : "replicas"), `${copies} copies or shards per object is more than ${MAX_COPIES}. Use fewer (e.g. replicas 3, or erasure 8+4)`);
      if (input.writeQuorum !== undefined && (input.writeQuorum > copies || input.writeQuorum < readNeed)) {
        c.add(c.at("writeQuorum"), `writeQuorum ${input.writeQuorum} is outside ${readNeed}..${copies}. A write needs at least the copies a read needs and at most all of them`);
      }
      c.placement(input, Math.min(copies, MAX_COPIES));
      break;
    }
    case "cdn":
      c.service(c.at("origin"), "origin", input.origin);
      (input.edges ?? []).forEach((e, i) => c.cluster(c.at("edges", i), "edge cluster", e));
      if (input.originHeadroom !== undefined && input.originHeadroom < 1) {
        c.add(c.at("originHeadroom"), `originHeadroom ${input.originHeadroom} is below 1: the origin could not carry even its normal misses. Use 1 or more`);
      }
      break;
    case "database": {
      c.cluster(c.at("primary"), "primary", input.primary);
      input.replicas.forEach((r, i) => {
        c.cluster(c.at("replicas", i), "replica", r);
        if (r === input.primary) c.add(c.at("replicas", i), `replica "${r}" is also the primary's cluster. Place replicas on other clusters (another hall or zone)`);
        if (input.replicas.indexOf(r) !== i) c.add(c.at("replicas", i), `replica "${r}" is listed twice. List each replica cluster once`);
      });
      (input.proxy ?? []).forEach((p, i) => c.anyComponent(c.at("proxy", i), "proxy", p));
      break;
    }
    case "control-plane":
      if (input.clusters.length === 0) c.add(c.at("clusters"), "the control plane runs on no cluster. List its clusters");
      input.clusters.forEach((cl, i) => c.cluster(c.at("clusters", i), "cluster", cl));
      (input.startupDependsOn ?? []).forEach((d, i) => c.anyComponent(c.at("startupDependsOn", i), "startupDependsOn", d));
      (input.rush?.whenDown ?? []).forEach((d, i) => c.anyComponent(c.at("rush", "whenDown", i), "rush.whenDown", d));
      break;
    case "replicated":
      if (input.needed !== undefined && input.needed > input.replicas) {
        c.add(c.at("needed"), `needed (${input.needed}) is above replicas (${input.replicas}). A shard cannot need more members than it has`);
      }
      if (input.replicas > MAX_COPIES) c.add(c.at("replicas"), `${input.replicas} replicas is more than ${MAX_COPIES}. Use fewer`);
      c.placement(input, Math.min(input.replicas, MAX_COPIES));
      break;
  }
  return c.problems;
}

/** Semantic rules of a cloud fault or action: it names a service of the kind it acts on. */
export function checkCloudEvent(event: CloudFault | CloudAction, kinds: Readonly<Record<string, string>>, path: Path): ConfigProblem[] {
  const wanted = "type" in event ? "control-plane" : event.action === "failover" ? "database" : "control-plane";
  const kind = kinds[event.service];
  const ofKind = Object.keys(kinds).filter((id) => kinds[id] === wanted);
  const what = "type" in event ? event.type : event.action;
  if (kind === undefined) return [{ path: [...path, "service"], message: `service "${event.service}" does not exist. ${what} acts on a ${wanted} service (${listed(ofKind)})` }];
  if (kind !== wanted) return [{ path: [...path, "service"], message: `service "${event.service}" is a ${kind}, but ${what} acts on a ${wanted} service. Name one (${listed(ofKind)})` }];
  return [];
}
