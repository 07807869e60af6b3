import type { SeriesSet } from "./run.js";

/** Samples named metrics on a fixed grid for the reports' charts (observation only: never feeds back into the run). */
/** Most samples per metric to make room for at the start (11 days at one a minute); more grow the rows by doubling. */
const MAX_INITIAL_POINTS = 16_384;

export class SeriesRecorder {
  /** Every metric's samples, one row of `capacity` after another. */
  private values: Float64Array;
  private capacity: number;
  private readonly readers: readonly (() => number | undefined)[];
  private points = 0;

  /**
   * @param reader turns a metric name into a function reading its value now (made once per metric, not per sample)
   * @param expectedPoints how many samples to make room for at once (more are still taken, at the cost of a copy)
   */
  constructor(
    private readonly intervalMs: number,
    private readonly names: readonly string[],
    reader: (name: string) => () => number | undefined,
    expectedPoints = 64,
  ) {
    // Room for the expected samples, up to a cap: a run stopped early by its event budget should not hold a year of empty rows.
    this.capacity = Math.max(1, Math.min(MAX_INITIAL_POINTS, Math.floor(expectedPoints)));
    this.values = new Float64Array(names.length * this.capacity);
    this.readers = names.map(reader);
  }

  /** Records every metric's value now. */
  sample(_nowMs: number): void {
    if (this.points === this.capacity) this.grow();
    const { readers, values, capacity, points } = this;
    for (let i = 0; i < readers.length; i++) {
      const value = (readers[i] as () => number | undefined)();
      values[i * capacity + points] = value === undefined ? Number.NaN : Math.round(value * 1000) / 1000;
    }
    this.points++;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const values = new Float64Array(this.names.length * capacity);
    for (let i = 0; i < this.names.length; i++) values.set(this.values.subarray(i * this.capacity, i * this.capacity + this.points), i * capacity);
    this.values = values;
    this.capacity = capacity;
  }

  /** The recorded series. */
  finish(): SeriesSet {
    return { intervalMs: this.intervalMs, points: this.points, metrics: this.names.map((name, i) => ({ name, values: this.row(i) })) };
  }

  /** Metric i's samples as a plain array of unboxed doubles (sized once, not grown, and not copied through an iterator). */
  private row(i: number): number[] {
    const out = new Array<number>(this.points).fill(0.5);
    const start = i * this.capacity;
    for (let k = 0; k < this.points; k++) out[k] = this.values[start + k] as number;
    return out;
  }
}
