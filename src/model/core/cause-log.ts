/**
 * The causes of one line of change (a hall's cooling, a plant's supply, the outside air...): the
 * latest transition that moved it, and the transitions noted on it while the current change is
 * being settled. A model records a later transition with these as its causes.
 */
export class CauseChannel {
  /** Latest transition noted with {@link note} or {@link setLatest} (−1: none). */
  latest = -1;
  /** Transitions noted since the log last ended a settle, in order. */
  readonly pending: number[] = [];

  constructor(private readonly log: CauseLog) {}

  /** Notes a transition as pending and as the latest. */
  note(id: number): void {
    this.mark(id);
    this.latest = id;
  }

  /** Notes a pending transition without making it the latest. */
  mark(id: number): void {
    if (this.pending.length === 0) this.log.dirty(this);
    this.pending.push(id);
  }

  /** Makes a transition the latest without marking it pending. */
  setLatest(id: number): void {
    this.latest = id;
  }
}

/** The shared cause log of a model layer: its channels, and the end of a settle that drops every pending note. */
export class CauseLog {
  private readonly withPending: CauseChannel[] = [];

  /** A new channel in this log. */
  channel(): CauseChannel {
    return new CauseChannel(this);
  }

  /** Called by a channel when it gets its first pending note. */
  dirty(channel: CauseChannel): void {
    this.withPending.push(channel);
  }

  /** Ends a settle: every channel's pending notes are dropped (the latest stay). */
  endSettle(): void {
    for (const c of this.withPending) c.pending.length = 0;
    this.withPending.length = 0;
  }
}
