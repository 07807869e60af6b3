import { RandomStream } from "../../../src/engine/rng.js";
import { DataLedger } from "../../../src/model/core/data-ledger.js";
import type { Health } from "../../../src/model/core/health.js";
import type { BehaviorControl, BehaviorInputs, ServiceBehavior } from "../../../src/model/core/propagation.js";
import type { CloudBuildContext } from "../../../src/model/cloud/index.js";

/** A build context over fixed cluster sizes and damage fractions (which a test may change). */
export function fakeContext(servers: Record<string, number>, damaged: Record<string, number> = {}): CloudBuildContext {
  return {
    stream: (purpose) => new RandomStream(`test\u0000${purpose}`),
    clusterServers: (id) => servers[id] ?? 0,
    damagedFraction: (id) => damaged[id] ?? 0,
  };
}

/**
 * Drives one behavior as the propagation network would: evaluate on demand at a time, and at every wake-up it
 * asked for, in time order. Capacities of inputs come from `caps` (default 1); health from the usual thresholds.
 */
export class Driver {
  nowMs = 0;
  readonly ledger = new DataLedger();
  readonly wakes: number[] = [];
  readonly evaluations: { atMs: number; capacity: number }[] = [];
  capacity = 1;
  cause = 7;

  constructor(readonly behavior: ServiceBehavior, readonly caps: Record<string, number> = {}, readonly healthOf: Record<string, Health> = {}) {
    this.evaluate();
  }

  private inputs(): BehaviorInputs {
    const now = this.nowMs;
    return {
      nowMs: now,
      capacity: (id) => this.caps[id] ?? 1,
      health: (id) => this.healthOf[id] ?? defaultHealth(this.caps[id] ?? 1),
    };
  }

  private control(): BehaviorControl {
    return { wakeAt: (atMs) => this.wakes.push(atMs), ledger: this.ledger, causes: [this.cause] };
  }

  /** Evaluates now. */
  evaluate(): number {
    this.capacity = this.behavior.evaluate(this.inputs(), this.control());
    this.evaluations.push({ atMs: this.nowMs, capacity: this.capacity });
    return this.capacity;
  }

  /** Sets input capacities at `atMs` (processing wake-ups before it first) and evaluates. */
  set(atMs: number, caps: Record<string, number>): number {
    this.runTo(atMs - 1);
    this.nowMs = atMs;
    Object.assign(this.caps, caps);
    return this.evaluate();
  }

  /** Processes every wake-up up to and including `endMs`; the clock ends at `endMs`. */
  runTo(endMs: number): number {
    for (;;) {
      const pending = this.wakes.filter((t) => t > this.nowMs);
      const next = pending.length === 0 ? undefined : Math.min(...pending);
      if (next === undefined || next > endMs) break;
      this.nowMs = next;
      this.evaluate();
    }
    this.nowMs = Math.max(this.nowMs, endMs);
    return this.capacity;
  }

  /** Capacity at time `atMs` after processing wake-ups up to it (does not evaluate again). */
  at(atMs: number): number {
    return this.runTo(atMs);
  }
}

/** Health of an input from its capacity with the default service thresholds (down < 0.5, degraded < 0.99). */
export function defaultHealth(capacity: number): Health {
  return capacity < 0.5 ? "down" : capacity < 0.99 ? "degraded" : "healthy";
}

/** Every way to choose `k` items of 0..n-1. */
export function combinations(n: number, k: number): number[][] {
  const out: number[][] = [];
  const pick = (start: number, chosen: number[]): void => {
    if (chosen.length === k) {
      out.push([...chosen]);
      return;
    }
    for (let i = start; i < n; i++) pick(i + 1, [...chosen, i]);
  };
  pick(0, []);
  return out;
}
