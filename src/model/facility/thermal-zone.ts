// The lumped thermal model of a hall: C·dT/dt = P − Q − UA·(T − T_out), with a controller that
// delivers Q = Qmax above the setpoint, Q = 0 below it, and just enough to hold the setpoint
// when it can. Between events P, Qmax and T_out are constant, so T(t) has a closed form and the
// time of any threshold crossing is solved exactly. Pure functions only.

/** What a zone is, between two events: heat in, the most cooling available, and its physics. */
export interface ZoneParams {
  /** IT (and other) heat released into the room, kW. */
  readonly heatKw: number;
  /** Most cooling the room can get right now, kW. */
  readonly coolingMaxKw: number;
  /** The controller holds the room here when it can, °C. */
  readonly setpointCelsius: number;
  readonly outsideCelsius: number;
  /** Effective thermal capacitance C (air, equipment and structure), kJ/K. */
  readonly capacitanceKjPerK: number;
  /** Loss conductance UA to the outside, kW/K (0 allowed). */
  readonly conductanceKwPerK: number;
}

/** A closed-form trajectory from a start temperature: hold, exponential approach or linear ramp, optionally clamped. */
export interface Trajectory {
  readonly kind: "hold" | "exp" | "linear";
  readonly startCelsius: number;
  /** Asymptote of the exponential (T_eq), °C. */
  readonly targetCelsius: number;
  /** Time constant τ = C/UA, seconds. */
  readonly tauSec: number;
  /** Slope of the linear ramp (UA = 0), K/s. */
  readonly slopeKPerSec: number;
  /** The setpoint where the controller catches the trajectory, or NaN when it never does. */
  readonly clampCelsius: number;
  /** Cooling delivered while not clamped, kW. */
  readonly coolingKw: number;
  /** Cooling delivered once clamped at the setpoint (or while holding), kW. */
  readonly holdCoolingKw: number;
}

const AT_SETPOINT_K = 1e-9;

/** Cooling needed to hold the setpoint exactly: P − UA·(T_set − T_out), kW (may be negative or above Qmax). */
export function holdingCoolingKw(p: ZoneParams): number {
  return p.heatKw - p.conductanceKwPerK * (p.setpointCelsius - p.outsideCelsius);
}

/** Equilibrium temperature with a constant cooling Q: T_out + (P − Q)/UA (±Infinity when UA = 0). */
export function equilibriumCelsius(p: ZoneParams, coolingKw: number): number {
  const net = p.heatKw - coolingKw;
  if (p.conductanceKwPerK > 0) return p.outsideCelsius + net / p.conductanceKwPerK;
  return net > 0 ? Number.POSITIVE_INFINITY : net < 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
}

function moving(p: ZoneParams, start: number, coolingKw: number, clamp: number, hold: number): Trajectory {
  if (p.conductanceKwPerK > 0) {
    return {
      kind: "exp", startCelsius: start, targetCelsius: equilibriumCelsius(p, coolingKw), tauSec: p.capacitanceKjPerK / p.conductanceKwPerK,
      slopeKPerSec: 0, clampCelsius: clamp, coolingKw, holdCoolingKw: hold,
    };
  }
  const slope = (p.heatKw - coolingKw) / p.capacitanceKjPerK;
  if (slope === 0) return holding(start, coolingKw);
  return { kind: "linear", startCelsius: start, targetCelsius: Number.NaN, tauSec: Number.POSITIVE_INFINITY, slopeKPerSec: slope, clampCelsius: clamp, coolingKw, holdCoolingKw: hold };
}

function holding(at: number, coolingKw: number): Trajectory {
  return { kind: "hold", startCelsius: at, targetCelsius: at, tauSec: Number.POSITIVE_INFINITY, slopeKPerSec: 0, clampCelsius: Number.NaN, coolingKw, holdCoolingKw: coolingKw };
}

/** The trajectory of a zone starting at `startCelsius` under constant parameters. */
export function trajectoryFrom(p: ZoneParams, startCelsius: number): Trajectory {
  const set = p.setpointCelsius;
  const qMax = Math.max(0, p.coolingMaxKw);
  const need = holdingCoolingKw(p);
  const holdQ = Math.min(qMax, Math.max(0, need));
  if (startCelsius > set + AT_SETPOINT_K) {
    // Full cooling; the controller catches the fall at the setpoint if full cooling would go below it.
    const falling = need < qMax;
    return moving(p, startCelsius, qMax, falling ? set : Number.NaN, holdQ);
  }
  if (startCelsius < set - AT_SETPOINT_K) {
    const rising = need > 0;
    return moving(p, startCelsius, 0, rising ? set : Number.NaN, holdQ);
  }
  if (need > qMax) return moving(p, set, qMax, Number.NaN, holdQ);
  if (need < 0) return moving(p, set, 0, Number.NaN, holdQ);
  return holding(set, need);
}

