import type { LoadFlow } from "../core/propagation.js";
import type { TraceRecorder } from "../core/trace.js";
import { CircuitBreaker, type BreakerConfig } from "./circuit-breaker.js";
import { curveMultiplier, nextCurveChangeMs, type LoadCurve } from "./load-curve.js";
import { isConstant, MINUTES_PER_DAY, profileMultiplier, type LoadProfile } from "./load-profile.js";
import { DEFAULT_OVERLOAD, latencyMs, type OverloadModel } from "./overload.js";
import { admittedFraction } from "./rate-limit.js";
import { successWithRetries } from "./retries.js";
import { LoadSolver } from "./fixed-point.js";

/** An app's load and client behaviour, every default applied. */

/** The component of a demand transition: the root of what the apps' own load does with no fault behind it. */
export const DEMAND_COMPONENT = "load-demand";

function formatRps(rps: number): string {
  return Math.round(rps).toLocaleString("en-US");
}

export interface LoadAppConfig {
  readonly id: string;
  readonly users: number;
  readonly peakRps: number;
  readonly profile: LoadProfile;
  readonly retries: number;
  readonly timeoutMs: number;
  readonly baseLatencyMs: number;
  readonly breaker: BreakerConfig | undefined;
  readonly rateLimitPerUserPerMinute: number | undefined;
  /** Services each attempt calls: the app's hard dependencies. */
  readonly calls: readonly string[];
}

/** A service's load capacity. */
export interface LoadServiceConfig {
  readonly id: string;
  readonly capacityRps: number;
  readonly overload: OverloadModel;
}

/** What the flow is built from. */
export interface AppLoadFlowConfig {
  readonly apps: readonly LoadAppConfig[];
  readonly services: readonly LoadServiceConfig[];
  /** Local time of day at simulated time 0, for the daily profiles. */
  readonly startOfDayMs: number;
  /** While load changes continuously (a profile's slope, a surge's ramp), it is re-solved this often. */
  readonly stepMs: number;
}

/** A load event in force: a surge (a multiplier curve) or a reconnect storm (extra requests per second for a while). */
interface LoadEvent {
  readonly key: string;
  readonly app: string;
  readonly startMs: number;
  readonly curve: LoadCurve | undefined;
  readonly extraRps: number;
  readonly endMs: number;
  readonly cause: number;
}

/** A change of load brought from outside: a fault or an operator action. */
export type LoadChange =
  | { readonly kind: "surge"; readonly key: string; readonly app: string; readonly curve: LoadCurve }
  | { readonly kind: "storm"; readonly key: string; readonly app: string; readonly extraRps: number; readonly forMs: number }
  | { readonly kind: "end"; readonly key: string }
  | { readonly kind: "limit"; readonly app: string; readonly fraction: number }
  | { readonly kind: "capacity"; readonly service: string; readonly capacityRps: number };

/** A point of an app's offered load over time, for counting failed requests. */
export interface RpsPoint {
  readonly atMs: number;
  readonly rps: number;
}

const EPSILON = 1e-9;

/** Supply of a service that has no load model: more than any offered load. */
const UNBOUNDED_RPS = 1e15;

/** Metrics an app with a load model reports, as app.<id>.<name>. */
export const LOAD_APP_METRICS: readonly string[] = ["offeredRps", "admittedRps", "latencyMs", "attemptFailure", "breakerOpen"];

/** Metrics a service with a capacity in requests per second reports, as service.<id>.<name>. */
export const LOAD_SERVICE_METRICS: readonly string[] = ["offeredRps", "goodputRps", "capacityRps", "utilization"];

/**
 * Offered load, retries, breakers and overload over the region's services, as a {@link LoadFlow}: each instant it
 * rebuilds the apps' request rates, solves the load fixed point from the previous state (so a collapse can persist:
 * metastability), and answers the network with what each service serves and each app's success.
 *
 * Apps are indexed in the order they were configured and called services in the order apps first call them; the
 * numbers of an instant live in the {@link LoadSolver}'s arrays, so re-solving every simulated minute allocates nothing.
 */
