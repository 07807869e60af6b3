/** A progress bar with an ETA for sweeps: on stderr, only when stderr is a terminal, redrawn at most 10 times a second. */
import { performance } from "node:perf_hooks";

/** What a command calls as runs finish. */
export interface Progress {
  update(done: number, total: number): void;
  /** Clears the bar. */
  finish(): void;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** One line of the bar: "sweep ▕██████░░░░▏ 412/1000  41%  38.2 runs/s  ETA 0:15". */
export function progressLine(label: string, done: number, total: number, elapsedMs: number): string {
  const ratio = total === 0 ? 1 : done / total;
  const filled = Math.round(ratio * BAR_WIDTH);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = done > 0 && rate > 0 ? clock((total - done) / rate) : "--:--";
  return `${label} ▕${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}▏ ${done}/${total}  ${Math.floor(ratio * 100)}%  ${rate.toFixed(1)} runs/s  ETA ${eta}`;
}

/** A progress bar on stderr when it is a terminal (and `enabled`), else one that does nothing. */
export function createProgress(label: string, enabled: boolean): Progress {
  const stream = process.stderr;
  if (!enabled || stream.isTTY !== true) return { update: () => undefined, finish: () => undefined };
  const startedMs = performance.now();
  let lastMs = -Infinity;
  let shown = false;
  return {
    update(done, total) {
      const now = performance.now();
      if (now - lastMs < REDRAW_MS && done < total) return;
      lastMs = now;
      shown = true;
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(`\r\u001b[K${progressLine(label, done, total, now - startedMs).slice(0, width)}`);
    },
    finish() {
      if (shown) stream.write("\r\u001b[K");
    },
  };
}
