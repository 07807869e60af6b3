/**
 * Client retries as expected values: how many attempts a request makes, and how often it ends in success,
 * when each attempt fails independently with the same probability. Backoff spreads the retries out in time
 * but, in steady state, does not change how many there are, so it does not appear here.
 */

/** Most retries a client may make per request: a limit on the loops below. */
export const MAX_RETRIES = 100;

function checkRetries(maxRetries: number, caller: string): void {
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > MAX_RETRIES) {
    throw new Error(`${caller}: maxRetries must be an integer in 0..${MAX_RETRIES}, got ${maxRetries}`);
  }
}

function clampRatio(ratio: number): number {
  return ratio > 1 ? 1 : ratio > 0 ? ratio : 0;
}

/**
 * Expected attempts per request, Σ_{k=0}^{r} f^k, when each attempt fails with probability `failureRatio`
 * and a failed attempt is retried up to `maxRetries` times: 1 when nothing fails, r + 1 when everything does.
 */
export function retryAmplification(failureRatio: number, maxRetries: number): number {
  checkRetries(maxRetries, "retryAmplification");
  return retryAmplificationUnchecked(failureRatio, maxRetries);
}

/** {@link retryAmplification} for a retry count the caller checked once (the load solver calls it in its inner loop). */
export function retryAmplificationUnchecked(failureRatio: number, maxRetries: number): number {
  const f = clampRatio(failureRatio);
  // Summed term by term rather than (1 − f^(r+1)) / (1 − f), which cancels badly as f → 1.
  let sum = 1;
  let term = 1;
  for (let k = 1; k <= maxRetries; k++) {
    term *= f;
    sum += term;
  }
  return sum;
}

/** Probability that a request succeeds within `maxRetries` retries, 1 − (1 − s)^(r+1), when each attempt succeeds with `attemptSuccess`. */
export function successWithRetries(attemptSuccess: number, maxRetries: number): number {
  checkRetries(maxRetries, "successWithRetries");
  const f = 1 - clampRatio(attemptSuccess);
  return 1 - Math.pow(f, maxRetries + 1);
}
