const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** Reads simulated milliseconds as the scenario's local wall clock, anchored at its `start` (no system clock involved). */
export class LocalClock {
  /** Local time of day at simulated time 0, in ms since local midnight. */
  readonly startOfDayMs: number;
  /** The local calendar date at simulated time 0, as YYYY-MM-DD. */
  readonly startDate: string;
  /** The UTC offset written in `start`, e.g. "+08:00". */
  readonly offset: string;

  /** @param startIso a date-time with an offset, e.g. 2023-03-29T00:30:00+08:00 */
  constructor(readonly startIso: string) {
    const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})$/.exec(startIso);
    if (!match) throw new Error(`local clock: bad start ${startIso}`);
    this.startDate = match[1] as string;
    this.startOfDayMs = (Number(match[2]) * 60 + Number(match[3])) * MS_PER_MINUTE + Number(match[4] ?? 0) * 1000;
    this.offset = match[5] === "Z" ? "+00:00" : (match[5] as string);
  }

  /** Local "HH:MM" at simulated time `atMs`, with "+Nd" when it falls on a later day. */
  format(atMs: number): string {
    const total = this.startOfDayMs + Math.floor(atMs);
    const day = Math.floor(total / MS_PER_DAY);
    const ofDay = total - day * MS_PER_DAY;
    const hours = Math.floor(ofDay / 3_600_000);
    const minutes = Math.floor((ofDay % 3_600_000) / MS_PER_MINUTE);
    const text = `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
    return day === 0 ? text : `${text}+${day}d`;
  }

  /** Local "HH:MM:SS" at `atMs`, with "+Nd" on a later day. */
  formatSeconds(atMs: number): string {
    const seconds = Math.floor((((this.startOfDayMs + Math.floor(atMs)) % MS_PER_MINUTE) + MS_PER_MINUTE) % MS_PER_MINUTE / 1000);
    const base = this.format(atMs);
    const plus = base.indexOf("+");
    const hm = plus < 0 ? base : base.slice(0, plus);
    return `${hm}:${String(seconds).padStart(2, "0")}${plus < 0 ? "" : base.slice(plus)}`;
  }

  /** Simulated ms of the first moment at or after the start when the local clock reads `minutesOfDay`. */
  simMsOfClock(minutesOfDay: number): number {
    const target = minutesOfDay * MS_PER_MINUTE;
    const delta = target - this.startOfDayMs;
    return delta >= 0 ? delta : delta + MS_PER_DAY;
  }
}
