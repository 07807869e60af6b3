import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, "..", "..");

/** The built CLI, as a user runs it. */
export const BIN = resolve(ROOT, "bin", "outage-sim.js");

/** What a CLI run printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real CLI as a subprocess with a clean, colourless environment. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...options.env };
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env, encoding: "utf8", timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
