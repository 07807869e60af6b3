import type { SeriesSet } from "./run.js";

/** Samples named metrics on a fixed grid for the reports' charts (observation only: never feeds back into the run). */
export class SeriesRecorder {
  private readonly values: number[][];
  private readonly readers: readonly (() => number | undefined)[];
  private points = 0;

  /** @param reader turns a metric name into a function reading its value now (made once per metric, not per sample) */
  constructor(
    private readonly intervalMs: number,
    private readonly names: readonly string[],
    reader: (name: string) => () => number | undefined,
  ) {
    this.values = names.map(() => []);
    this.readers = names.map(reader);
  }

  /** Records every metric's value now. */
  sample(_nowMs: number): void {
    for (let i = 0; i < this.readers.length; i++) {
      const value = (this.readers[i] as () => number | undefined)();
      (this.values[i] as number[]).push(value === undefined ? Number.NaN : Math.round(value * 1000) / 1000);
    }
    this.points++;
  }

  /** The recorded series. */
  finish(): SeriesSet {
    return { intervalMs: this.intervalMs, points: this.points, metrics: this.names.map((name, i) => ({ name, values: this.values[i] as number[] })) };
  }
}
