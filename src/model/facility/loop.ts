import type { PlantConfig } from "./config.js";

/**
 * A plant's chilled-water loop as one mixed water mass: C_w·dT_w/dt = Q_coils − Q_removed, where the
 * chillers (and storage) remove up to their supply and hold the water at its supply temperature when
 * they can. The coils' heat is taken as energy between settles (exact integrals of the halls'
 * closed-form trajectories), so the loop's energy balance has no integration error of its own.
 */
export class ChilledWaterLoop {
  /** Water temperature at the anchor, °C. */
  celsius: number;
  /** Time of the anchor, ms. */
  anchorMs = 0;
  /** Heat the chillers and storage can remove since the anchor, kW. */
  removalKw = 0;
  /** Rate of change since the anchor, K/s (for readers between settles). */
  rateKPerSec = 0;
  /** Whether the buffer tanks' valves are open (their water part of the loop). */
  bufferOpen = true;
  /** Temperature of the buffer tanks' water while their valves are closed, °C. */
  private bufferCelsius = Number.NaN;

  constructor(readonly config: PlantConfig["loop"]) {
    this.celsius = config.supplyCelsius;
  }

  /** Heat capacity of the water in the loop now, kJ/K. */
  capacitanceKjPerK(): number {
    return this.config.waterKjPerK + (this.bufferOpen ? this.config.bufferKjPerK : 0);
  }

  /** Takes `inKj` of heat from the coils since the anchor, removes what the plant could, and re-anchors at `nowMs`. */
  advance(nowMs: number, inKj: number): void {
    const dtSec = (nowMs - this.anchorMs) / 1000;
    if (dtSec > 0 || inKj !== 0) {
      const next = this.celsius + (inKj - this.removalKw * dtSec) / this.capacitanceKjPerK();
      this.celsius = Math.max(Math.min(this.celsius, this.config.supplyCelsius), next);
    }
    this.anchorMs = nowMs;
  }

  /** Closes (false) or opens (true) the buffer tanks' valves now; call right after {@link advance}. Opening mixes their water back in. */
  setBufferOpen(open: boolean): void {
    if (open === this.bufferOpen) return;
    if (!open) {
      this.bufferCelsius = this.celsius;
    } else if (this.config.bufferKjPerK > 0) {
      const w = this.config.waterKjPerK;
      const b = this.config.bufferKjPerK;
      this.celsius = (w * this.celsius + b * this.bufferCelsius) / (w + b);
    }
    this.bufferOpen = open;
  }

  /** Water temperature at `nowMs` (≥ anchor), °C: the anchor plus the rate, never below the supply temperature once there. */
  temperatureAt(nowMs: number): number {
    const t = this.celsius + (this.rateKPerSec * (nowMs - this.anchorMs)) / 1000;
    return this.celsius >= this.config.supplyCelsius ? Math.max(this.config.supplyCelsius, t) : t;
  }
}
