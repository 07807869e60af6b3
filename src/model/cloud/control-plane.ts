import type { BehaviorControl, BehaviorInputs, ServiceBehavior } from "../core/propagation.js";
import { Waker, clamp01, formatOffset, meanCapacity } from "./common.js";
import type { ControlPlaneInput } from "./config.js";

/** Defaults of the control-plane kind (docs/model/cloud.md §Control plane). */
export const CONTROL_PLANE_DEFAULTS = {
  headroom: 2,
} as const;

/**
 * A region's control plane / API (console, instance purchase, scaling). It can serve `headroom` times its normal
 * load when all its clusters are up; demand rises by `loadMultiplier` when customers rush to re-create resources
 * (automatically for `rush.lasts` after a watched component goes down, or by a cloud:api-rush fault), and it then
 * serves supply/demand of requests. Capacity that starts while a `startupDependsOn` component is down cannot come
 * up: recovered servers and scale-outs wait until the dependency is back.
 */
export class ControlPlaneBehavior implements ServiceBehavior {
  readonly inputs: readonly string[];
  private readonly clusters: readonly string[];
  private readonly startupDeps: readonly string[];
  private readonly rush: { whenDown: readonly string[]; loadMultiplier: number; lasts: number } | undefined;
  private readonly headroom: number;
  private readonly waker = new Waker();
  private readonly faultRushes: number[] = [];
  private frozenBase: number | undefined;
  private activeExtra = 0;
  private pendingExtra = 0;
  private rushUntilMs = -1;
  private watchedDown = false;
  private load = 1;
  private supply = 1;
  private capacity = 1;
  private depsDown = false;
  private autoRushOn = false;

  constructor(readonly id: string, input: ControlPlaneInput) {
    this.clusters = input.clusters;
    this.startupDeps = input.startupDependsOn ?? [];
    this.rush = input.rush;
    this.headroom = input.headroom ?? CONTROL_PLANE_DEFAULTS.headroom;
    this.inputs = [...new Set([...this.clusters, ...this.startupDeps, ...(input.rush?.whenDown ?? [])])];
  }

  /** Adds a demand surge (a fault) of `loadMultiplier` × normal load until {@link endRush}. */
  startRush(loadMultiplier: number): void {
    this.faultRushes.push(loadMultiplier);
  }

  /** Ends one surge started by {@link startRush}; false when none with that multiplier is active. */
  endRush(loadMultiplier: number): boolean {
    const i = this.faultRushes.indexOf(loadMultiplier);
    if (i < 0) return false;
    this.faultRushes.splice(i, 1);
    return true;
  }

  /** Adds capacity (`extra` × the normal supply); it comes up only while no start-up dependency is down. */
  scaleOut(extra: number): void {
    this.pendingExtra += extra;
  }

  /** Capacity = min(1, headroom × usable cluster capacity × (1 + added) / load multiplier). */
  evaluate(inputs: BehaviorInputs, control: BehaviorControl): number {
    const now = inputs.nowMs;
    let base = meanCapacity(this.clusters, inputs);
    this.depsDown = this.startupDeps.some((id) => inputs.health(id) === "down");
    if (this.depsDown) {
      // Servers that stop may not start again: the usable base only goes down while a start-up dependency is out.
      this.frozenBase = Math.min(this.frozenBase ?? base, base);
      base = this.frozenBase;
    } else {
      this.frozenBase = base;
      this.activeExtra += this.pendingExtra;
      this.pendingExtra = 0;
    }
    if (this.rush !== undefined) {
      const down = this.rush.whenDown.some((id) => inputs.health(id) === "down");
      if (down && !this.watchedDown) this.rushUntilMs = now + this.rush.lasts;
      this.watchedDown = down;
      if (this.rushUntilMs > now) this.waker.at(this.rushUntilMs, now, control);
    }
    this.autoRushOn = this.rush !== undefined && this.rushUntilMs > now;
    const autoRush = this.rush !== undefined && this.autoRushOn ? this.rush.loadMultiplier : 1;
    this.load = Math.max(1, autoRush, ...this.faultRushes);
    this.supply = this.headroom * base * (1 + this.activeExtra);
    this.capacity = clamp01(this.supply / this.load);
    return this.capacity;
  }

  /** loadMultiplier, supply (in normal loads), throttledFraction, pendingCapacity. */
  metrics(): Readonly<Record<string, number>> {
    return { loadMultiplier: this.load, supply: this.supply, throttledFraction: 1 - this.capacity, pendingCapacity: this.pendingExtra };
  }

  /** e.g. "overloaded: demand 10× normal, throttling 80%". */
  describe(): string {
    const parts: string[] = [];
    if (this.load > 1) parts.push(`demand ${Math.round(this.load * 10) / 10}× normal${this.autoRushOn ? ` until ${formatOffset(this.rushUntilMs)}` : ""}`);
    if (this.capacity < 1) parts.push(`throttling ${Math.round((1 - this.capacity) * 100)}% of requests`);
    if (this.depsDown) parts.push("new capacity cannot start (start-up dependency down)");
    return parts.length === 0 ? "serving" : parts.join(", ");
  }
}
