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
