import type { Simulation } from "./simulation.js";

/**
 * One pending event of a kind and argument that is moved rather than added to: setting it to a new
 * time cancels the old event; setting it to the time it already has does nothing.
 */
export class Timer {
  private handle = -1;
  /** Time of the pending event, ms (Infinity when none). */
  atMs = Number.POSITIVE_INFINITY;

  constructor(private readonly sim: Simulation, private readonly kind: number, private readonly arg: number) {}

  /** Whether an event is pending. */
  get pending(): boolean {
    return this.handle >= 0;
  }

  /** Moves the event to `atMs` (Infinity: none pending). */
  setAt(atMs: number): void {
    if (atMs === this.atMs && this.handle >= 0) return;
    if (this.handle >= 0) this.sim.cancel(this.handle);
    this.handle = -1;
    this.atMs = atMs;
    if (Number.isFinite(atMs)) this.handle = this.sim.scheduleAt(this.kind, atMs, this.arg);
  }

  /** Called by the event's handler: nothing is pending any more. */
  fired(): void {
    this.handle = -1;
    this.atMs = Number.POSITIVE_INFINITY;
  }
}
