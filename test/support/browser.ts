import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import chromium from "@sparticuz/chromium";
import puppeteer, { type Browser } from "puppeteer-core";

/**
 * A headless browser for tests that render pages. By default the Chromium that `npm install` brings
 * (`@sparticuz/chromium` ships its binary inside the package); `CHROMIUM=/path/to/chromium` uses
 * another one, e.g. a system browser. Nothing is downloaded at run time.
 */
export interface TestBrowser {
  readonly browser: Browser;
  /** Which binary runs, for messages. */
  readonly executable: string;
  close(): Promise<void>;
}

/**
 * Flags for a machine without a display, network or unprivileged user: headless, no sandbox (tests
 * run as root in CI), no GPU, nothing that reaches out to the network, and a fresh profile each time.
 */
function launchArgs(profile: string): string[] {
  return [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
    "--disable-extensions", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars", "--mute-audio",
    "--font-render-hinting=none", `--user-data-dir=${profile}`,
  ];
}

/** Starts the browser, or throws a message that says what failed and how to fix it (tests fail, never skip). */
export async function launchTestBrowser(): Promise<TestBrowser> {
  const override = process.env.CHROMIUM;
  let executable = override ?? "";
  try {
    if (override === undefined || override === "") executable = await chromium.executablePath();
  } catch (error) {
    throw new Error(`cannot unpack the Chromium shipped by @sparticuz/chromium (${(error as Error).message}). Run "npm ci" again, or point CHROMIUM= at a Chromium binary.`);
  }
  const profile = mkdtempSync(join(tmpdir(), "outage-sim-browser-"));
  try {
    const browser = await puppeteer.launch({ executablePath: executable, headless: "shell", args: launchArgs(profile), timeout: 60_000, protocolTimeout: 60_000 });
    return {
      browser,
      executable,
      async close() {
        await browser.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`cannot start the browser at ${executable}: ${(error as Error).message}\nThe HTML tests need a headless Chromium: "npm ci" installs one (@sparticuz/chromium), or set CHROMIUM= to a Chromium binary. These tests fail rather than skip so the HTML report is never left unchecked.`);
  }
}
