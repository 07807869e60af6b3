import { describe, it, expect } from "vitest";
import { EventQueue } from "../../src/engine/event-queue.js";
import { RandomStream } from "../../src/engine/rng.js";

interface RefEvent {
  timeMs: number;
  priority: number;
  seq: number;
  kind: number;
  arg: number;
  handle: number;
}

/** Total order of the spec, as a plain comparator for the reference model. */
function compareRef(a: RefEvent, b: RefEvent): number {
  return a.timeMs - b.timeMs || a.priority - b.priority || a.seq - b.seq;
}

/** Pops everything, returning [timeMs, priority, kind, arg] tuples in pop order. */
function drain(queue: EventQueue): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  while (queue.pop()) out.push([queue.poppedTimeMs, queue.poppedPriority, queue.poppedKind, queue.poppedArg]);
  return out;
}

describe("EventQueue", () => {
  it("pops in (time, priority, insertion) order, matching a reference sort over thousands of random pushes, cancels and pops", () => {
    const rng = new RandomStream("event-queue reference test");
    const queue = new EventQueue(8);
    let pending: RefEvent[] = [];
    let seq = 0;
    let popped = 0;
    for (let step = 0; step < 40_000; step++) {
      const roll = rng.next();
      if (roll < 0.55) {
        // Few distinct times and priorities, so ties on both are common.
        const event: RefEvent = {
          timeMs: rng.int(50),
          priority: rng.int(3),
          seq: seq++,
          kind: rng.int(7),
          arg: rng.next() * 1000 - 500,
          handle: 0,
        };
        event.handle = queue.push(event.timeMs, event.priority, event.kind, event.arg);
        pending.push(event);
      } else if (roll < 0.75 && pending.length > 0) {
        const victim = pending[rng.int(pending.length)]!;
        expect(queue.cancel(victim.handle)).toBe(true);
        expect(queue.cancel(victim.handle)).toBe(false);
        pending = pending.filter((e) => e !== victim);
      } else {
        pending.sort(compareRef);
        const expected = pending.shift();
        if (expected === undefined) {
          expect(queue.pop()).toBe(false);
          expect(queue.peekTimeMs()).toBe(Infinity);
          continue;
        }
        expect(queue.peekTimeMs()).toBe(expected.timeMs);
        expect(queue.pop()).toBe(true);
        expect([queue.poppedTimeMs, queue.poppedPriority, queue.poppedKind, queue.poppedArg]).toEqual([
          expected.timeMs,
          expected.priority,
          expected.kind,
          expected.arg,
        ]);
        popped++;
      }
      expect(queue.size).toBe(pending.length);
    }
    pending.sort(compareRef);
    expect(drain(queue)).toEqual(pending.map((e) => [e.timeMs, e.priority, e.kind, e.arg]));
    expect(popped).toBeGreaterThan(5_000);
  });

  it("breaks equal (time, priority) ties by insertion order, never by heap layout", () => {
    const queue = new EventQueue(2);
    for (let i = 0; i < 1000; i++) queue.push(5, 0, 0, i);
    const args = drain(queue).map((e) => e[3]);
    expect(args).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it("orders a lower priority first at equal times, whatever the insertion order", () => {
    const queue = new EventQueue();
    queue.push(10, 2, 0, 1);
    queue.push(10, 0, 0, 2);
    queue.push(9, 65535, 0, 3);
    queue.push(10, 1, 0, 4);
    expect(drain(queue).map((e) => e[3])).toEqual([3, 2, 4, 1]);
  });

  it("returns false when cancelling a handle that already fired", () => {
    const queue = new EventQueue();
    const handle = queue.push(1, 0, 0, 0);
    expect(queue.pop()).toBe(true);
    expect(queue.cancel(handle)).toBe(false);
  });

  it("returns false for a stale handle even after its slot is reused by a new event", () => {
    const queue = new EventQueue(1);
    const first = queue.push(1, 0, 0, 0);
    queue.pop();
    const second = queue.push(2, 0, 0, 0);
    expect(second).not.toBe(first);
    expect(queue.cancel(first)).toBe(false);
    expect(queue.size).toBe(1);
    expect(queue.cancel(second)).toBe(true);
    expect(queue.size).toBe(0);
  });

  it("returns false for the handle of a cancelled event even after its slot is reused", () => {
    const queue = new EventQueue(1);
    const cancelled = queue.push(1, 0, 0, 0);
    expect(queue.cancel(cancelled)).toBe(true);
    expect(queue.pop()).toBe(false);
    const reused = queue.push(2, 0, 0, 0);
    expect(queue.capacityEvents).toBe(1);
    expect(queue.cancel(cancelled)).toBe(false);
    expect(queue.size).toBe(1);
    expect(queue.cancel(reused)).toBe(true);
  });

  it("returns false for handles it never issued", () => {
    const queue = new EventQueue();
    const issued = queue.push(1, 0, 0, 0);
    const bogus = [-1, 0.5, NaN, Infinity, 0, 7, issued + 1, issued + 2 ** 26, issued - 2 ** 26, 2 ** 40 + 3, 2 ** 60];
    for (const handle of bogus) expect(queue.cancel(handle)).toBe(false);
    expect(queue.size).toBe(1);
    expect(queue.cancel(issued)).toBe(true);
  });

  it("never issues handle 0, so callers may use 0 to mean 'no event'", () => {
    const queue = new EventQueue(1);
    for (let i = 0; i < 1000; i++) {
      expect(queue.push(i, 0, 0, 0)).toBeGreaterThan(0);
      queue.pop();
    }
  });

  it("carries kind, arg and priority through to the pop unchanged", () => {
    const queue = new EventQueue();
    queue.push(3, 65535, 2 ** 27 - 1, -1.5e300);
    queue.push(4, 0, 0, Number.MIN_VALUE);
    expect(drain(queue)).toEqual([
      [3, 65535, 2 ** 27 - 1, -1.5e300],
      [4, 0, 0, Number.MIN_VALUE],
    ]);
  });

  it("skips cancelled events at peek and pop", () => {
    const queue = new EventQueue();
    const early = queue.push(1, 0, 0, 1);
    queue.push(2, 0, 0, 2);
    expect(queue.cancel(early)).toBe(true);
    expect(queue.peekTimeMs()).toBe(2);
    expect(queue.pop()).toBe(true);
    expect(queue.poppedArg).toBe(2);
    expect(queue.pop()).toBe(false);
    expect(queue.peekTimeMs()).toBe(Infinity);
  });

  it("grows beyond its initial capacity and keeps every event", () => {
    const queue = new EventQueue(1);
    const n = 10_000;
    for (let i = 0; i < n; i++) queue.push((i * 7919) % n, 0, i % 5, i);
    expect(queue.size).toBe(n);
    expect(queue.capacityEvents).toBeGreaterThanOrEqual(n);
    const times = drain(queue).map((e) => e[0]);
    expect(times).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it("keeps the total order after compaction triggered by mass cancellation", () => {
    const rng = new RandomStream("compaction");
    const queue = new EventQueue(16);
    const events: RefEvent[] = [];
    for (let i = 0; i < 5_000; i++) {
      const e: RefEvent = { timeMs: rng.int(100), priority: rng.int(2), seq: i, kind: 0, arg: i, handle: 0 };
      e.handle = queue.push(e.timeMs, e.priority, e.kind, e.arg);
      events.push(e);
    }
    // Cancel 80%: dead entries exceed half many times over, so compaction must run.
    const kept: RefEvent[] = [];
    for (const e of events) {
      if (rng.next() < 0.8) expect(queue.cancel(e.handle)).toBe(true);
      else kept.push(e);
    }
    expect(queue.size).toBe(kept.length);
    // Events pushed after compaction interleave correctly with the survivors.
    for (let i = 0; i < 500; i++) {
      const e: RefEvent = { timeMs: rng.int(100), priority: rng.int(2), seq: 5_000 + i, kind: 1, arg: 5_000 + i, handle: 0 };
      e.handle = queue.push(e.timeMs, e.priority, e.kind, e.arg);
      kept.push(e);
    }
    kept.sort(compareRef);
    expect(drain(queue).map((e) => e[3])).toEqual(kept.map((e) => e.arg));
    // Every surviving handle is now stale.
    for (const e of kept) expect(queue.cancel(e.handle)).toBe(false);
  });

  it("rejects NaN times, out-of-range priorities and negative kinds", () => {
    const queue = new EventQueue();
    expect(() => queue.push(NaN, 0, 0, 0)).toThrow(/NaN/);
    expect(() => queue.push(1, 65536, 0, 0)).toThrow(/priority/);
    expect(() => queue.push(1, -1, 0, 0)).toThrow(/priority/);
    expect(() => queue.push(1, 0.5, 0, 0)).toThrow(/priority/);
    expect(() => queue.push(1, 0, -1, 0)).toThrow(/kind/);
    expect(() => queue.push(1, 0, 2 ** 27, 0)).toThrow(/kind/);
    expect(queue.size).toBe(0);
  });

  it("reuses storage in a steady state instead of growing", () => {
    const queue = new EventQueue(64);
    for (let i = 0; i < 64; i++) queue.push(i, 0, 0, i);
    for (let i = 0; i < 100_000; i++) {
      queue.pop();
      queue.push(queue.poppedTimeMs + 64, 0, 0, i);
    }
    expect(queue.capacityEvents).toBe(64);
    expect(queue.size).toBe(64);
  });
});
