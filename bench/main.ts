/**
 * Runs every benchmark in order and prints its figures. Benchmarks never gate on wall time;
 * they are read by people. Add a bench by appending its function to the list below.
 */
import { benchEngineHold } from "./engine-hold.js";
import { benchFacilityRegion } from "./facility-region.js";
import { benchSweep } from "./sweep.js";
import { benchHunt } from "./hunt.js";

/** A benchmark prints its own lines through `print`. */
type Bench = (print: (line: string) => void) => Promise<void>;

const benches: Bench[] = [benchEngineHold, benchFacilityRegion, benchSweep, benchHunt];

for (const bench of benches) {
  await bench((line) => console.log(line));
}
