import type { DistributionSpec } from "../../engine/distributions.js";
import type { RandomStream } from "../../engine/rng.js";

/** Servers sorted by the hall temperature at which they cross one kind of threshold (threshold − rack offset). */
export interface SortedThresholds {
  /** Server index at each sorted position. */
  readonly order: Uint32Array;
  /** Effective hall temperature of each sorted position, ascending, °C. */
  readonly effCelsius: Float64Array;
  /** Sorted position of each server. */
  readonly pos: Uint32Array;
}

/** Draws one threshold per server from a distribution, in server order, °C. */
export function drawThresholds(rng: RandomStream, spec: DistributionSpec, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.sample(spec);
  return out;
}

const KEY_SCALE = 1e5;
const KEY_SHIFT = 1000;
const INDEX_BITS = 2 ** 21;

/** Sorts servers by effective trip temperature (threshold − inlet offset); ties broken by server index. */
export function sortByEffective(thresholds: Float32Array, offsets: Float32Array): SortedThresholds {
  const n = thresholds.length;
  const order = new Uint32Array(n);
  const effCelsius = new Float64Array(n);
  const pos = new Uint32Array(n);
  let packable = n < INDEX_BITS;
  for (let i = 0; i < n && packable; i++) {
    const eff = (thresholds[i] as number) - (offsets[i] as number);
    if (!(eff > -KEY_SHIFT + 1 && eff < 40_000)) packable = false;
  }
  if (packable) {
    // Pack a quantised key (1e-5 K) and the index into one double so the native numeric sort does the work.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const eff = (thresholds[i] as number) - (offsets[i] as number);
      keys[i] = Math.round((eff + KEY_SHIFT) * KEY_SCALE) * INDEX_BITS + i;
    }
    keys.sort();
    for (let p = 0; p < n; p++) {
      const key = keys[p] as number;
      const index = key % INDEX_BITS;
      order[p] = index;
      effCelsius[p] = (key - index) / INDEX_BITS / KEY_SCALE - KEY_SHIFT;
      pos[index] = p;
    }
    return { order, effCelsius, pos };
  }
  const idx = Array.from({ length: n }, (_, i) => i);
  const effOf = (i: number): number => (thresholds[i] as number) - (offsets[i] as number);
  idx.sort((a, b) => effOf(a) - effOf(b) || a - b);
  for (let p = 0; p < n; p++) {
    const i = idx[p] as number;
    order[p] = i;
    effCelsius[p] = effOf(i);
    pos[i] = p;
  }
  return { order, effCelsius, pos };
}