export class AppLoadFlow implements LoadFlow {
  private readonly apps: readonly LoadAppConfig[];
  private readonly appIndex = new Map<string, number>();
  /** The services with a capacity in requests per second, as configured, and where each sits among the called ones (-1: not called). */
  private readonly services: readonly LoadServiceConfig[];
  private readonly serviceIndex = new Map<string, number>();
  private readonly calledIndexOf: Int32Array;
  /** Per called service: its index among the modelled services, -1 when it has no load model. */
  private readonly modelledOf: Int32Array;
  private readonly called: readonly string[];
  /** Per app: the called-service index of each of its calls. */
  private readonly callsOf: readonly Int32Array[];
  private readonly capacityRps: Float64Array;
  private readonly limits: Float64Array;
  private readonly breakers: readonly (CircuitBreaker | undefined)[];
  /** When each open breaker wants to be looked at again (NaN: no wake). */
  private readonly breakerWakes: Float64Array;
  /** The demand transition recorded at {@link demandAtMs}, if any. */
  private demandId = -1;
  private demandAtMs = -1;
  /** Each breaker's latest transition (the cause of the next one it makes on its own timer). */
  private readonly breakerLast: (number | undefined)[] = [];
  private readonly events: LoadEvent[] = [];
  private readonly history: RpsPoint[][];
  private readonly solver: LoadSolver;
  /** What the last solve was given, to skip solving again when nothing the load sees has changed. */
  private readonly lastInputs: Float64Array;
  private readonly serviceAnswer: Float64Array;
  private readonly appAnswer: Float64Array;
  /** Whether the load has been solved once (before that, no service has an offered load or a supply). */
  private solved = false;
  /** Whether some app's daily profile moves, so the load changes by itself. */
  private readonly profilesMove: boolean;
  /** Causes of the load changes applied since the last solve; they explain what that solve changes, and only that. */
  private pendingCauses: number[] = [];
  private latestCauses: number[] = [];

  constructor(private readonly config: AppLoadFlowConfig, private readonly trace: TraceRecorder) {
    this.apps = config.apps;
    this.services = config.services;
    config.apps.forEach((app, a) => this.appIndex.set(app.id, a));
    config.services.forEach((service, s) => this.serviceIndex.set(service.id, s));
    const called = new Set<string>();
    for (const app of config.apps) for (const s of app.calls) called.add(s);
    this.called = [...called];
    this.calledIndexOf = new Int32Array(config.services.length).fill(-1);
    this.modelledOf = new Int32Array(this.called.length).fill(-1);
    this.called.forEach((id, c) => {
      const s = this.serviceIndex.get(id);
      if (s !== undefined) {
        this.calledIndexOf[s] = c;
        this.modelledOf[c] = s;
      }
    });
    this.callsOf = config.apps.map((app) => Int32Array.from(app.calls, (id) => this.called.indexOf(id)));
    this.solver = new LoadSolver(
      config.apps.map((app) => ({ id: app.id, maxRetries: app.retries, calls: app.calls })),
      this.called.map((id) => ({ id, model: config.services[this.serviceIndex.get(id) ?? -1]?.overload ?? DEFAULT_OVERLOAD })),
    );
    this.capacityRps = Float64Array.from(config.services, (s) => s.capacityRps);
    this.limits = new Float64Array(config.apps.length).fill(1);
    this.breakers = config.apps.map((app) => (app.breaker === undefined ? undefined : new CircuitBreaker(app.breaker)));
    this.breakerWakes = new Float64Array(config.apps.length).fill(Number.NaN);
    this.history = config.apps.map(() => []);
    this.solver.admitted.fill(1);
    this.lastInputs = new Float64Array(2 * (config.apps.length + this.called.length));
    this.serviceAnswer = new Float64Array(config.services.length).fill(1);
    this.appAnswer = new Float64Array(config.apps.length).fill(1e6);
    this.profilesMove = config.apps.some((app) => !isConstant(app.profile));
  }

  /** Whether an app has a load model. */
  hasApp(id: string): boolean {
    return this.appIndex.has(id);
  }

