import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { facilityRegionSchema } from "../../../src/scenario/schema/facility.js";
import { FACILITY_ACTIONS, FACILITY_FAULTS, eventUnion } from "../../../src/scenario/events/index.js";
import { checkFacility, checkFacilityAction, checkFacilityFault } from "../../../src/model/facility/facility-checks.js";
import { normalizeFacility, type FacilityAction, type FacilityFault } from "../../../src/model/facility/config.js";

const DOC = readFileSync(resolve(import.meta.dirname, "../../../docs/model/facility.md"), "utf8");
const blocks = [...DOC.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string);
const region = parse(blocks[blocks.length - 1] as string) as unknown;
const faultSchema = eventUnion("type", FACILITY_FAULTS);
const actionSchema = eventUnion("action", FACILITY_ACTIONS);

describe("the facility schema", () => {
  it("parses the example region of docs/model/facility.md, and the rules find no problem in it", () => {
    const parsed = facilityRegionSchema.parse(region);
    expect(checkFacility(parsed, ["region"])).toEqual([]);
    const cfg = normalizeFacility(parsed);
    expect(cfg.clusters.find((c) => c.id === "gz-a-h1-compute")?.gracefulShutdownAfterMs).toBe(60_000);
    expect(cfg.feeds[0]?.generators?.startDelayMs).toBe(15_000);
    expect(cfg.plants[0]?.chillerIds).toHaveLength(7);
  });

  it("parses every fault and action of the documented examples (without the runner's timing fields)", () => {
    const doc = parse(blocks[0] as string) as { faults: Record<string, Record<string, unknown>>; operators: Record<string, { do: Record<string, unknown> }> };
    const parsed = facilityRegionSchema.parse(region);
    for (const [name, f] of Object.entries(doc.faults)) {
      const { at: _a, duration: _d, ...rest } = f;
      const fault = faultSchema.parse(rest) as FacilityFault;
      expect(checkFacilityFault(parsed, fault, ["faults", name])).toEqual([]);
    }
    for (const [name, o] of Object.entries(doc.operators)) {
      const action = actionSchema.parse(o.do) as FacilityAction;
      expect(checkFacilityAction(parsed, action, ["operators", name, "do"])).toEqual([]);
    }
  });

  it("rejects unknown keys (a typo never passes silently)", () => {
    const r = facilityRegionSchema.safeParse({ halls: [{ id: "h", plant: "p", setpointCelcius: 24 }] });
    expect(r.success).toBe(false);
  });

  it("reads durations with units into milliseconds", () => {
    const a = actionSchema.parse({ action: "power-on", hall: "h", batchSize: 200, every: "5m" });
    expect(a).toMatchObject({ every: 300_000 });
  });

  it("describes every field for the JSON Schema", () => {
    const json = JSON.stringify(z.toJSONSchema(facilityRegionSchema, { io: "input", unrepresentable: "any" }));
    const props = [...json.matchAll(/"properties":\{/g)].length;
    expect(props).toBeGreaterThan(10);
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== "object" || node === null) return;
      const o = node as Record<string, unknown>;
      if (o.properties !== undefined) {
        for (const [k, v] of Object.entries(o.properties as Record<string, Record<string, unknown>>)) {
          const hasDesc = typeof v.description === "string" || (Array.isArray(v.anyOf) && (v.anyOf as Record<string, unknown>[]).some((x) => typeof x.description === "string"));
          if (!hasDesc) undescribed.push(`${path}.${k}`);
        }
      }
      for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
    };
    walk(json === "" ? {} : JSON.parse(json), "");
    expect(undescribed).toEqual([]);
  });

  it("names unknown ids with the known ones and a fix", () => {
    const problems = checkFacility({
      plants: [{ id: "p1", chillers: { count: 3, standby: 3 }, groups: [{ id: "g", kind: "loop", chillers: ["p1-ch9"] }] }],
      halls: [{ id: "h1", plant: "p2", racks: 1 }],
      clusters: [{ id: "c1", hall: "h9", role: "compute", servers: 10, kwPerServer: 0.5 }, { id: "c2", hall: "h1", role: "storage", servers: 30, kwPerServer: 0.5 }],
    }, ["region"]);
    const text = problems.map((p) => `${p.path.join(".")}: ${p.message}`).join("\n");
    expect(text).toContain("region.halls.0.plant: plant \"p2\" does not exist. Use one of the ids defined (known: p1)");
    expect(text).toContain("region.clusters.0.hall: hall \"h9\" does not exist");
    expect(text).toContain("region.plants.0.chillers.standby");
    expect(text).toContain("chiller \"p1-ch9\" is not in plant p1");
    expect(text).toContain("hall h1 has 1 racks but its clusters fill 3");
  });

  it("requires exactly one chiller-fail target and existing ids in faults and actions", () => {
    const input = { plants: [{ id: "p1", chillers: { count: 2 } }], halls: [{ id: "h1", plant: "p1" }], clusters: [{ id: "c1", hall: "h1", role: "compute" as const, servers: 10, kwPerServer: 0.5 }] };
    expect(checkFacilityFault(input, { type: "cooling:chiller-fail", plant: "p1", group: "g" }, ["faults", "x"]).map((p) => p.message).join()).toContain("exactly one target");
    expect(checkFacilityFault(input, { type: "server:fail", cluster: "c9", fraction: 0.1 }, ["f"])[0]?.message).toContain("known: c1");
    expect(checkFacilityAction(input, { action: "power-off", hall: "h1", cluster: "c1" }, ["o"])[0]?.message).toContain("exactly one of hall or cluster");
    expect(checkFacilityAction(input, { action: "shed-load", hall: "h1", role: "storage", fraction: 0.5 }, ["o"])[0]?.message).toContain("selects no cluster");
    expect(checkFacilityAction(input, { action: "restart-chillers", plant: "p1", chillers: ["p1-ch3"] }, ["o"])[0]?.message).toContain("does not exist");
  });
});
