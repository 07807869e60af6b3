import type { BehaviorControl, BehaviorInputs, ServiceBehavior } from "../core/propagation.js";
import { Waker, clamp01, formatOffset, meanCapacity } from "./common.js";
import type { CdnInput } from "./config.js";

/** Defaults of the CDN kind (docs/model/cloud.md §CDN). */
export const CDN_DEFAULTS = {
  hitRatio: 0.9,
  ttlMs: 3_600_000,
  staleIfErrorMs: 0,
  warmupMs: 30 * 60_000,
  originHeadroom: 3,
} as const;

/** Capacity changes continuously while the cache drains or warms; it is re-evaluated in about this many steps. */
const STEPS = 20;
const MIN_STEP_MS = 60_000;
const EPS = 1e-6;

/**
 * A CDN in front of an origin (usually object storage). Hits are served from the edge; misses, uncached
 * content and new uploads need the origin. When the origin is impaired, objects cached before are served
 * until their TTL ends plus `staleIfError`; their ages are uniform over the TTL, so the servable share falls
 * linearly (an expired object is refreshed with the origin's capacity as probability). After the origin recovers, the expired share warms up linearly; the extra misses can overload
 * an origin with only `originHeadroom` times its normal miss load.
 */
export class CdnBehavior implements ServiceBehavior {
  readonly inputs: readonly string[];
  private readonly origin: string;
  private readonly edges: readonly string[];
  private readonly hit: number;
  private readonly ttlMs: number;
  private readonly staleMs: number;
  private readonly warmupMs: number;
  private readonly headroom: number;
  private readonly waker = new Waker();
  private outageStartMs: number | undefined;
  private warmAtOutage = 1;
  private recoveredAtMs: number | undefined;
  private coldAtRecovery = 0;
  private warm = 1;
  private originCapacity = 1;
  private lastNowMs = 0;

  constructor(readonly id: string, input: CdnInput) {
    this.origin = input.origin;
    this.edges = input.edges ?? [];
    this.inputs = [input.origin, ...this.edges];
    this.hit = input.hitRatio ?? CDN_DEFAULTS.hitRatio;
    this.ttlMs = input.ttl ?? CDN_DEFAULTS.ttlMs;
    this.staleMs = input.staleIfError ?? CDN_DEFAULTS.staleIfErrorMs;
    this.warmupMs = input.warmup ?? CDN_DEFAULTS.warmupMs;
    this.headroom = input.originHeadroom ?? CDN_DEFAULTS.originHeadroom;
  }

  /** Share of the cache servable `elapsedMs` into an origin outage: 1 until staleIfError, then linear to 0 over the TTL. */
  private servable(elapsedMs: number): number {
    if (this.ttlMs <= 0) return elapsedMs < this.staleMs ? 1 : 0;
    return clamp01((this.ttlMs + this.staleMs - elapsedMs) / this.ttlMs);
  }

  /** Share of the cache warm `nowMs` after the origin is healthy (warming linearly after a recovery). */
  private warmth(nowMs: number): number {
    if (this.recoveredAtMs === undefined) return 1;
    const progress = this.warmupMs <= 0 ? 1 : clamp01((nowMs - this.recoveredAtMs) / this.warmupMs);
    return 1 - this.coldAtRecovery * (1 - progress);
  }

  /** Success = hits served from cache + the rest × origin capacity × the share of misses the origin can absorb. */
  evaluate(inputs: BehaviorInputs, control: BehaviorControl): number {
    const now = inputs.nowMs;
    this.lastNowMs = now;
    const a = inputs.capacity(this.origin);
    this.originCapacity = a;
    const impaired = a < 1 - EPS;
    if (impaired && this.outageStartMs === undefined) {
      this.warmAtOutage = this.warmth(now);
      this.outageStartMs = now;
      this.recoveredAtMs = undefined;
    } else if (!impaired && this.outageStartMs !== undefined) {
      this.coldAtRecovery = 1 - this.warm;
      this.recoveredAtMs = now;
      this.outageStartMs = undefined;
    }
    if (this.outageStartMs !== undefined) {
      // An expired object is refreshed when the origin answers, with probability a (its capacity now).
      const expired = 1 - this.servable(now - this.outageStartMs);
      this.warm = this.warmAtOutage * (1 - (1 - a) * expired);
    } else {
      this.warm = this.warmth(now);
    }
    this.scheduleNext(now, control);
    const hitNow = this.hit * this.warm;
    const missLoad = 1 - hitNow;
    const absorbed = missLoad <= EPS ? 1 : Math.min(1, (this.headroom * (1 - this.hit)) / missLoad);
    return clamp01((hitNow + missLoad * a * absorbed) * meanCapacity(this.edges, inputs));
  }

  private scheduleNext(now: number, control: BehaviorControl): void {
    if (this.outageStartMs !== undefined) {
      const declineStart = this.outageStartMs + this.staleMs;
      const declineEnd = declineStart + this.ttlMs;
      if (now < declineStart) this.waker.at(declineStart, now, control);
      else if (now < declineEnd) this.waker.at(this.nextStep(declineStart, this.ttlMs, now), now, control);
    } else if (this.recoveredAtMs !== undefined && this.coldAtRecovery > 0 && now < this.recoveredAtMs + this.warmupMs) {
      this.waker.at(this.nextStep(this.recoveredAtMs, this.warmupMs, now), now, control);
    }
  }

  /** The next step boundary of a linear ramp from `startMs` lasting `spanMs`. */
  private nextStep(startMs: number, spanMs: number, now: number): number {
    const step = Math.max(MIN_STEP_MS, Math.round(spanMs / STEPS));
    const k = Math.floor((now - startMs) / step) + 1;
    return Math.min(startMs + spanMs, startMs + k * step);
  }

  /** hitRatio (effective), cacheWarmFraction, servingStale, originCapacity. */
  metrics(): Readonly<Record<string, number>> {
    const stale = this.outageStartMs !== undefined && this.lastNowMs - this.outageStartMs > 0 && this.warm > 0 ? 1 : 0;
    return { hitRatio: this.hit * this.warm, cacheWarmFraction: this.warm, servingStale: stale, originCapacity: this.originCapacity };
  }

  /** e.g. "origin failing: serving cache (stale until t+3h00m)" or "cache warming". */
  describe(): string {
    if (this.outageStartMs !== undefined) {
      const end = this.outageStartMs + this.staleMs + this.ttlMs;
      if (this.lastNowMs < end) return `origin failing: serving cached objects until ${formatOffset(end)}, uncached and new uploads fail`;
      return this.warm > 0 ? `origin at ${Math.round(this.originCapacity * 100)}%: ${Math.round(this.warm * 100)}% of the cache fresh` : "origin failing: cache expired";
    }
    if (this.warm < 1) return `cache warming (${Math.round(this.warm * 100)}% warm)`;
    return "cache warm";
  }
}
