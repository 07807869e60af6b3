import type { CauseLog, CauseChannel } from "../core/cause-log.js";
import type { Timer } from "../../engine/timer.js";
import type { HallConfig } from "./config.js";
import { HALL_LABEL_CELSIUS, HALL_LABEL_HYSTERESIS_K } from "./defaults.js";
import { coolingAt, coolingEnergyKj, crossingDelaySec, temperatureAfter, trajectoryFrom, type Trajectory, type ZoneParams } from "./thermal-zone.js";

/** Cooling availability of a hall, as a trace label. */
export type CoolingLabel = "full" | "reduced" | "none";

/** Label of hall temperature band k (0 = "normal", k = "above HALL_LABEL_CELSIUS[k−1] °C"). */
export function hallLabel(k: number): string {
  return k === 0 ? "normal" : `above ${HALL_LABEL_CELSIUS[k - 1] as number} °C`;
}

/** Rank of a cooling label: none < reduced < full. */
export const COOLING_RANK: Readonly<Record<CoolingLabel, number>> = { none: 0, reduced: 1, full: 2 };

/** The threshold of hall temperature band k, °C (0 for "normal"): the band's rank on the temperature line. */
export function hallBandCelsius(k: number): number {
  return k === 0 ? 0 : (HALL_LABEL_CELSIUS[k - 1] as number);
}

/** A hall: its thermal state between events (anchor + closed-form trajectory) and its operational flags. */
export class Hall {
  /** Time of the anchor, ms. */
  anchorMs = 0;
  /** Temperature at the anchor, °C. */
  anchorCelsius: number;
  /** Parameters in force since the anchor. */
  params: ZoneParams;
  /** Trajectory since the anchor. */
  trajectory: Trajectory;
  /** Current temperature band (index into the labels). */
  bandIndex = 0;
  /** Highest hall temperature seen, °C. */
  peakCelsius: number;
  /** CRAH units failed. */
  crahFailed = 0;
  /** Emergency / auxiliary cooling added by operators, kW. */
  auxCoolingKw = 0;
  /** IT power switched off by an operator. */
  itSwitchedOff = false;
  /** CRAH units locked out (stopped units that refused to restart in hot return air). */
  crahLocked = 0;
  /** Outside-air ventilation opened by operators, kW/K. */
  ventilationKwPerK = 0;
  /** A suppression discharge holds the hall down (air handlers stopped, power cabinets out) until released. */
  suppressed = false;
  /** Actions armed to run when the hall air first reaches a temperature (heat-triggered room events). */
  readonly triggers: { readonly celsius: number; readonly fire: () => void }[] = [];
  /** Auxiliary cooling in force since the anchor (not drawn from the loop), kW. */
  private auxInForceKw = 0;
  /** Coil heat taken from the hall since the loop last took it, up to `accountedMs`, kJ. */
  private coilKj = 0;
  private accountedMs = 0;
  /** Cooling label last recorded, and the most cooling then, kW. */
  coolingLabel: CoolingLabel = "full";
  recordedCoolingMaxKw = Number.NaN;
  /** The hall's cooling changes (latest: its last cooling transition). */
  readonly cooling: CauseChannel;
  /** Changes of its heat load by an outside cause (operators, power, failures). */
  readonly load: CauseChannel;
  /** Its temperature-band transitions. */
  readonly band: CauseChannel;
  /** Changes to what reaches the hall's air (CRAH units, their power, auxiliary cooling), pending while settling. */
  readonly supply: CauseChannel;
  /** Cluster indexes in this hall. */
  readonly clusters: number[] = [];
  /** Largest rack inlet offset, °C. */
  readonly maxOffsetCelsius: number;

