/** The documented exit codes of every command. */
export const EXIT = {
  /** Ran; every expectation held (or none was given). */
  ok: 0,
  /** Ran; an expectation failed (a result, not a crash). */
  expectationFailed: 1,
  /** Invalid input: every problem listed with file:line:col, path and a fix. */
  invalidInput: 2,
  /** A limit was reached (event budget, horizon) without settling. */
  limitReached: 3,
  /** Internal error: a bug; the message names the seed. */
  internal: 70,
} as const;

/** A mistake of the user's (a bad flag, a missing file): reported as one sentence, exit 2, never a stack trace. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.invalidInput) {
    super(message);
    this.name = "UserError";
  }
}

/**
 * Reports an unexpected error (a bug): one line naming the seed and asking for a report, exit 70. The stack trace
 * is printed only with --debug: internals stay out of logs and out of the way of the user.
 */
export function reportInternalError(error: unknown, seed: number | undefined, debug: boolean, streams: { err(text: string): void }): number {
  const seedNote = seed === undefined ? "" : ` with seed ${seed}`;
  // A broken conservation law says which, in one line: that is what a report needs.
  const law = error instanceof Error && error.name === "InvariantBroken" ? `: a conservation law broke ${error.message}` : "";
  streams.err(`outage-sim: internal error${seedNote}${law}. This is a bug in outage-sim: please report it with the scenario file and this command line (add --debug to see the details).\n`);
  if (debug) streams.err(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.internal;
}
