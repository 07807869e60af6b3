/**
 * The discrete-event loop: integer simulated time, named event kinds and a run with limits.
 *
 * Events are (kind, arg) pairs rather than closures so that scheduling allocates nothing and a
 * run can be described, replayed and traced by kind name alone.
 */
import { EventQueue } from "./event-queue.js";

/** Reacts to one event of a registered kind; it may schedule, cancel, or stop the simulation. */
export type EventHandler = (sim: Simulation, arg: number) => void;

/** Bounds of one call to {@link Simulation.run}. */
export interface RunLimits {
  /** Last simulated time (inclusive, integer ms, or Infinity) at which events are processed. */
  horizonMs: number;
  /** Most events this call may process; Infinity for no budget. */
  maxEvents: number;
  /**
   * Most units of work the simulation may have done when an event is about to be processed (default: no budget).
   * Every event counts one; handlers count the rest with {@link Simulation.charge}.
   */
  maxWork?: number;
}

/** Why {@link Simulation.run} returned. */
export type StopReason = "drained" | "horizon" | "event-budget" | "work-budget" | "stopped";

/** What one call to {@link Simulation.run} did. */
export interface RunOutcome {
  /** Why the call returned. */
  reason: StopReason;
  /** Events processed by this call (not since the simulation began). */
  eventsProcessed: number;
  /** Simulated time when the call returned. */
  nowMs: number;
}

/** Largest priority accepted by the queue (priorities are integers in [0, 65535]). */
const PRIORITY_MAX = 0xffff;

/** A deterministic discrete-event simulation: a clock, a pending-event queue and the handlers of each event kind. */
export class Simulation {
  private readonly queue: EventQueue;
  private readonly handlers: EventHandler[] = [];
  private readonly names: string[] = [];
  private readonly kindsByName = new Map<string, number>();
  private clockMs = 0;
  private processedTotal = 0;
  private work = 0;
  private stopRequested = false;
  private afterEvent: ((sim: Simulation, kind: number) => void) | undefined;
  private running = false;

  /** Creates a simulation at time 0 whose queue starts with room for `initialCapacity` events. */
  constructor(initialCapacity?: number) {
    this.queue = new EventQueue(initialCapacity);
  }

  /** Current simulated time in integer ms since the start. */
  get nowMs(): number {
    return this.clockMs;
  }

  /** Events processed since the simulation was created, across every call to run(). */
  get eventsProcessed(): number {
    return this.processedTotal;
  }

  /** Units of work done since the simulation was created: one per event, plus what handlers charged. */
  get workDone(): number {
    return this.work;
  }

  /**
   * Counts work a handler does beyond processing its event (a condition checked, a value sampled, a transition
   * recorded), so a run whose events are few but each costly still ends within its work budget.
   */
  charge(units: number): void {
    this.work += units;
  }

  /** Calls `observer` after every event is handled (a run checking its invariants); undefined removes it. */
  observe(observer: ((sim: Simulation, kind: number) => void) | undefined): void {
    this.afterEvent = observer;
  }

  /** Registers an event kind under a unique name and returns its id (dense, from 0, in registration order). */
  registerKind(name: string, handler: EventHandler): number {
    if (this.kindsByName.has(name)) throw new Error(`Simulation.registerKind: kind "${name}" is already registered`);
    const kind = this.handlers.length;
    this.handlers.push(handler);
    this.names.push(name);
    this.kindsByName.set(name, kind);
    return kind;
  }

  /** Name under which `kind` was registered. */
  kindName(kind: number): string {
    const name = this.names[kind];
    if (name === undefined) throw new Error(`Simulation.kindName: unknown kind ${kind}`);
    return name;
  }

  /** Id of the kind registered under `name`, or undefined if none. */
  kindId(name: string): number | undefined {
    return this.kindsByName.get(name);
  }

  /** Schedules an event `delayMs` (rounded to an integer) after now and returns its handle. */
  schedule(kind: number, delayMs: number, arg = 0, priority = 0): number {
    if (!Number.isFinite(delayMs) || delayMs < 0) {
      throw new Error(`Simulation.schedule(${this.describeKind(kind)}): delayMs must be finite and >= 0, got ${delayMs}`);
    }
    return this.push(kind, this.clockMs + Math.round(delayMs), arg, priority);
  }

