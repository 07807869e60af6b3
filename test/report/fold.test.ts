import { describe, expect, it } from "vitest";
import type { Transition } from "../../src/model/core/trace.js";
import { compressIds, foldTimeline, unfoldedTimeline } from "../../src/report/fold.js";
import { renderText } from "../../src/report/text.js";
import { shippedRun } from "./support.js";
import { transition } from "../support/transition.js";

const formatTime = (ms: number): string => `${String(Math.floor(ms / 60000)).padStart(2, "0")}m`;

function t(id: number, atMs: number, component: string, layer: Transition["layer"], from: string, to: string, detail = ""): Transition {
  const drive = layer === "compute" && /servers shut down|\bthrottled\b/.test(detail) ? ("heat" as const) : layer === "compute" && /powered on/.test(detail) ? ("power-on" as const) : undefined;
  return { ...transition({ id, atMs, component, layer, from, to, causes: id === 0 ? [] : [id - 1], detail }), ...(drive === undefined ? {} : { drive }) };
}

describe("timeline folding", () => {
  it("folds chillers that trip in the same minute into one line", () => {
    const trace = [1, 2, 3, 4, 5, 6].map((n, i) => t(i, 0, `gz-a-ch${n}`, "facility", n === 6 ? "standby" : "running", "tripped", "common-mode failure"));
    const entries = foldTimeline(trace, { formatTime, components: [] });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ label: "gz-a-ch1–6", change: "tripped", detail: "common-mode failure", ids: [0, 1, 2, 3, 4, 5] });
  });

  it("names a group by kind and plant when the run describes its components", () => {
    const trace = [1, 2, 3].map((n, i) => t(i, 0, `p-ch${n}`, "facility", "running", "tripped"));
    const components = [1, 2, 3].map((n) => ({ id: `p-ch${n}`, layer: "facility" as const, kind: "chiller", plant: "p" }));
    expect(foldTimeline(trace, { formatTime, components })[0]?.label).toBe("3 chillers of p");
  });

  it("folds a cluster's shutdown batches into one line with the total and the time span", () => {
    const trace = [
      t(0, 60_000, "c1", "compute", "healthy", "degraded", "inlet 36.1 °C; 36 throttled; 1,600 up"),
      t(1, 120_000, "c1", "compute", "degraded", "degraded", "inlet 44.8 °C; 600 of 1,600 servers shut down (590 graceful, 10 protective); 1,000 up"),
      t(2, 180_000, "c1", "compute", "degraded", "down", "inlet 45.1 °C; 1,000 of 1,600 servers shut down (1,000 graceful); 0 up"),
    ];
    const [entry] = foldTimeline(trace, { formatTime, components: [] });
    expect(entry?.change).toBe("healthy → degraded → down");
    expect(entry?.detail).toBe("1,600 of 1,600 servers shut down 02m–03m; inlet peak 45.1 °C; 1,590 graceful, 10 protective");
  });

  it("folds a hall's temperature bands into one line per direction", () => {
    const trace = [
      t(0, 0, "h1", "facility", "normal", "above 27 °C"),
      t(1, 60_000, "h1", "facility", "above 27 °C", "above 32 °C"),
      t(2, 600_000, "h1", "facility", "above 32 °C", "above 27 °C"),
      t(3, 900_000, "h1", "facility", "above 27 °C", "normal"),
    ];
    const entries = foldTimeline(trace, { formatTime, components: [] });
    expect(entries.map((e) => e.change)).toEqual(["normal → above 32 °C", "above 32 °C → normal"]);
  });

  it("keeps faults, operator steps and every app's symptom on lines of their own", () => {
    const trace = [t(0, 0, "f", "fault", "pending", "injected"), t(1, 0, "op", "operator", "waiting", "acted"), t(2, 0, "a", "app", "healthy", "down", "success 0%: \"site down\""), t(3, 0, "b", "app", "healthy", "down", "success 0%: \"no mail\"")];
    expect(foldTimeline(trace, { formatTime, components: [] })).toHaveLength(4);
  });

  it("unfolds to one entry per transition for --detail", () => {
    const run = shippedRun("tencent-cooling");
    expect(unfoldedTimeline(run.trace)).toHaveLength(run.trace.length);
    const detail = renderText(run, { color: false, width: 200, detail: true });
    const folded = renderText(run, { color: false, width: 200, detail: false });
    expect(detail.split("\n").length).toBeGreaterThan(folded.split("\n").length + run.trace.length / 2);
  });

  it("tells the tencent-cooling story in far fewer lines than transitions", () => {
    const run = shippedRun("tencent-cooling");
    const entries = foldTimeline(run.trace, { formatTime, components: [] });
    expect(entries.length).toBeLessThan(run.trace.length / 4);
    expect(entries.length).toBeLessThanOrEqual(130);
  });

  it("names id sets briefly", () => {
    expect(compressIds(["gz-a-h1", "gz-a-h2", "gz-a-h3"])).toBe("gz-a-h1–3");
    expect(compressIds(["gz-a-cos", "gz-a-mail"])).toBe("gz-a-{cos,mail}");
    expect(compressIds(["x", "y"])).toBe("x, y");
  });
});
