/**
 * A client-side circuit breaker for one (app, dependency) pair, over the fluid load model: it sees the
 * failure ratio of the calls it lets through, not individual requests.
 *
 * closed → open when the failure ratio reaches the threshold; open → half-open once `openForMs` has passed
 * (at the first observation at or after that time); half-open → closed when the probes' failure ratio is below
 * the threshold, → open again otherwise. A half-open breaker decides on its next observation, which the caller
 * makes after solving the load again with `admitted()` probes (normally at the same instant).
 */

/** A breaker's tuning. */
export interface BreakerConfig {
  /** Failure ratio (0 < x ≤ 1) at or above which the breaker opens. */
  readonly failureRatio: number;
  /** How long it stays open before probing (> 0). */
  readonly openForMs: number;
  /** Fraction of requests let through while half-open (0 < x ≤ 1). */
  readonly probeFraction: number;
}

/** A breaker's state. */
export type BreakerState = "closed" | "open" | "half-open";

/** What one observation did: whether the state changed and, while open, when to observe again. */
export interface BreakerObservation {
  readonly changed: boolean;
  readonly wakeAtMs: number | undefined;
}

const UNCHANGED: BreakerObservation = Object.freeze({ changed: false, wakeAtMs: undefined });
const CHANGED: BreakerObservation = Object.freeze({ changed: true, wakeAtMs: undefined });

/** Open / half-open / closed breaker with timing, fed failure ratios by the caller. */
export class CircuitBreaker {
  private current: BreakerState = "closed";
  private reopenAtMs = 0;
  private held = false;
  private lastMs = Number.NEGATIVE_INFINITY;

  /** Checks `config`, throwing on numbers out of range. */
  constructor(private readonly config: BreakerConfig) {
    if (!(config.failureRatio > 0 && config.failureRatio <= 1)) throw new Error(`circuit breaker: failureRatio must be in (0, 1], got ${config.failureRatio}`);
    if (!(config.openForMs > 0) || !Number.isFinite(config.openForMs)) throw new Error(`circuit breaker: openForMs must be finite and > 0, got ${config.openForMs}`);
    if (!(config.probeFraction > 0 && config.probeFraction <= 1)) throw new Error(`circuit breaker: probeFraction must be in (0, 1], got ${config.probeFraction}`);
  }

  /** The breaker's state now. */
  get state(): BreakerState {
    return this.current;
  }

  /** Fraction of requests let through now: 1 closed, 0 open, probeFraction half-open. */
  admitted(): number {
    return this.current === "closed" ? 1 : this.current === "open" ? 0 : this.config.probeFraction;
  }

  /** Feeds the failure ratio the callers see at nowMs; returns whether the state changed and, when open, when to look again. */
  observe(nowMs: number, failureRatio: number): BreakerObservation {
    this.advance(nowMs);
    switch (this.current) {
      case "closed":
        if (failureRatio >= this.config.failureRatio) return this.open(nowMs);
        return UNCHANGED;
      case "open":
        if (this.held) return UNCHANGED;
        if (nowMs >= this.reopenAtMs) {
          this.current = "half-open";
          return CHANGED;
        }
        return { changed: false, wakeAtMs: this.reopenAtMs };
      case "half-open":
        if (failureRatio >= this.config.failureRatio) return this.open(nowMs);
        this.current = "closed";
        return CHANGED;
    }
  }

  /**
   * Opens the breaker by hand at nowMs (an operator tripping it): with `holdOpen` it stays open until reset(),
   * otherwise it probes after openForMs like any opening.
   */
  trip(nowMs: number, holdOpen = false): BreakerObservation {
    this.advance(nowMs);
    const changed = this.current !== "open";
    this.held = holdOpen;
    this.current = "open";
    this.reopenAtMs = nowMs + this.config.openForMs;
    return { changed, wakeAtMs: holdOpen ? undefined : this.reopenAtMs };
  }

  /** Closes the breaker by hand (an operator resetting it), releasing any hold; returns whether the state changed. */
  reset(): boolean {
    const changed = this.current !== "closed";
    this.current = "closed";
    this.held = false;
    return changed;
  }

  private open(nowMs: number): BreakerObservation {
    this.current = "open";
    this.reopenAtMs = nowMs + this.config.openForMs;
    return { changed: true, wakeAtMs: this.reopenAtMs };
  }

  private advance(nowMs: number): void {
    if (!(nowMs >= this.lastMs)) throw new Error(`circuit breaker: time went back from ${this.lastMs} to ${nowMs}`);
    this.lastMs = nowMs;
  }
}
