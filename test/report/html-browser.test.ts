import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { shippedRun, shippedScenarioNames } from "./support.js";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const scratch = mkdtempSync(join(tmpdir(), "outage-sim-html-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Loads a page in headless Chromium and returns the DOM after rendering, and what the browser logged. */
function dumpDom(htmlPath: string): { dom: string; log: string; code: number | null } {
  const profile = mkdtempSync(join(scratch, "profile-"));
  const result = spawnSync(CHROMIUM, [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`, "--enable-logging=stderr", "--v=0",
    "--dump-dom", pathToFileURL(htmlPath).href,
  ], { encoding: "utf8", timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
  return { dom: result.stdout ?? "", log: result.stderr ?? "", code: result.status };
}

/** Lines of the browser's log that report a console message, an uncaught error, a blocked or failed load. */
function consoleErrors(log: string): string[] {
  return log.split("\n").filter((line) => /Uncaught|:CONSOLE|Refused to|net::ERR_/.test(line));
}

describe("the HTML report in a real browser", () => {
  it("has Chromium to test with", () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium" (Debian), or point CHROMIUM= at a Chromium binary. This test fails rather than skips so the HTML report is never left unchecked.`);
    }
  });

  for (const name of shippedScenarioNames()) {
    it(`${name}: renders its charts and cascade graph with no console errors`, () => {
      expect(existsSync(CHROMIUM), `install Chromium: apt-get install -y chromium`).toBe(true);
      const path = join(scratch, `${name}.html`);
      const run = shippedRun(name);
      writeFileSync(path, renderHtml(run));
      const { dom, log, code } = dumpDom(path);
      expect(code).toBe(0);
      // Charts are expected where the scenario has what they draw: halls for the facility charts, an impacted app for the cascade.
      const hasHalls = run.components.some((c) => c.kind === "hall");
      const impacted = run.impacts.some((i) => i.impacted);
      const expected = ["report-header", "impacts", "chart-service-capacity", "chart-app-success", "timeline", ...(hasHalls ? ["chart-hall-temperatures", "chart-servers-up"] : []), ...(impacted ? ["chart-cascade"] : [])];
      for (const id of expected) {
        expect(dom, `element #${id}`).toContain(`id="${id}"`);
      }
      expect((dom.match(/<svg\b/g) ?? []).length).toBeGreaterThanOrEqual(hasHalls ? 5 : 2);
      expect(dom).toMatch(/<path class="series" d="M[\d.]+ [\d.]+/);
      if (impacted) expect(dom).toMatch(/<g class="node layer-app"/);
      expect(consoleErrors(log)).toEqual([]);
    });
  }

  it("would notice a console error: the log check is live", () => {
    const path = join(scratch, "broken.html");
    writeFileSync(path, "<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>");
    expect(consoleErrors(dumpDom(path).log)).not.toEqual([]);
  });

  it("is self-contained: no script, and no URL it would fetch", () => {
    const html = renderHtml(shippedRun(shippedScenarioNames()[0] as string));
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/\b(?:src|href)="(?!#)/);
    expect(html).not.toMatch(/url\((?!#)/);
    expect(html).not.toMatch(/@import/);
  });
});
