import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/runner/run-scenario.js";
import { loadScenario } from "../../src/scenario/load.js";
import { formatProblem } from "../../src/scenario/problem.js";
import { memoryReader } from "../../src/scenario/source.js";
import type { Run } from "../../src/runner/run.js";
import { ROOT } from "../support/cli.js";

const METASTABLE = readFileSync(join(ROOT, "fixtures", "load", "metastable-retries.yaml"), "utf8");

function run(text: string): Run {
  const loaded = loadScenario("s.yaml", memoryReader({ "s.yaml": text }));
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join("\n"));
  return runScenario(loaded.loaded.scenario);
}

function successAt(r: Run, app: string, minute: number): number {
  const series = r.series.metrics.find((m) => m.name === `app.${app}.successRatio`);
  return series?.values[minute] as number;
}

describe("load through the network", () => {
  it("a ten-minute dip leaves a retrying app collapsed after the fault clears, until load is shed (metastable)", () => {
    const r = run(METASTABLE);
    expect(successAt(r, "web", 5)).toBe(1);
    expect(successAt(r, "web", 15)).toBeLessThan(0.1);
    expect(successAt(r, "web", 40)).toBeLessThan(0.1); // the dip ended at 20 min: still down
    expect(successAt(r, "web", 65)).toBe(0.5); // shedding half the load lets the service recover
    expect(successAt(r, "web", 80)).toBe(1); // and lifting the limit from a healthy state stays healthy
    const web = r.impacts.find((i) => i.app === "web");
    expect(web).toMatchObject({ recoveredAtMs: 70 * 60_000 });
    expect(web?.failedRequests).toBeGreaterThan(800 * 50 * 60 * 0.9);
  });

  it("without retries the same dip ends with the fault", () => {
    const r = run(METASTABLE.replace("client: { retries: 3 }", "client: { retries: 0 }"));
    expect(successAt(r, "web", 15)).toBeLessThan(1);
    expect(successAt(r, "web", 25)).toBe(1);
  });

  it("a service that sheds excess load does not stay collapsed", () => {
    const r = run(METASTABLE.replace("api: { capacityRps: 1000 }", "api: { capacityRps: 1000, overload: { shedding: true } }"));
    expect(successAt(r, "web", 15)).toBeGreaterThan(0.5);
    expect(successAt(r, "web", 25)).toBe(1);
  });

  it("a circuit breaker stops the retry storm: the service recovers and the app follows after the breaker's probes", () => {
    const r = run(METASTABLE.replace("client: { retries: 3 }", "client: { retries: 3, circuitBreaker: { failureRatio: 0.5, openFor: 1m, probeFraction: 0.05 } }"));
    expect(successAt(r, "web", 40)).toBe(1);
    expect(r.trace.some((t) => t.component === "web-breaker" && t.to === "open")).toBe(true);
  });

  it("a reconnect storm overloads a service that then stays down until capacity is added", () => {
    const text = `${METASTABLE.split("faults:")[0] as string}faults:
  flap: { type: load:reconnect-storm, app: web, clients: 60000, over: 1m, requestsPerClient: 1, at: 10m }
operators:
  scale:
    at: 1h
    do: { action: add-capacity, service: api, capacityRps: 4000 }
`;
    const r = run(text);
    expect(successAt(r, "web", 5)).toBe(1);
    expect(successAt(r, "web", 30)).toBeLessThan(0.2);
    expect(successAt(r, "web", 65)).toBe(1);
    const cascade = r.explanations.find((e) => e.app === "web");
    expect(r.trace[cascade!.chain[0]!]?.component).toBe("flap");
  });

  it("a surge follows its user curve and a per-user rate limit refuses the excess", () => {
    const text = `${(METASTABLE.split("faults:")[0] as string).replace("client: { retries: 3 }", "client: { retries: 0, rateLimitPerUserPerMinute: 0.6 }")}faults:
  promo: { type: load:surge, app: web, users: [[0s, 100000], [10m, 200000]], at: 10m }
`;
    const r = run(text);
    const offered = r.series.metrics.find((m) => m.name === "app.web.offeredRps")!.values;
    expect(offered[5]).toBe(800);
    expect(offered[15]).toBeCloseTo(1200, 0);
    expect(offered[25]).toBe(1600);
    expect(successAt(r, "web", 25)).toBeCloseTo(1000 / 1600, 2); // 100,000 users × 0.6/min = 1,000 requests/s let in
  });

  it("an app calling a service without capacityRps sees only that service's availability", () => {
    const text = METASTABLE.replace("    api: { capacityRps: 1000 }", "    api: { capacityRps: 1000 }\n    auth: {}").replace("dependsOn: [api]", "dependsOn: [api, auth]").replace("target: api, capacity: 0.5", "target: auth, capacity: 0.5");
    const r = run(text);
    expect(successAt(r, "web", 5)).toBe(1);
    expect(successAt(r, "web", 15)).toBeGreaterThan(0);
    expect(r.stop.reason).not.toBe("event-budget");
  });

  it("refuses load events on apps without a load model, with a located message", () => {
    const text = METASTABLE.replace("      load: { peakRps: 800 }\n      client: { retries: 3 }\n", "").concat("  extra:\n    at: 1h30m\n    do: { action: limit-load, app: web, fraction: 0.5 }\n");
    const loaded = loadScenario("s.yaml", memoryReader({ "s.yaml": text }));
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.problems.map(formatProblem)).toContain('s.yaml:25:36  operators.extra.do.app  "web" is not an app with a load model. Give the app a request rate: load: { peakRps: … }');
  });
});

describe("causes", () => {
  function runFile(name: string): Run {
    return run(readFileSync(join(ROOT, "fixtures", "load", name), "utf8"));
  }

  it("explains an impact from its own moment, not from an earlier harmless soft-dependency blip", () => {
    const r = runFile("soft-blip-then-outage.yaml");
    const e = r.explanations.find((x) => x.app === "shop");
    expect(r.trace[e!.chain[0]!]?.component).toBe("db-down");
  });

  it("does not blame a surge that ended hours before a daily peak overloads the service", () => {
    const r = runFile("surge-then-daily-peak.yaml");
    const e = r.explanations.find((x) => x.app === "web");
    expect(e!.roots.map((id) => r.trace[id]?.component)).not.toContain("tiny-surge");
  });
});