  /** Applies a load change at `nowMs`, caused by trace transition `cause`. */
  apply(change: LoadChange, nowMs: number, cause: number): void {
    this.pendingCauses.push(cause);
    switch (change.kind) {
      case "surge":
        this.events.push({ key: change.key, app: change.app, startMs: nowMs, curve: change.curve, extraRps: 0, endMs: Infinity, cause });
        break;
      case "storm":
        this.events.push({ key: change.key, app: change.app, startMs: nowMs, curve: undefined, extraRps: change.extraRps, endMs: nowMs + change.forMs, cause });
        break;
      case "end": {
        const i = this.events.findIndex((e) => e.key === change.key);
        if (i >= 0) this.events.splice(i, 1);
        break;
      }
      case "limit": {
        const a = this.appIndex.get(change.app);
        if (a !== undefined) this.limits[a] = change.fraction;
        break;
      }
      case "capacity": {
        const s = this.serviceIndex.get(change.service);
        if (s !== undefined) this.capacityRps[s] = change.capacityRps;
        break;
      }
    }
  }

  /** The app's offered load (users' requests per second, before admission) over time. */
  rpsHistory(app: string): readonly RpsPoint[] {
    const a = this.appIndex.get(app);
    return a === undefined ? [] : (this.history[a] as RpsPoint[]);
  }

  private requestRate(app: LoadAppConfig, nowMs: number): number {
    const minuteOfDay = ((this.config.startOfDayMs + nowMs) / 60_000) % MINUTES_PER_DAY;
    let rps = app.peakRps * profileMultiplier(app.profile, minuteOfDay);
    for (const e of this.events) {
      if (e.app !== app.id || nowMs < e.startMs || nowMs >= e.endMs) continue;
      if (e.curve !== undefined) rps *= curveMultiplier(e.curve, nowMs - e.startMs);
      else rps += e.extraRps;
    }
    return rps;
  }

  /** When the load next changes by itself: a storm's end, a breaker's timer, or the next step while it is moving. */
  private nextChange(nowMs: number): number | undefined {
    let next = Infinity;
    let moving = this.profilesMove;
    for (const e of this.events) {
      if (e.endMs > nowMs && e.endMs < next) next = e.endMs;
      if (e.curve !== undefined && Number.isFinite(nextCurveChangeMs(e.curve, nowMs - e.startMs))) moving = true;
    }
    if (moving) next = Math.min(next, nowMs + this.config.stepMs);
    return Number.isFinite(next) ? next : undefined;
  }

  /** Writes this instant's inputs into the solver; returns whether they differ from those of the last solve. */
  private loadInputs(nowMs: number, availability: (id: string) => number): boolean {
    const { solver, lastInputs } = this;
    let changed = !this.solved;
    let k = 0;
    for (let a = 0; a < this.apps.length; a++) {
      const app = this.apps[a] as LoadAppConfig;
      const rps = this.requestRate(app, nowMs);
      const rate = app.rateLimitPerUserPerMinute === undefined ? 1 : admittedFraction(rps, app.users, app.rateLimitPerUserPerMinute);
      const admitted = (this.limits[a] as number) * rate * (this.breakers[a]?.admitted() ?? 1);
      solver.baseRps[a] = rps;
      solver.admitted[a] = admitted;
      if (lastInputs[k] !== rps || lastInputs[k + 1] !== admitted) changed = true;
      lastInputs[k++] = rps;
      lastInputs[k++] = admitted;
    }
    for (let c = 0; c < this.called.length; c++) {
      const s = this.modelledOf[c] as number;
      const available = Math.max(0, availability(this.called[c] as string));
      // A service without capacityRps is never overloaded: its supply is beyond any load.
      const supply = s < 0 ? UNBOUNDED_RPS : (this.capacityRps[s] as number) * available;
      const used = s < 0 ? available : available > 0 ? 1 : 0;
      solver.supplyRps[c] = supply;
      solver.availability[c] = used;
      if (lastInputs[k] !== supply || lastInputs[k + 1] !== used) changed = true;
      lastInputs[k++] = supply;
      lastInputs[k++] = used;
    }
    return changed;
  }