  /**
   * Creates the hall at its setpoint with the drawn per-rack offsets. `feed` and `crahFeed` are the
   * power feeds (indexes; −1: not modelled) of its IT load and of its CRAH fans; `timer` is its one
   * pending thermal event.
   */
  constructor(
    readonly config: HallConfig, readonly index: number, readonly plantIndex: number, readonly rackOffsets: Float32Array, outsideCelsius: number,
    readonly feed: number, readonly crahFeed: number, log: CauseLog, readonly timer: Timer,
  ) {
    this.cooling = log.channel();
    this.load = log.channel();
    this.band = log.channel();
    this.supply = log.channel();
    this.anchorCelsius = config.setpointCelsius;
    this.peakCelsius = config.setpointCelsius;
    this.params = {
      heatKw: 0, coolingMaxKw: 0, setpointCelsius: config.setpointCelsius, outsideCelsius,
      capacitanceKjPerK: config.thermalCapacitanceKjPerK, conductanceKwPerK: config.lossConductanceKwPerK,
    };
    this.trajectory = trajectoryFrom(this.params, this.anchorCelsius);
    let max = Number.NEGATIVE_INFINITY;
    for (const o of rackOffsets) if (o > max) max = o;
    this.maxOffsetCelsius = rackOffsets.length > 0 ? max : 0;
  }

  /** Hall air temperature at `nowMs` (≥ anchor), °C. */
  temperatureAt(nowMs: number): number {
    return temperatureAfter(this.trajectory, (nowMs - this.anchorMs) / 1000);
  }

  /** Cooling delivered at `nowMs`, kW. */
  coolingAtMs(nowMs: number): number {
    return coolingAt(this.trajectory, this.temperatureAt(nowMs));
  }

  /** Heat the hall's coils passed to the chilled water since the last call (not the auxiliary cooling), kJ. */
  takeCoilKj(nowMs: number): number {
    this.account(nowMs);
    const kj = this.coilKj;
    this.coilKj = 0;
    return kj;
  }

  private account(nowMs: number): void {
    const from = Math.max(this.accountedMs, this.anchorMs);
    if (nowMs > from) {
      this.coilKj += coolingEnergyKj(this.trajectory, (nowMs - this.anchorMs) / 1000, this.auxInForceKw) - coolingEnergyKj(this.trajectory, (from - this.anchorMs) / 1000, this.auxInForceKw);
    }
    this.accountedMs = Math.max(this.accountedMs, nowMs);
  }

  /** Moves the anchor to `nowMs` and applies new parameters from there (`auxKw` of the cooling is auxiliary, not from the loop). */
  rebase(nowMs: number, params: ZoneParams, auxKw = this.auxInForceKw): void {
    this.account(nowMs);
    this.auxInForceKw = auxKw;
    const t = this.temperatureAt(nowMs);
    if (t > this.peakCelsius) this.peakCelsius = t;
    this.anchorMs = nowMs;
    this.anchorCelsius = t;
    this.params = params;
    this.trajectory = trajectoryFrom(params, t);
  }

  /** Earliest integer ms at which the hall reaches `celsius` on the current trajectory (Infinity when never). */
  crossingMs(celsius: number): number {
    const sec = crossingDelaySec(this.trajectory, celsius);
    if (!Number.isFinite(sec) || sec > 1e10) return Number.POSITIVE_INFINITY;
    return this.anchorMs + Math.ceil(sec * 1000);
  }

  /** Temperature at which the band goes up next (Infinity at the top). */
  nextBandUpCelsius(): number {
    return this.bandIndex < HALL_LABEL_CELSIUS.length ? (HALL_LABEL_CELSIUS[this.bandIndex] as number) : Number.POSITIVE_INFINITY;
  }

  /** Temperature at which the band goes down next (−Infinity at the bottom). */
  nextBandDownCelsius(): number {
    return this.bandIndex > 0 ? (HALL_LABEL_CELSIUS[this.bandIndex - 1] as number) - HALL_LABEL_HYSTERESIS_K : Number.NEGATIVE_INFINITY;
  }

  /** The band for a temperature, given the current band (hysteresis on the way down). */
  bandFor(celsius: number): number {
    let b = this.bandIndex;
    while (b < HALL_LABEL_CELSIUS.length && celsius >= (HALL_LABEL_CELSIUS[b] as number) - 1e-9) b++;
    while (b > 0 && celsius < (HALL_LABEL_CELSIUS[b - 1] as number) - HALL_LABEL_HYSTERESIS_K - 1e-9) b--;
    return b;
  }
}
