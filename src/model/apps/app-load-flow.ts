import type { LoadFlow } from "../core/propagation.js";
import type { TraceRecorder } from "../core/trace.js";
import { CircuitBreaker, type BreakerConfig } from "./circuit-breaker.js";
import { curveMultiplier, nextCurveChangeMs, type LoadCurve } from "./load-curve.js";
import { isConstant, MINUTES_PER_DAY, profileMultiplier, type LoadProfile } from "./load-profile.js";
import { DEFAULT_OVERLOAD, latencyMs, type OverloadModel } from "./overload.js";
import { admittedFraction } from "./rate-limit.js";
import { successWithRetries } from "./retries.js";
import { HEALTHY_LOAD_STATE, solveLoad, type LoadApp, type LoadService, type LoadSolution, type LoadState } from "./fixed-point.js";

/** An app's load and client behaviour, every default applied. */
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
/** Whether two lists of numbers are equal, entry by entry. */
function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

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
 */
export class AppLoadFlow implements LoadFlow {
  private readonly apps = new Map<string, LoadAppConfig>();
  private readonly services = new Map<string, LoadServiceConfig>();
  private readonly capacityRps = new Map<string, number>();
  private readonly limits = new Map<string, number>();
  private readonly breakers = new Map<string, CircuitBreaker>();
  /** When each open breaker wants to be looked at again. */
  private readonly breakerWakes = new Map<string, number>();
  private readonly events: LoadEvent[] = [];
  private readonly history = new Map<string, RpsPoint[]>();
  private state: LoadState = HEALTHY_LOAD_STATE;
  private solution: LoadSolution | undefined;
  private readonly baseRps = new Map<string, number>();
  private readonly admitted = new Map<string, number>();
  private readonly supply = new Map<string, number>();
  private readonly serviceAnswer = new Map<string, number>();
  private readonly appAnswer = new Map<string, number>();
  /** Causes of the load changes applied since the last solve; they explain what that solve changes, and only that. */
  private pendingCauses: number[] = [];
  private latestCauses: number[] = [];
  /** What the last solve was given, to skip solving again when nothing the load sees has changed. */
  private lastInputs: number[] | undefined;

  constructor(private readonly config: AppLoadFlowConfig, private readonly trace: TraceRecorder) {
    for (const app of config.apps) {
      this.apps.set(app.id, app);
      this.history.set(app.id, []);
      if (app.breaker !== undefined) this.breakers.set(app.id, new CircuitBreaker(app.breaker));
    }
    for (const service of config.services) {
      this.services.set(service.id, service);
      this.capacityRps.set(service.id, service.capacityRps);
    }
  }