  private solveOnce(nowMs: number, availability: (id: string) => number): void {
    const changed = this.loadInputs(nowMs, availability);
    const solver = this.solver;
    // No service can be overloaded: each app's attempts fail exactly as often as its services are unavailable.
    if (this.services.length === 0) {
      for (let a = 0; a < this.apps.length; a++) {
        let attempt = 1;
        for (const c of this.callsOf[a] as Int32Array) attempt *= solver.availability[c] as number;
        solver.attempt[a] = attempt;
        solver.failure[a] = 1 - attempt;
      }
      this.solved = true;
      return;
    }
    // The same inputs from the same state give the same fixed point: most instants change nothing the load sees.
    if (!changed) return;
    solver.solve();
    this.solved = true;
  }

  /** Feeds each breaker the failure its app's attempts see; returns the breakers that changed state. */
  private observeBreakers(nowMs: number): string[] {
    const changed: string[] = [];
    for (let a = 0; a < this.apps.length; a++) {
      const breaker = this.breakers[a];
      if (breaker === undefined) continue;
      const id = (this.apps[a] as LoadAppConfig).id;
      const before = breaker.state;
      const failure = this.solver.failure[a] as number;
      const observation = breaker.observe(nowMs, failure);
      this.breakerWakes[a] = observation.wakeAtMs ?? Number.NaN;
      if (!observation.changed) continue;
      // A breaker that moves on its own timer (open → half-open) is caused by its own opening, so every chain still
      // reaches the fault or the step that opened it.
      const own = this.breakerLast[a];
      const causes = this.latestCauses.filter((c) => c < this.trace.size);
      const transition = this.trace.record({
        atMs: nowMs,
        component: `${id}-breaker`,
        layer: "app",
        from: before,
        to: breaker.state,
        aspect: "breaker",
        atWork: breaker.state === "closed",
        causes: causes.length > 0 ? causes : own !== undefined ? [own] : [this.demandCause(nowMs)],
        detail: breaker.state === "open" ? `circuit breaker of ${id} opens at ${Math.round(failure * 100)}% failed attempts: requests fail fast` : breaker.state === "half-open" ? `circuit breaker of ${id} lets probes through` : `circuit breaker of ${id} closes`,
      });
      this.latestCauses = [transition];
      this.breakerLast[a] = transition;
      changed.push(id);
    }
    return changed;
  }

  private breakerWake(): number | undefined {
    let wake = Infinity;
    for (const at of this.breakerWakes) if (at < wake) wake = at;
    return Number.isFinite(wake) ? wake : undefined;
  }

  solve(nowMs: number, availability: (id: string) => number): { readonly changed: readonly string[]; readonly nextAtMs: number | undefined } {
    // What this solve changes is caused by the changes applied since the last one and by the surges and storms in force.
    if (this.pendingCauses.length > 0 || this.events.length > 0) {
      const inForce = this.events.filter((e) => e.startMs <= nowMs && nowMs < e.endMs).map((e) => e.cause);
      this.latestCauses = [...new Set([...this.pendingCauses, ...inForce])].sort((a, b) => a - b);
      this.pendingCauses = [];
    } else if (this.latestCauses.length > 0) {
      this.latestCauses = [];
    }
    this.solveOnce(nowMs, availability);
    // A breaker that changes state changes what its app sends: solve again at the same instant (a bounded number of times).
    for (let round = 0; round < 3 && this.observeBreakers(nowMs).length > 0; round++) this.solveOnce(nowMs, availability);
    const changed: string[] = [];
    const solver = this.solver;
    for (let s = 0; s < this.services.length; s++) {
      const c = this.calledIndexOf[s] as number;
      const answer = c < 0 ? 1 : (solver.success[c] as number);
      if (Math.abs(answer - (this.serviceAnswer[s] as number)) > EPSILON) changed.push((this.services[s] as LoadServiceConfig).id);
      this.serviceAnswer[s] = answer;
    }
    for (let a = 0; a < this.apps.length; a++) {
      const key = (solver.admitted[a] as number) * 1e6 + (solver.failure[a] as number);
      if (Math.abs(key - (this.appAnswer[a] as number)) > EPSILON) changed.push((this.apps[a] as LoadAppConfig).id);
      this.appAnswer[a] = key;
      const history = this.history[a] as RpsPoint[];
      const rps = solver.baseRps[a] as number;
      const last = history[history.length - 1];
      if (last === undefined || Math.abs(last.rps - rps) > EPSILON) history.push({ atMs: nowMs, rps });
    }
    const next = this.nextChange(nowMs) ?? Infinity;
    const wake = this.breakerWake() ?? Infinity;
    const nextAtMs = Math.min(next > nowMs ? next : Infinity, wake > nowMs ? wake : Infinity);
    return { changed, nextAtMs: Number.isFinite(nextAtMs) ? nextAtMs : undefined };
  }

