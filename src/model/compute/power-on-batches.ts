/**
 * A rate-limited power-on: every `everyMs`, up to `batchSize` powered-off servers of the target
 * clusters come back, but only in halls that have power and are below `whenBelowCelsius`.
 * The facility model drives the ticks; this holds the job's state.
 */
export class PowerOnJob {
  /** Ticks run so far (the batch number of the last tick). */
  tick = 0;

  /** Creates a job over cluster indexes; `cause` is the operator action's transition id. */
  constructor(
    readonly index: number,
    readonly clusters: readonly number[],
    readonly batchSize: number,
    readonly everyMs: number,
    readonly whenBelowCelsius: number,
    readonly cause: number,
  ) {}
}
