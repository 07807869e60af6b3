import type { SeriesSet } from "./run.js";

/** Samples named metrics on a fixed grid for the reports' charts (observation only: never feeds back into the run). */
export class SeriesRecorder {
  private readonly values: number[][];
  private points = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly names: readonly string[],
    private readonly read: (name: string) => number | undefined,
  ) {
    this.values = names.map(() => []);
  }

  /** Records every metric's value now. */
  sample(_nowMs: number): void {
    this.names.forEach((name, i) => {
      const value = this.read(name);
      (this.values[i] as number[]).push(value === undefined ? Number.NaN : Math.round(value * 1000) / 1000);
    });
    this.points++;
  }

  /** The recorded series. */
  finish(): SeriesSet {
    return { intervalMs: this.intervalMs, points: this.points, metrics: this.names.map((name, i) => ({ name, values: this.values[i] as number[] })) };
  }
}
