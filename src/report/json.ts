import { REPORT_SCHEMA_VERSION, type Run } from "../runner/run.js";
import { componentsOf } from "./components.js";
import { replayCommand } from "./provenance.js";

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** The JSON report: the versioned contract (see docs/report-json.md); same run → same bytes. */
export function renderJson(run: Run): string {
  const report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    seed: run.seed,
    scenario: { name: run.scenario.name, title: run.scenario.title },
    start: run.start,
    horizonMs: run.horizonMs,
    stop: { reason: run.stop.reason, atMs: run.stop.atMs, eventsProcessed: run.stop.eventsProcessed },
    unsettled: run.unsettled,
    impacts: run.impacts.map((i) => ({
      app: i.app,
      title: i.title,
      impacted: i.impacted,
      symptom: i.symptom,
      firstImpactAtMs: i.firstImpactAtMs,
      recoveredAtMs: i.recoveredAtMs,
      outageMinutes: i.outageMinutes,
      worstSuccessRatio: i.worstSuccessRatio,
      userMinutesLost: i.userMinutesLost,
      failedRequests: i.failedRequests,
      failedTransactions: i.failedTransactions,
    })),
    data: {
      acknowledgedLost: run.data.acknowledgedLost,
      components: run.data.components.map((t) => ({ component: t.component, unit: t.unit, written: t.written, lost: t.lost, delayed: t.delayed, corrupted: t.corrupted, repaired: t.repaired, acknowledgedLost: t.acknowledgedLost })),
    },
    verdicts: run.verdicts.map((v) => ({ name: v.name, check: v.check, severity: v.severity, passed: v.passed, actual: v.actual })),
    explanations: run.explanations.map((e) => ({ app: e.app, impactTransition: e.impactTransition, chain: e.chain, roots: e.roots })),
    trace: run.trace.map((t) => ({ id: t.id, atMs: t.atMs, component: t.component, layer: t.layer, from: t.from, to: t.to, causes: t.causes, detail: t.detail ?? "", aspect: t.aspect, atWork: t.atWork })),
    series: {
      intervalMs: run.series.intervalMs,
      points: run.series.points,
      metrics: run.series.metrics.map((m) => ({ name: m.name, values: m.values.map(finite) })),
    },
    invariantViolations: run.invariantViolations,
    components: componentsOf(run).map((c) => ({
      id: c.id,
      layer: c.layer,
      kind: c.kind,
      title: c.title ?? "",
      plant: c.plant ?? null,
      hall: c.hall ?? null,
      role: c.role ?? null,
      servers: c.servers ?? null,
    })),
    provenance: run.provenance === undefined ? null : {
      tool: { name: run.provenance.tool.name, version: run.provenance.tool.version },
      scenario: { path: run.provenance.scenario.path, sha256: run.provenance.scenario.sha256 },
      imports: run.provenance.imports.map((f) => ({ path: f.path, sha256: f.sha256 })),
      seed: run.provenance.seed,
      horizonMs: run.provenance.horizonMs,
      overrides: { seed: run.provenance.overrides.seed, horizon: run.provenance.overrides.horizon, set: run.provenance.overrides.set },
      replay: replayCommand(run.provenance),
    },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
