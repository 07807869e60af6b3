import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { launchTestBrowser, type TestBrowser } from "../support/browser.js";
import { shippedRun, shippedScenarioNames } from "./support.js";

const scratch = mkdtempSync(join(tmpdir(), "outage-sim-html-"));
// One browser for the whole file; a launch failure fails every test here with the reason.
let browser: TestBrowser | undefined;
let launchError: Error | undefined;
beforeAll(async () => {
  try {
    browser = await launchTestBrowser();
  } catch (error) {
    launchError = error as Error;
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

function started(): TestBrowser {
  if (browser === undefined) throw launchError ?? new Error("the browser did not start");
  return browser;
}

interface Loaded {
  readonly dom: string;
  /** Console messages, uncaught errors, failed loads and any request that is not the page itself. */
  readonly problems: readonly string[];
  /** Rendered width and height of each element with an id, in CSS pixels. */
  readonly boxes: Readonly<Record<string, { width: number; height: number }>>;
  /** How far the page scrolls sideways (0 when it fits the viewport). */
  readonly overflowX: number;
}

/** Opens a page in the browser at a viewport width and returns the DOM after rendering and what went wrong. */
async function load(htmlPath: string, width = 1400): Promise<Loaded> {
  const page = await started().browser.newPage();
  const problems: string[] = [];
  const url = pathToFileURL(htmlPath).href;
  page.on("console", (m) => problems.push(`console.${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`uncaught: ${(e as Error).message}`));
  page.on("requestfailed", (r) => problems.push(`failed load: ${r.url()}`));
  page.on("request", (r) => { if (r.url() !== url) problems.push(`request: ${r.url()}`); });
  try {
    await page.setViewport({ width, height: 900 });
    await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    const dom = await page.content();
    const { boxes, overflowX } = await page.evaluate(() => {
      const out: Record<string, { width: number; height: number }> = {};
      for (const el of Array.from(document.querySelectorAll("[id]"))) {
        const r = el.getBoundingClientRect();
        out[el.id] = { width: r.width, height: r.height };
      }
      return { boxes: out, overflowX: document.documentElement.scrollWidth - document.documentElement.clientWidth };
    });
    return { dom, problems, boxes, overflowX };
  } finally {
    await page.close();
  }
}

describe("the HTML report in a real browser", () => {
  it("has a browser to test with", () => {
    expect(started().executable).not.toBe("");
  });

  for (const name of shippedScenarioNames()) {
    it(`${name}: renders its charts and cascade graph with no console errors`, async () => {
      const path = join(scratch, `${name}.html`);
      const run = shippedRun(name);
      writeFileSync(path, renderHtml(run));
      const { dom, problems, boxes } = await load(path);
      // Charts are expected where the scenario has what they draw: halls for the facility charts, an impacted app for the cascade.
      const hasHalls = run.components.some((c) => c.kind === "hall");
      const impacted = run.impacts.some((i) => i.impacted);
      const expected = ["report-header", "impacts", "chart-service-capacity", "chart-app-success", "timeline", ...(hasHalls ? ["chart-hall-temperatures", "chart-servers-up"] : []), ...(impacted ? ["chart-cascade"] : [])];
      for (const id of expected) {
        expect(dom, `element #${id}`).toContain(`id="${id}"`);
        // Laid out, not just present: the browser gave it a box.
        expect(boxes[id]?.width ?? 0, `#${id} width`).toBeGreaterThan(100);
        expect(boxes[id]?.height ?? 0, `#${id} height`).toBeGreaterThan(10);
      }
      expect((dom.match(/<svg\b/g) ?? []).length).toBeGreaterThanOrEqual(hasHalls ? 5 : 2);
      expect(dom).toMatch(/<path class="series" d="M[\d.]+ [\d.]+/);
      if (impacted) expect(dom).toMatch(/<g class="node layer-app"/);
      expect(problems).toEqual([]);
    });
  }

  it("fits a phone (390 px) and a desktop (1400 px): the page never scrolls sideways, wide tables scroll in their own box", async () => {
    const path = join(scratch, "tencent-cooling-sizes.html");
    writeFileSync(path, renderHtml(shippedRun("tencent-cooling")));
    for (const width of [1400, 390]) {
      const page = await started().browser.newPage();
      try {
        await page.setViewport({ width, height: 900 });
        await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
        const layout = await page.evaluate(() => ({
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          impacts: (() => { const t = document.getElementById("impacts") as HTMLElement; return { box: t.clientWidth, content: t.scrollWidth, overflowX: getComputedStyle(t).overflowX }; })(),
        }));
        expect(layout.overflow, `page at ${width} px`).toBe(0);
        if (width === 390) {
          // The impact table is wider than a phone: it scrolls inside its box instead of widening the page.
          expect(layout.impacts.content).toBeGreaterThan(layout.impacts.box);
          expect(layout.impacts.overflowX).toBe("auto");
        }
        const shot = await page.screenshot({ fullPage: false, type: "png" });
        // A rendered page, not a blank one: a white 1400×900 PNG compresses to a few KB.
        expect(shot.length, `screenshot at ${width} px`).toBeGreaterThan(20_000);
        writeFileSync(join(scratch, `tencent-cooling-${width}.png`), shot);
      } finally {
        await page.close();
      }
    }
  });

  it("would notice a console error, an uncaught error or a fetch: the checks are live", async () => {
    const path = join(scratch, "broken.html");
    writeFileSync(path, `<!DOCTYPE html><html><body><img src="missing.png"><script>console.error("seen"); undefinedFunction();</script></body></html>`);
    const { problems } = await load(path);
    expect(problems.some((p) => p.includes("console.error: seen"))).toBe(true);
    expect(problems.some((p) => p.startsWith("uncaught:"))).toBe(true);
    expect(problems.some((p) => p.includes("missing.png"))).toBe(true);
  });

  it("is self-contained: no script, and no URL it would fetch", () => {
    const html = renderHtml(shippedRun(shippedScenarioNames()[0] as string));
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/\b(?:src|href)="(?!#)/);
    expect(html).not.toMatch(/url\((?!#)/);
    expect(html).not.toMatch(/@import/);
  });
});
