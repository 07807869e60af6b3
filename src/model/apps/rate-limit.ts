/**
 * Per-user rate limits (e.g. one avatar change per user per minute), applied to the aggregate flow:
 * the cap is what the users could send if each used their whole allowance, so requests spread unevenly
 * over users are admitted slightly more than in reality (an upper bound on what gets through).
 */

/** Requests per second admitted under a per-user limit: at most users × perUserPerMinute / 60. */
export function admittedRps(offeredRps: number, users: number, perUserPerMinute: number): number {
  const offered = Math.max(0, offeredRps);
  const capRps = (Math.max(0, users) * Math.max(0, perUserPerMinute)) / 60;
  return Math.min(offered, capRps);
}

/** Fraction (0..1) of offered requests admitted under a per-user limit: 1 when nothing is offered. */
export function admittedFraction(offeredRps: number, users: number, perUserPerMinute: number): number {
  if (!(offeredRps > 0)) return 1;
  return admittedRps(offeredRps, users, perUserPerMinute) / offeredRps;
}
