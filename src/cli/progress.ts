/** Where a progress indicator writes: stderr, as a stream that may or may not be a terminal. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/** Options of {@link createProgress}; everything is injectable so tests need no terminal and no clock. */
export interface ProgressOptions {
  /** What is being done, e.g. "running tencent-cooling" or "sweep". */
  readonly label: string;
  /** Defaults to process.stderr. */
  readonly stream?: ProgressStream;
  /** Milliseconds now; defaults to a monotonic clock. */
  readonly now?: () => number;
  /** Show nothing until the work has taken this long (default 300 ms): quick runs stay silent. */
  readonly delayMs?: number;
  /** Redraw at most this often (default 100 ms). */
  readonly intervalMs?: number;
  /** Turn it off regardless of the terminal (e.g. for --format json written to a terminal, or NO_PROGRESS). */
  readonly enabled?: boolean;
}

/** A progress indicator: call update as work advances and done at the end; it never writes unless stderr is a terminal. */
export interface Progress {
  /** Reports `done` of `total` units (simulated ms, seeds, …), with an optional note ("seed 12"). */
  update(done: number, total: number, note?: string): void;
  /** Erases the indicator line; safe to call more than once. */
  done(): void;
}

const BAR_WIDTH = 24;

/** Creates a progress indicator on stderr that draws only on a TTY, only after a moment, and erases itself when done. */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const delayMs = options.delayMs ?? 300;
  const intervalMs = options.intervalMs ?? 100;
  const active = options.enabled !== false && stream.isTTY === true && process.env.NO_PROGRESS === undefined;
  const startedMs = now();
  let lastDrawMs = Number.NEGATIVE_INFINITY;
  let drawn = false;
  let finished = false;
  return {
    update(done, total, note) {
      if (!active || finished) return;
      const t = now();
      if (t - startedMs < delayMs || t - lastDrawMs < intervalMs) return;
      lastDrawMs = t;
      const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
      const filled = Math.round(ratio * BAR_WIDTH);
      const line = `${options.label} [${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}%${note ? ` ${note}` : ""}`;
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(`\r\u001b[2K${line.length > width ? line.slice(0, width) : line}`);
      drawn = true;
    },
    done() {
      if (finished) return;
      finished = true;
      if (drawn) stream.write("\r\u001b[2K");
    },
  };
}
