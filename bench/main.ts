/**
 * Runs every benchmark in order and prints its figures. Benchmarks never gate on wall time;
 * they are read by people. Add a bench by naming its function in the table below.
 */
import { benchEngineHold } from "./engine-hold.js";
import { benchFacilityRegion } from "./facility-region.js";
import { benchSweep } from "./sweep.js";
import { benchScale } from "./scale.js";
import { benchHunt } from "./hunt.js";

/** A benchmark prints its own lines through `print`. */
type Bench = (print: (line: string) => void) => Promise<void>;

const benches: Record<string, Bench> = { engine: benchEngineHold, facility: benchFacilityRegion, sweep: benchSweep, scale: benchScale, hunt: benchHunt };

// `npm run bench -- scale sweep` runs only the benches named; no name runs them all.
const wanted = process.argv.slice(2);
for (const [name, bench] of Object.entries(benches)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  await bench((line) => console.log(line));
}
