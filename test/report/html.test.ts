import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import type { Run } from "../../src/runner/run.js";
import { shippedRun } from "./support.js";

describe("the HTML report", () => {
  it("charts servers up by hall and role once the run samples serversUp and describes its components", () => {
    const base = shippedRun("tencent-cooling");
    const points = base.series.points;
    const run = {
      ...base,
      series: { ...base.series, metrics: [...base.series.metrics, { name: "cluster.c1.serversUp", values: Array(points).fill(10) }, { name: "cluster.c2.serversUp", values: Array(points).fill(5) }] },
      components: [
        { id: "c1", layer: "compute", kind: "cluster", hall: "h1", role: "compute", servers: 10 },
        { id: "c2", layer: "compute", kind: "cluster", hall: "h1", role: "storage", servers: 5 },
      ],
    } as Run;
    const html = renderHtml(run);
    expect(html).toContain("Servers up by hall and role");
    expect(html).toContain("h1 · compute");
    expect(html).toContain("h1 · storage");
    expect(html).not.toContain("this run has cluster capacity only");
  });

  it("shades each app's outages and draws one node per component of the cascade", () => {
    const html = renderHtml(shippedRun("tencent-cooling"));
    expect(html).toMatch(/<rect class="band"[^>]*><title>pc-login down 02:29–09:10<\/title>/);
    expect(html).toContain('id="chart-cascade-node-cooling-source-fails"');
    expect(html).toContain('id="chart-cascade-node-pc-login"');
  });
});
