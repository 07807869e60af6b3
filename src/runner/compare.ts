/**
 * What-if comparisons, the pure part: two variants run on the same seeds (common random numbers),
 * and the paired difference B − A of each measure with a Student-t confidence interval.
 *
 * Pairing removes the noise both variants share: with a seed the randomness of every component is
 * the same on both sides (streams are keyed by seed, component and purpose), so the interval
 * reflects only how the change interacts with chance, not chance itself.
 */
import { orderRecords, type RunRecord, type SweepPlan } from "./sweep.js";

/** The paired difference B − A of one measure over n seeds. */
export interface PairedDifference {
  readonly n: number;
  readonly meanA: number;
  readonly meanB: number;
  /** Mean of (B − A) per seed. */
  readonly meanDiff: number;
  /** Sample standard deviation of (B − A) (0 when n < 2). */
  readonly sdDiff: number;
  /** The confidence interval of the mean difference; NaN when n < 2. */
  readonly low: number;
  readonly high: number;
  /** Seeds on which B is lower, higher, equal. */
  readonly lower: number;
  readonly higher: number;
  readonly equal: number;
}

function lnGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0.
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** The cumulative distribution of Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The quantile of Student's t (e.g. p = 0.975, df = 9 → 2.262), by bisection: deterministic to the last bit. */
export function studentTQuantile(p: number, df: number): number {
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The paired difference B − A with a two-sided `confidence` interval: mean ± t(1 − α/2, n − 1) × sd / √n. */
export function pairedDifference(a: readonly number[], b: readonly number[], confidence = 0.95): PairedDifference {
  if (a.length !== b.length) throw new Error(`pairedDifference: ${a.length} vs ${b.length} values`);
  const n = a.length;
  let sumA = 0;
  let sumB = 0;
  let sumD = 0;
  let lower = 0;
  let higher = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    sumA += x;
    sumB += y;
    sumD += y - x;
    if (y < x) lower++;
    else if (y > x) higher++;
  }
  const meanDiff = n === 0 ? Number.NaN : sumD / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += ((b[i] as number) - (a[i] as number) - meanDiff) ** 2;
  const sdDiff = n < 2 ? 0 : Math.sqrt(squares / (n - 1));
  const half = n < 2 ? Number.NaN : sdDiff === 0 ? 0 : (studentTQuantile(1 - (1 - confidence) / 2, n - 1) * sdDiff) / Math.sqrt(n);
  return {
    n,
    meanA: n === 0 ? Number.NaN : sumA / n,
    meanB: n === 0 ? Number.NaN : sumB / n,
    meanDiff,
    sdDiff,
    low: meanDiff - half,
    high: meanDiff + half,
    lower,
    higher,
    equal: n - lower - higher,
  };
}

/** One app present in both variants, compared. */
export interface AppComparison {
  readonly app: string;
  readonly title: string;
  readonly impactProbabilityA: number;
  readonly impactProbabilityB: number;
  readonly outageMinutes: PairedDifference;
  readonly userMinutesLost: PairedDifference;
}

/** A check's pass rate on each side (null where the side has no such check). */
export interface CheckComparison {
  readonly name: string;
  readonly passRateA: number | null;
  readonly passRateB: number | null;
}

/** A comparison of two single-cell sweeps on the same seeds. */
export interface CompareSummary {
  readonly a: SweepPlan;
  readonly b: SweepPlan;
  readonly confidence: number;
  readonly apps: readonly AppComparison[];
  readonly onlyInA: readonly string[];
  readonly onlyInB: readonly string[];
  readonly dataLost: PairedDifference;
  readonly checks: readonly CheckComparison[];
}

/** Compares two single-cell sweeps run on the same seeds; throws when they are not paired. */
export function compareSweeps(a: SweepPlan, recordsA: readonly RunRecord[], b: SweepPlan, recordsB: readonly RunRecord[], confidence = 0.95): CompareSummary {
  if (a.cells.length !== 1 || b.cells.length !== 1) throw new Error("compareSweeps: each side is one cell");
  if (a.baseSeed !== b.baseSeed || a.runs !== b.runs) throw new Error("compareSweeps: the sides do not share their seeds");
  const ra = orderRecords(a, recordsA);
  const rb = orderRecords(b, recordsB);
  if (typeof ra === "string" || typeof rb === "string") throw new Error(`compareSweeps: ${String(typeof ra === "string" ? ra : rb)}`);
  const cellA = a.cells[0]!;
  const cellB = b.cells[0]!;
  const n = a.runs;
  const appsB = new Map(cellB.apps.map((app, i) => [app.id, i]));
  const apps = cellA.apps.flatMap((app, i): AppComparison[] => {
    const j = appsB.get(app.id);
    if (j === undefined) return [];
    const column = (records: RunRecord[], k: number, key: "outageMinutes" | "userMinutesLost"): number[] => records.map((r) => r[key][k] as number);
    return [{
      app: app.id,
      title: app.title,
      impactProbabilityA: ra.filter((r) => r.impacted[i] === true).length / n,
      impactProbabilityB: rb.filter((r) => r.impacted[j] === true).length / n,
      outageMinutes: pairedDifference(column(ra, i, "outageMinutes"), column(rb, j, "outageMinutes"), confidence),
      userMinutesLost: pairedDifference(column(ra, i, "userMinutesLost"), column(rb, j, "userMinutesLost"), confidence),
    }];
  });
  const idsA = new Set(cellA.apps.map((x) => x.id));
  const names = [...cellA.checks.map((c) => c.name), ...cellB.checks.map((c) => c.name).filter((name) => !cellA.checks.some((c) => c.name === name))];
  const rate = (cell: typeof cellA, records: RunRecord[], name: string): number | null => {
    const k = cell.checks.findIndex((c) => c.name === name);
    return k < 0 ? null : records.filter((r) => r.checks[k] === true).length / n;
  };
  return {
    a,
    b,
    confidence,
    apps,
    onlyInA: cellA.apps.filter((x) => !appsB.has(x.id)).map((x) => x.id),
    onlyInB: cellB.apps.filter((x) => !idsA.has(x.id)).map((x) => x.id),
    dataLost: pairedDifference(ra.map((r) => r.dataLost), rb.map((r) => r.dataLost), confidence),
    checks: names.map((name) => ({ name, passRateA: rate(cellA, ra, name), passRateB: rate(cellB, rb, name) })),
  };
}