  serviceCapacity(id: string, availability: number): number | undefined {
    const s = this.serviceIndex.get(id);
    if (s === undefined) return undefined;
    if (availability <= 0) return 0;
    return this.serviceAnswer[s] as number;
  }

  appSuccess(id: string, attemptSuccess: number): number | undefined {
    const a = this.appIndex.get(id);
    if (a === undefined) return undefined;
    return (this.solver.admitted[a] as number) * successWithRetries(attemptSuccess, (this.apps[a] as LoadAppConfig).retries);
  }

  causes(): readonly number[] {
    return this.latestCauses;
  }

  demandCause(nowMs: number): number {
    if (this.demandAtMs === nowMs) return this.demandId;
    const rates = this.apps.map((app, a) => `${app.id} ${formatRps(this.solver.baseRps[a] as number)} req/s`).join(", ");
    this.demandId = this.trace.record({ atMs: nowMs, component: DEMAND_COMPONENT, layer: "app", from: "steady", to: "changed", aspect: "lifecycle", atWork: false, causes: [], detail: `the apps' own demand (their daily profiles), no fault: ${rates}` });
    this.demandAtMs = nowMs;
    return this.demandId;
  }

  /** Offered load of called service `c` in the last solve (0 before the first). */
  private offeredOf(c: number): number {
    return this.solved && this.services.length > 0 ? (this.solver.offered[c] as number) : 0;
  }

  private appLatency(a: number): number {
    const app = this.apps[a] as LoadAppConfig;
    let latency = app.baseLatencyMs;
    if (!this.solved) return latency;
    for (const c of this.callsOf[a] as Int32Array) {
      if ((this.modelledOf[c] as number) < 0) continue;
      latency = Math.max(latency, latencyMs(this.offeredOf(c), this.solver.supplyRps[c] as number, app.baseLatencyMs, app.timeoutMs));
    }
    return latency;
  }

  private serviceMetric(s: number, name: string): number | undefined {
    const c = this.calledIndexOf[s] as number;
    const capacity = this.capacityRps[s] as number;
    switch (name) {
      case "offeredRps": return c < 0 ? 0 : this.offeredOf(c);
      case "goodputRps": return c < 0 || !this.solved ? 0 : (this.solver.goodput[c] as number);
      case "capacityRps": return capacity;
      case "utilization": {
        const offered = c < 0 ? 0 : this.offeredOf(c);
        const supply = c < 0 || !this.solved ? capacity : (this.solver.supplyRps[c] as number);
        return supply > 0 ? offered / supply : offered > 0 ? Infinity : 0;
      }
      default: return undefined;
    }
  }

  metric(id: string, name: string): number | undefined {
    const a = this.appIndex.get(id);
    if (a !== undefined) {
      const app = this.apps[a] as LoadAppConfig;
      const rps = this.solved ? (this.solver.baseRps[a] as number) : app.peakRps;
      switch (name) {
        case "offeredRps": return rps;
        case "admittedRps": return rps * (this.solver.admitted[a] as number);
        case "latencyMs": return this.appLatency(a);
        case "attemptFailure": return this.solver.failure[a] as number;
        case "breakerOpen": return this.breakers[a]?.state === "open" ? 1 : 0;
        default: return undefined;
      }
    }
    const s = this.serviceIndex.get(id);
    return s === undefined ? undefined : this.serviceMetric(s, name);
  }

  metrics(id: string): Readonly<Record<string, number>> | undefined {
    const names = this.appIndex.has(id) ? LOAD_APP_METRICS : this.serviceIndex.has(id) ? LOAD_SERVICE_METRICS : undefined;
    if (names === undefined) return undefined;
    const out: Record<string, number> = {};
    for (const name of names) out[name] = this.metric(id, name) as number;
    return out;
  }
}