  /** Whether an app has a load model. */
  hasApp(id: string): boolean {
    return this.apps.has(id);
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
      case "limit":
        this.limits.set(change.app, change.fraction);
        break;
      case "capacity":
        this.capacityRps.set(change.service, change.capacityRps);
        break;
    }
  }

  /** The app's offered load (users' requests per second, before admission) over time. */
  rpsHistory(app: string): readonly RpsPoint[] {
    return this.history.get(app) ?? [];
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
    let moving = false;
    for (const app of this.apps.values()) if (!isConstant(app.profile)) moving = true;
    for (const e of this.events) {
      if (e.endMs > nowMs && e.endMs < next) next = e.endMs;
      if (e.curve !== undefined && Number.isFinite(nextCurveChangeMs(e.curve, nowMs - e.startMs))) moving = true;
    }
    if (moving) next = Math.min(next, nowMs + this.config.stepMs);
    return Number.isFinite(next) ? next : undefined;
  }

  private solveOnce(nowMs: number, availability: (id: string) => number): void {
    const loadApps: LoadApp[] = [];
    const called = new Set<string>();
    for (const app of this.apps.values()) {
      const rps = this.requestRate(app, nowMs);
      this.baseRps.set(app.id, rps);
      const limit = this.limits.get(app.id) ?? 1;
      const rate = app.rateLimitPerUserPerMinute === undefined ? 1 : admittedFraction(rps, app.users, app.rateLimitPerUserPerMinute);
      const breaker = this.breakers.get(app.id)?.admitted() ?? 1;
      const admitted = limit * rate * breaker;
      this.admitted.set(app.id, admitted);
      loadApps.push({ id: app.id, baseRps: rps, maxRetries: app.retries, calls: app.calls, admitted });
      for (const s of app.calls) called.add(s);
    }
    const loadServices: LoadService[] = [];
    const availabilities = new Map<string, number>();
    for (const id of called) {
      const modelled = this.services.get(id);
      const available = Math.max(0, availability(id));
      if (modelled === undefined) {
        // A service without capacityRps is never overloaded: its supply is beyond any load.
        loadServices.push({ id, supplyRps: UNBOUNDED_RPS, model: DEFAULT_OVERLOAD });
        availabilities.set(id, available);
      } else {
        const supply = (this.capacityRps.get(id) as number) * available;
        this.supply.set(id, supply);
        loadServices.push({ id, supplyRps: supply, model: modelled.overload });
        availabilities.set(id, available > 0 ? 1 : 0);
      }
    }
    // No service can be overloaded: each app's attempts fail exactly as often as its services are unavailable.
    if (this.services.size === 0) {
      const appFailure = new Map<string, number>();
      const appSuccess = new Map<string, number>();
      for (const app of loadApps) {
        let attempt = 1;
        for (const s of app.calls) attempt *= availabilities.get(s) ?? 1;
        appFailure.set(app.id, 1 - attempt);
        appSuccess.set(app.id, app.admitted * successWithRetries(attempt, app.maxRetries));
      }
      this.state = { appFailure };
      this.solution = { state: this.state, serviceSuccess: new Map(), offeredRps: new Map(), goodputRps: new Map(), appSuccess, iterations: 0, converged: true };
      return;
    }
    // The same inputs from the same state give the same fixed point: most instants change nothing the load sees.
    const inputs: number[] = [];
    for (const app of loadApps) inputs.push(app.baseRps, app.admitted);
    for (const service of loadServices) inputs.push(service.supplyRps, availabilities.get(service.id) as number);
    if (this.solution !== undefined && this.lastInputs !== undefined && sameNumbers(inputs, this.lastInputs)) return;
    this.lastInputs = inputs;
    this.solution = solveLoad(loadApps, loadServices, availabilities, this.state);
    this.state = this.solution.state;
  }

  /** Feeds each breaker the failure its app's attempts see; returns the breakers that changed state. */
  private observeBreakers(nowMs: number): string[] {
    const changed: string[] = [];
    for (const [id, breaker] of this.breakers) {
      const before = breaker.state;
      const failure = this.state.appFailure.get(id) ?? 0;
      const observation = breaker.observe(nowMs, failure);
      if (observation.wakeAtMs !== undefined) this.breakerWakes.set(id, observation.wakeAtMs);
      else this.breakerWakes.delete(id);
      if (!observation.changed) continue;
      const transition = this.trace.record({
        atMs: nowMs,
        component: `${id}-breaker`,
        layer: "app",
        from: before,
        to: breaker.state,
        causes: this.latestCauses.filter((c) => c < this.trace.size),
        detail: breaker.state === "open" ? `circuit breaker of ${id} opens at ${Math.round(failure * 100)}% failed attempts: requests fail fast` : breaker.state === "half-open" ? `circuit breaker of ${id} lets probes through` : `circuit breaker of ${id} closes`,
      });
      this.latestCauses = [transition];
      changed.push(id);
    }
    return changed;
  }

  private breakerWake(): number | undefined {
    const wakes = [...this.breakerWakes.values()];
    return wakes.length === 0 ? undefined : Math.min(...wakes);
  }

  solve(nowMs: number, availability: (id: string) => number): { readonly changed: readonly string[]; readonly nextAtMs: number | undefined } {
    // What this solve changes is caused by the changes applied since the last one and by the surges and storms in force.
    const inForce = this.events.filter((e) => e.startMs <= nowMs && nowMs < e.endMs).map((e) => e.cause);
    this.latestCauses = [...new Set([...this.pendingCauses, ...inForce])].sort((a, b) => a - b);
    this.pendingCauses = [];
    this.solveOnce(nowMs, availability);
    // A breaker that changes state changes what its app sends: solve again at the same instant (a bounded number of times).
    for (let round = 0; round < 3 && this.observeBreakers(nowMs).length > 0; round++) this.solveOnce(nowMs, availability);
    const changed: string[] = [];
    const solution = this.solution as LoadSolution;
    for (const id of this.services.keys()) {
      const answer = solution.serviceSuccess.get(id) ?? 1;
      if (Math.abs(answer - (this.serviceAnswer.get(id) ?? 1)) > EPSILON) changed.push(id);
      this.serviceAnswer.set(id, answer);
    }
    for (const app of this.apps.values()) {
      const admitted = this.admitted.get(app.id) ?? 1;
      const failure = this.state.appFailure.get(app.id) ?? 0;
      const key = admitted * 1e6 + failure;
      if (Math.abs(key - (this.appAnswer.get(app.id) ?? 1e6)) > EPSILON) changed.push(app.id);
      this.appAnswer.set(app.id, key);
      const history = this.history.get(app.id) as RpsPoint[];
      const rps = this.baseRps.get(app.id) ?? 0;
      const last = history[history.length - 1];
      if (last === undefined || Math.abs(last.rps - rps) > EPSILON) history.push({ atMs: nowMs, rps });
    }
    const candidates = [this.nextChange(nowMs), this.breakerWake()].filter((t): t is number => t !== undefined && t > nowMs);
    return { changed, nextAtMs: candidates.length === 0 ? undefined : Math.min(...candidates) };
  }

  serviceCapacity(id: string, availability: number): number | undefined {
    if (!this.services.has(id)) return undefined;
    if (availability <= 0) return 0;
    return this.serviceAnswer.get(id) ?? 1;
  }

  appSuccess(id: string, attemptSuccess: number): number | undefined {
    const app = this.apps.get(id);
    if (app === undefined) return undefined;
    return (this.admitted.get(id) ?? 1) * successWithRetries(attemptSuccess, app.retries);
  }

  causes(): readonly number[] {
    return this.latestCauses;
  }

  metric(id: string, name: string): number | undefined {
    const app = this.apps.get(id);
    if (app !== undefined) {
      switch (name) {
        case "offeredRps": return this.baseRps.get(id) ?? app.peakRps;
        case "admittedRps": return (this.baseRps.get(id) ?? app.peakRps) * (this.admitted.get(id) ?? 1);
        case "attemptFailure": return this.state.appFailure.get(id) ?? 0;
        case "breakerOpen": return this.breakers.get(id)?.state === "open" ? 1 : 0;
        default: return this.metrics(id)?.[name];
      }
    }
    return this.services.has(id) ? this.metrics(id)?.[name] : undefined;
  }

  metrics(id: string): Readonly<Record<string, number>> | undefined {
    const app = this.apps.get(id);
    const solution = this.solution;
    if (app !== undefined) {
      const rps = this.baseRps.get(id) ?? app.peakRps;
      let latency = app.baseLatencyMs;
      for (const s of app.calls) {
        const supply = this.supply.get(s);
        if (supply !== undefined) latency = Math.max(latency, latencyMs(solution?.offeredRps.get(s) ?? 0, supply, app.baseLatencyMs, app.timeoutMs));
      }
      const failure = this.state.appFailure.get(id) ?? 0;
      return {
        offeredRps: rps,
        admittedRps: rps * (this.admitted.get(id) ?? 1),
        latencyMs: latency,
        attemptFailure: failure,
        breakerOpen: this.breakers.get(id)?.state === "open" ? 1 : 0,
      };
    }
    if (this.services.has(id)) {
      const offered = solution?.offeredRps.get(id) ?? 0;
      const supply = this.supply.get(id) ?? this.capacityRps.get(id) ?? 0;
      return { offeredRps: offered, goodputRps: solution?.goodputRps.get(id) ?? 0, capacityRps: this.capacityRps.get(id) ?? 0, utilization: supply > 0 ? offered / supply : offered > 0 ? Infinity : 0 };
    }
    return undefined;
  }
}
