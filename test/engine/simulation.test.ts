import { describe, it, expect } from "vitest";
import { Simulation } from "../../src/engine/simulation.js";
import { deriveStream } from "../../src/engine/rng.js";

/** A simulation with one kind that logs (time, arg) and optionally reschedules itself. */
function loggingSim(reschedule?: (sim: Simulation, arg: number) => void): { sim: Simulation; kind: number; log: string[] } {
  const sim = new Simulation();
  const log: string[] = [];
  const kind = sim.registerKind("tick", (s, arg) => {
    log.push(`${s.nowMs}:${arg}`);
    reschedule?.(s, arg);
  });
  return { sim, kind, log };
}

describe("Simulation", () => {
  it("starts at time 0 with nothing pending", () => {
    const sim = new Simulation();
    expect(sim.nowMs).toBe(0);
    expect(sim.eventsProcessed).toBe(0);
    expect(sim.pendingCount()).toBe(0);
  });

  it("reports 'drained' when the queue empties, leaving now at the last event time", () => {
    const { sim, kind, log } = loggingSim();
    sim.schedule(kind, 30, 3);
    sim.schedule(kind, 10, 1);
    sim.schedule(kind, 20, 2);
    const outcome = sim.run({ horizonMs: 1_000, maxEvents: 100 });
    expect(outcome).toEqual({ reason: "drained", eventsProcessed: 3, nowMs: 30 });
    expect(log).toEqual(["10:1", "20:2", "30:3"]);
    expect(sim.nowMs).toBe(30);
  });

  it("reports 'horizon' and advances now to the horizon when the next event lies beyond it", () => {
    const { sim, kind, log } = loggingSim();
    sim.schedule(kind, 100, 1);
    sim.schedule(kind, 101, 2);
    const outcome = sim.run({ horizonMs: 100, maxEvents: 10 });
    expect(outcome).toEqual({ reason: "horizon", eventsProcessed: 1, nowMs: 100 });
    expect(log).toEqual(["100:1"]);
    expect(sim.pendingCount()).toBe(1);
  });

  it("continues from where it stopped when run() is called again", () => {
    const { sim, kind, log } = loggingSim((s, arg) => {
      if (arg < 9) s.schedule(kind, 10, arg + 1);
    });
    sim.schedule(kind, 0, 0);
    expect(sim.run({ horizonMs: 35, maxEvents: 100 })).toEqual({ reason: "horizon", eventsProcessed: 4, nowMs: 35 });
    expect(sim.run({ horizonMs: 1_000, maxEvents: 100 })).toEqual({ reason: "drained", eventsProcessed: 6, nowMs: 90 });
    expect(log).toEqual(Array.from({ length: 10 }, (_, i) => `${i * 10}:${i}`));
    expect(sim.eventsProcessed).toBe(10);
  });

  it("runs with an infinite horizon and budget until the queue drains", () => {
    const { sim, kind } = loggingSim((s, arg) => {
      if (arg < 99) s.schedule(kind, 1_000_000, arg + 1);
    });
    sim.schedule(kind, 0, 0);
    expect(sim.run({ horizonMs: Infinity, maxEvents: Infinity })).toEqual({ reason: "drained", eventsProcessed: 100, nowMs: 99_000_000 });
  });

  it("reports 'event-budget' after maxEvents when more events remain before the horizon", () => {
    const { sim, kind } = loggingSim((s) => s.schedule(kind, 1));
    sim.schedule(kind, 0);
    const outcome = sim.run({ horizonMs: 1_000_000, maxEvents: 50 });
    expect(outcome).toEqual({ reason: "event-budget", eventsProcessed: 50, nowMs: 49 });
    expect(sim.pendingCount()).toBe(1);
  });

  it("prefers 'horizon' over 'event-budget' when the budget is spent exactly as the horizon is reached", () => {
    const { sim, kind } = loggingSim();
    sim.schedule(kind, 1);
    sim.schedule(kind, 2);
    sim.schedule(kind, 50);
    expect(sim.run({ horizonMs: 10, maxEvents: 2 })).toEqual({ reason: "horizon", eventsProcessed: 2, nowMs: 10 });
  });

  it("reports 'stopped' after the event that called stop(), leaving later events pending", () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const kind = sim.registerKind("maybe-stop", (s, arg) => {
      seen.push(arg);
      if (arg === 2) s.stop();
    });
    for (let i = 1; i <= 4; i++) sim.schedule(kind, i, i);
    expect(sim.run({ horizonMs: 100, maxEvents: 100 })).toEqual({ reason: "stopped", eventsProcessed: 2, nowMs: 2 });
    expect(seen).toEqual([1, 2]);
    expect(sim.pendingCount()).toBe(2);
    expect(sim.run({ horizonMs: 100, maxEvents: 100 }).reason).toBe("drained");
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it("processes events scheduled for the same time in insertion order when priorities are equal", () => {
    const { sim, kind, log } = loggingSim();
    for (let i = 0; i < 20; i++) sim.scheduleAt(kind, 7, i);
    sim.run({ horizonMs: 7, maxEvents: 100 });
    expect(log).toEqual(Array.from({ length: 20 }, (_, i) => `7:${i}`));
  });

  it("processes a lower priority first at equal times", () => {
    const { sim, kind, log } = loggingSim();
    sim.schedule(kind, 5, 1, 3);
    sim.schedule(kind, 5, 2, 1);
    sim.schedule(kind, 5, 3);
    sim.run({ horizonMs: 5, maxEvents: 10 });
    expect(log).toEqual(["5:3", "5:2", "5:1"]);
  });

  it("rounds delays to integer milliseconds", () => {
    const { sim, kind, log } = loggingSim();
    sim.schedule(kind, 1.4, 1);
    sim.schedule(kind, 1.6, 2);
    sim.scheduleAt(kind, 2.2, 3);
    sim.run({ horizonMs: 10, maxEvents: 10 });
    expect(log).toEqual(["1:1", "2:2", "2:3"]);
  });

  it("throws when scheduleAt names a time in the past", () => {
    const { sim, kind } = loggingSim();
    sim.schedule(kind, 10);
    sim.run({ horizonMs: 10, maxEvents: 10 });
    expect(() => sim.scheduleAt(kind, 9)).toThrow(/before now/);
    expect(() => sim.scheduleAt(kind, 10)).not.toThrow();
  });

  it("throws on negative, NaN or infinite delays and on unknown kinds", () => {
    const { sim, kind } = loggingSim();
    expect(() => sim.schedule(kind, -1)).toThrow(/delayMs/);
    expect(() => sim.schedule(kind, NaN)).toThrow(/delayMs/);
    expect(() => sim.schedule(kind, Infinity)).toThrow(/delayMs/);
    expect(() => sim.scheduleAt(kind, NaN)).toThrow(/atMs/);
    expect(() => sim.schedule(kind + 1, 1)).toThrow(/unknown event kind/);
    expect(() => sim.schedule(kind, 1, 0, 70_000)).toThrow(/priority/);
    expect(sim.pendingCount()).toBe(0);
  });

  it("throws on a duplicate kind name and names registered kinds", () => {
    const sim = new Simulation();
    const a = sim.registerKind("a", () => {});
    const b = sim.registerKind("b", () => {});
    expect([a, b]).toEqual([0, 1]);
    expect(sim.kindName(b)).toBe("b");
    expect(sim.kindId("a")).toBe(a);
    expect(() => sim.registerKind("a", () => {})).toThrow(/already registered/);
    expect(() => sim.kindName(5)).toThrow(/unknown kind/);
  });

  it("does not fire a cancelled event, and cancelling twice returns false", () => {
    const { sim, kind, log } = loggingSim();
    const handle = sim.schedule(kind, 5, 1);
    sim.schedule(kind, 6, 2);
    expect(sim.cancel(handle)).toBe(true);
    expect(sim.cancel(handle)).toBe(false);
    expect(sim.pendingCount()).toBe(1);
    sim.run({ horizonMs: 10, maxEvents: 10 });
    expect(log).toEqual(["6:2"]);
  });

  it("rejects a horizon earlier than now or fractional, a negative budget, and a re-entrant run()", () => {
    const sim = new Simulation();
    const kind = sim.registerKind("reenter", (s) => {
      s.run({ horizonMs: 100, maxEvents: 1 });
    });
    sim.schedule(kind, 20);
    expect(() => sim.run({ horizonMs: 100, maxEvents: 1 })).toThrow(/already running/);
    expect(() => sim.run({ horizonMs: 10, maxEvents: 1 })).toThrow(/horizonMs/);
    expect(() => sim.run({ horizonMs: 100.5, maxEvents: 1 })).toThrow(/horizonMs/);
    expect(() => sim.run({ horizonMs: NaN, maxEvents: 1 })).toThrow(/horizonMs/);
    expect(() => sim.run({ horizonMs: 100, maxEvents: -1 })).toThrow(/maxEvents/);
  });

  it("produces identical event sequences for two runs of the same seeded model", () => {
    const runOnce = (): string[] => {
      const sim = new Simulation();
      const arrivals = deriveStream(42, "queue-model", "arrivals");
      const service = deriveStream(42, "queue-model", "service");
      const log: string[] = [];
      const done = sim.registerKind("done", (s, arg) => log.push(`done ${s.nowMs} ${arg}`));
      const arrive = sim.registerKind("arrive", (s, arg) => {
        log.push(`arrive ${s.nowMs} ${arg}`);
        s.schedule(done, service.exponential(50), arg, 1);
        if (arg < 500) s.schedule(arrive, arrivals.exponential(20), arg + 1);
      });
      sim.schedule(arrive, 0, 0);
      const outcome = sim.run({ horizonMs: 1e9, maxEvents: 10_000 });
      log.push(`${outcome.reason} ${outcome.eventsProcessed} ${outcome.nowMs}`);
      return log;
    };
    const first = runOnce();
    expect(first.length).toBe(1_003);
    expect(runOnce()).toEqual(first);
  });
});
