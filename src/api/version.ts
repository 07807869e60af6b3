import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/** This tool's version, from its package.json (found upwards from this file, compiled or not; read once). */
export function toolVersion(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++, dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (!existsSync(file)) continue;
    const parsed = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
    if (parsed.name === "outage-sim" && typeof parsed.version === "string") return (cached = parsed.version);
  }
  throw new Error("outage-sim: cannot find its own package.json");
}
