/**
 * Scale and start-up, through the real CLI as a user runs it: each row is a fresh `node bin/outage-sim.js` process,
 * timed from spawn to exit (median of a few runs) with its peak memory. Start-up is given as a ratio to `node -e 0`;
 * the scale rows as a ratio to a 1k-server region, with the growth exponent of each axis
 * (log(t2/t1) / log(n2/n1) between its two sizes). Targets are printed beside the figures; nothing gates on them.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateRegion, type RegionSize } from "./region-generator.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "bin", "outage-sim.js");
const PROBE = join(ROOT, "bench", "rss-probe.mjs");

interface Measure {
  readonly ms: number;
  readonly mib: number;
  readonly outBytes: number;
}

/** Runs `node args` `times` times; the median wall time, the largest peak memory and the size of the last output. */
function measure(args: readonly string[], times = 3, outFile?: string): Measure {
  const walls: number[] = [];
  let rss = 0;
  let outBytes = 0;
  for (let i = 0; i < times; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ["--import", PROBE, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
    walls.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const m = /@@maxrss (\d+)/.exec(r.stderr ?? "");
    if (m) rss = Math.max(rss, Number(m[1]) / 1024);
    if (r.status !== 0 && r.status !== 1 && r.status !== 3) throw new Error(`bench: ${args.join(" ")} exited ${r.status}: ${(r.stderr ?? "").slice(0, 400)}`);
    outBytes = outFile === undefined ? Buffer.byteLength(r.stdout ?? "") : statSync(outFile).size;
  }
  walls.sort((a, b) => a - b);
  return { ms: walls[Math.floor(walls.length / 2)] as number, mib: rss, outBytes };
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** Start-up and the scale rows; prints each as it is measured. */
export async function benchScale(print: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "outage-sim-scale-"));
  try {
    print("scale and start-up (through the CLI, fresh process per run, median of 3)");
    const bare = measure(["-e", "0"], 5);
    const first = measure([CLI, "run", "tencent-cooling.yaml", "--no-color"], 5);
    print(`  run tencent-cooling.yaml end to end: ${fmt(first.ms)} = ${(first.ms / bare.ms).toFixed(1)}× node -e 0 (${fmt(bare.ms)}), ${first.mib.toFixed(0)} MiB   target ≤ 0.35 s and ≤ 3×`);

    const run = (name: string, size: RegionSize): Measure => {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(file, generateRegion(size));
      const out = join(dir, `${name}.json`);
      return measure([CLI, "run", file, "--format", "json", "--out", out], 3, out);
    };
    const base = run("base-1k", { halls: 2, servers: 1_000, services: 10, apps: 10, hours: 24 });
    print(`  reference: 1k servers, 2 halls, 10 apps and services, 24 h: ${fmt(base.ms)}, ${base.mib.toFixed(0)} MiB`);
    const rows: { label: string; target: string; small: [RegionSize, number]; large: [RegionSize, number] }[] = [
      { label: "100k servers, 20 halls, 24 h", target: "< 1 s", small: [{ halls: 20, servers: 10_000, services: 10, apps: 10, hours: 24 }, 10_000], large: [{ halls: 20, servers: 100_000, services: 10, apps: 10, hours: 24 }, 100_000] },
      { label: "1,000 apps and 1,000 services, 24 h", target: "< 2 s, < 300 MiB", small: [{ halls: 20, servers: 10_000, services: 100, apps: 100, hours: 24 }, 100], large: [{ halls: 20, servers: 10_000, services: 1_000, apps: 1_000, hours: 24 }, 1_000] },
      { label: "200 halls, 24 h", target: "< 1 s", small: [{ halls: 20, servers: 20_000, services: 10, apps: 10, hours: 24 }, 20], large: [{ halls: 200, servers: 20_000, services: 10, apps: 10, hours: 24 }, 200] },
      { label: "30 simulated days", target: "< 2 s, < 300 MiB, report < 20 MB", small: [{ halls: 20, servers: 10_000, services: 10, apps: 10, hours: 72 }, 3], large: [{ halls: 20, servers: 10_000, services: 10, apps: 10, hours: 720 }, 30] },
    ];
    for (const [k, row] of rows.entries()) {
      const small = run(`row${k}-small`, row.small[0]);
      const large = run(`row${k}-large`, row.large[0]);
      const exponent = Math.log(large.ms / small.ms) / Math.log(row.large[1] / row.small[1]);
      print(`  ${row.label}: ${fmt(large.ms)}, ${large.mib.toFixed(0)} MiB, report ${(large.outBytes / 1e6).toFixed(1)} MB; ${(large.ms / base.ms).toFixed(1)}× the reference; growth exponent ${exponent.toFixed(2)} (${row.small[1]} → ${row.large[1]})   target ${row.target}`);
    }
    const big = join(dir, "validate-2mib.yaml");
    // As close to 2 MiB as the loader's default file-size limit (2 MiB) allows, within its default component limit.
    const limit = 2 * 1024 * 1024;
    let size: RegionSize = { halls: 200, servers: 200_000, services: 4_000, apps: 4_000, hours: 24, titleLength: 10 };
    for (;;) {
      const next = { ...size, titleLength: (size.titleLength ?? 0) + 10 };
      if (Buffer.byteLength(generateRegion(next)) >= limit) break;
      size = next;
    }
    writeFileSync(big, generateRegion(size));
    const v = measure([CLI, "validate", big], 3);
    print(`  validate a ${(statSync(big).size / 1024 / 1024).toFixed(1)} MiB scenario: ${fmt(v.ms)}, ${v.mib.toFixed(0)} MiB   target < 1 s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