/** Temperature after `dtSec` seconds on a trajectory, °C. */
export function temperatureAfter(tr: Trajectory, dtSec: number): number {
  if (tr.kind === "hold" || dtSec <= 0) return tr.startCelsius;
  let t: number;
  if (tr.kind === "exp") {
    t = tr.startCelsius + (tr.targetCelsius - tr.startCelsius) * -Math.expm1(-dtSec / tr.tauSec);
  } else {
    t = tr.startCelsius + tr.slopeKPerSec * dtSec;
  }
  if (!Number.isNaN(tr.clampCelsius)) {
    t = isRising(tr) ? Math.min(t, tr.clampCelsius) : Math.max(t, tr.clampCelsius);
  }
  return t;
}

/** Whether the trajectory moves upwards. */
export function isRising(tr: Trajectory): boolean {
  if (tr.kind === "exp") return tr.targetCelsius > tr.startCelsius;
  if (tr.kind === "linear") return tr.slopeKPerSec > 0;
  return false;
}

/** Whether the trajectory moves downwards. */
export function isFalling(tr: Trajectory): boolean {
  if (tr.kind === "exp") return tr.targetCelsius < tr.startCelsius;
  if (tr.kind === "linear") return tr.slopeKPerSec < 0;
  return false;
}

/** Seconds until the trajectory reaches `thresholdCelsius` moving in its own direction; Infinity when it never does. */
export function crossingDelaySec(tr: Trajectory, thresholdCelsius: number): number {
  const from = tr.startCelsius;
  const up = isRising(tr);
  if (!up && !isFalling(tr)) return Number.POSITIVE_INFINITY;
  if (up ? thresholdCelsius <= from : thresholdCelsius >= from) return thresholdCelsius === from ? 0 : Number.POSITIVE_INFINITY;
  if (!Number.isNaN(tr.clampCelsius) && (up ? thresholdCelsius > tr.clampCelsius : thresholdCelsius < tr.clampCelsius)) return Number.POSITIVE_INFINITY;
  if (tr.kind === "linear") return (thresholdCelsius - from) / tr.slopeKPerSec;
  const gap = from - tr.targetCelsius;
  const ratio = (thresholdCelsius - from) / gap; // in (-1, 0) when reachable
  if (!(ratio > -1)) return Number.POSITIVE_INFINITY;
  return -tr.tauSec * Math.log1p(ratio);
}

/** Cooling delivered at a point of the trajectory (full, none, or the holding amount once clamped), kW. */
export function coolingAt(tr: Trajectory, celsius: number): number {
  if (tr.kind === "hold") return tr.holdCoolingKw;
  if (!Number.isNaN(tr.clampCelsius) && Math.abs(celsius - tr.clampCelsius) <= 1e-9) return tr.holdCoolingKw;
  return tr.coolingKw;
}

/** The temperature the zone would reach with no cooling at all from `startCelsius` after `dtSec`: an upper bound of any trajectory. */
export function noCoolingBoundCelsius(p: ZoneParams, startCelsius: number, dtSec: number): number {
  const tr = moving({ ...p, coolingMaxKw: 0 }, startCelsius, 0, Number.NaN, 0);
  return temperatureAfter(tr, dtSec);
}

/** Energy the cooling delivers over the first `dtSec` of a trajectory, counting only what exceeds `baseKw`, kJ. */
export function coolingEnergyKj(tr: Trajectory, dtSec: number, baseKw = 0): number {
  if (!(dtSec > 0)) return 0;
  const net = (q: number): number => Math.max(0, q - baseKw);
  if (tr.kind === "hold") return net(tr.holdCoolingKw) * dtSec;
  if (Number.isNaN(tr.clampCelsius)) return net(tr.coolingKw) * dtSec;
  const tc = crossingDelaySec(tr, tr.clampCelsius);
  if (!(tc < dtSec)) return net(tr.coolingKw) * dtSec;
  return net(tr.coolingKw) * tc + net(tr.holdCoolingKw) * (dtSec - tc);
}