  /** Schedules an event at absolute time `atMs` (rounded to an integer, not before now) and returns its handle. */
  scheduleAt(kind: number, atMs: number, arg = 0, priority = 0): number {
    if (!Number.isFinite(atMs)) {
      throw new Error(`Simulation.scheduleAt(${this.describeKind(kind)}): atMs must be finite, got ${atMs}`);
    }
    const roundedAtMs = Math.round(atMs);
    if (roundedAtMs < this.clockMs) {
      throw new Error(`Simulation.scheduleAt(${this.describeKind(kind)}): atMs ${atMs} is before now (${this.clockMs} ms)`);
    }
    return this.push(kind, roundedAtMs, arg, priority);
  }

  /** Cancels a pending event; returns false if it already fired, was cancelled, or the handle is unknown. */
  cancel(handle: number): boolean {
    return this.queue.cancel(handle);
  }

  /** Number of pending (scheduled, not yet fired, not cancelled) events. */
  pendingCount(): number {
    return this.queue.size;
  }

  /** Time of the next pending event, or Infinity when none is pending. */
  nextEventAtMs(): number {
    return this.queue.peekTimeMs();
  }

  /** Ends the current run() after the event being processed; it has no effect outside a run. */
  stop(): void {
    this.stopRequested = true;
  }

  /** Processes events in (time, priority, insertion) order until the queue drains, a limit is reached, or stop() is called. */
  run(limits: RunLimits): RunOutcome {
    const { horizonMs, maxEvents } = limits;
    const maxWork = limits.maxWork ?? Infinity;
    if (this.running) throw new Error("Simulation.run: already running (run() called from a handler)");
    // An integer horizon keeps nowMs an integer when the run ends at the horizon.
    if (!(Number.isInteger(horizonMs) || horizonMs === Infinity) || horizonMs < this.clockMs) {
      throw new Error(`Simulation.run: horizonMs must be an integer (or Infinity) >= now (${this.clockMs} ms), got ${horizonMs}`);
    }
    if (!(maxEvents >= 0) || (Number.isFinite(maxEvents) && !Number.isInteger(maxEvents))) {
      throw new Error(`Simulation.run: maxEvents must be a non-negative integer or Infinity, got ${maxEvents}`);
    }
    const queue = this.queue;
    const handlers = this.handlers;
    let processed = 0;
    let reason: StopReason;
    this.running = true;
    this.stopRequested = false;
    try {
      for (;;) {
        const nextMs = queue.peekTimeMs();
        if (nextMs === Infinity) {
          reason = "drained";
          break;
        }
        if (nextMs > horizonMs) {
          // Time passes up to the horizon even though nothing happens there, so a later
          // run() continues from where this one was told to look.
          this.clockMs = horizonMs;
          reason = "horizon";
          break;
        }
        if (processed >= maxEvents) {
          reason = "event-budget";
          break;
        }
        if (this.work >= maxWork) {
          reason = "work-budget";
          break;
        }
        queue.pop();
        this.clockMs = queue.poppedTimeMs;
        processed++;
        this.processedTotal++;
        this.work++;
        const handler = handlers[queue.poppedKind]!;
        handler(this, queue.poppedArg);
        this.afterEvent?.(this, queue.poppedKind);
        if (this.stopRequested) {
          reason = "stopped";
          break;
        }
      }
    } finally {
      this.running = false;
      this.stopRequested = false;
    }
    return { reason, eventsProcessed: processed, nowMs: this.clockMs };
  }

  /** Checks the kind and priority, then queues the event at an integer time. */
  private push(kind: number, atMs: number, arg: number, priority: number): number {
    if (this.handlers[kind] === undefined) throw new Error(`Simulation: unknown event kind ${kind}`);
    if (!Number.isInteger(priority) || priority < 0 || priority > PRIORITY_MAX) {
      throw new Error(`Simulation(${this.names[kind]}): priority must be an integer in [0, ${PRIORITY_MAX}], got ${priority}`);
    }
    if (!Number.isFinite(arg)) throw new Error(`Simulation(${this.names[kind]}): arg must be finite, got ${arg}`);
    return this.queue.push(atMs, priority, kind, arg);
  }

  /** Kind name for messages, tolerating unknown kinds. */
  private describeKind(kind: number): string {
    return this.names[kind] ?? `kind ${kind}`;
  }
}
