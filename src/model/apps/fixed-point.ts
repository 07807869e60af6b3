/**
 * The load fixed point of one simulated instant: apps offer requests to the services they call, retries
 * multiply the attempts by how often attempts fail, overloaded services serve less, and so attempts fail more.
 *
 * The map from the apps' per-attempt failure ratios f to the next ones is monotone: more failure → more
 * retries → more offered load → a lower success ratio at every service (goodput / offered never rises with
 * offered) → more failure. Iterating a monotone map from a point moves towards the nearest fixed point in
 * the direction it first moves, never across one, which is what makes the model metastable: started from
 * a collapsed state, the iteration stays at the collapsed fixed point even when a healthy one also exists.
 */
import { checkOverloadModel, goodputRps, type OverloadModel } from "./overload.js";
import { retryAmplification, retryAmplificationUnchecked, successWithRetries } from "./retries.js";

/** An app as the load model sees it: its request rate, its retries, the services each attempt calls, and how much is let in. */
export interface LoadApp {
  readonly id: string;
  /** Requests per second users send (after the daily profile and surges). */
  readonly baseRps: number;
  /** Retries per request after a failed attempt (0 for none). */
  readonly maxRetries: number;
  /** Services each attempt calls, once per entry; the attempt succeeds only if every call does. */
  readonly calls: readonly string[];
  /** Fraction (0..1) of requests let in after rate limits and circuit breakers; the rest fail at once and load nothing. */
  readonly admitted: number;
}

/** A service as the load model sees it: how many requests per second it can serve now and what it does past that. */
export interface LoadService {
  readonly id: string;
  readonly supplyRps: number;
  readonly model: OverloadModel;
}

/** What the load model carries from one instant to the next: each app's per-attempt failure ratio. */
export interface LoadState {
  readonly appFailure: ReadonlyMap<string, number>;
}

/** The fixed point found: the state to carry on, and per service and per app what it means. */
export interface LoadSolution {
  readonly state: LoadState;
  /** Per service: goodput / offered, 1 when it is not overloaded (availability not included). */
  readonly serviceSuccess: ReadonlyMap<string, number>;
  /** Per service: attempts per second reaching it, retries included. */
  readonly offeredRps: ReadonlyMap<string, number>;
  /** Per service: attempts per second it serves usefully. */
  readonly goodputRps: ReadonlyMap<string, number>;
  /** Per app: fraction (0..1) of users' requests that succeed, refused ones counted as failed. */
  readonly appSuccess: ReadonlyMap<string, number>;
  /** Evaluations of the map performed. */
  readonly iterations: number;
  /** Whether the largest change of a failure ratio fell below the tolerance before maxIterations. */
  readonly converged: boolean;
}

/** An empty state: every app starts healthy (f = 0). */
export const HEALTHY_LOAD_STATE: LoadState = Object.freeze({ appFailure: new Map<string, number>() });

/** Default cap on iterations per instant. */
export const DEFAULT_MAX_ITERATIONS = 200;
/** Hard cap on iterations per instant, whatever the caller asks. */
const ITERATIONS_LIMIT = 100_000;
/** The iteration stops when no app's failure ratio moves by this much or more. */
export const LOAD_TOLERANCE = 1e-9;
/** Damping never goes below this step fraction. */
const MIN_DAMPING = 1 / 64;

function ratioOrThrow(value: number, what: string): number {
  if (!(value >= 0 && value <= 1)) throw new Error(`solveLoad: ${what} must be in 0..1, got ${value}`);
  return value;
}

/** An app of a {@link LoadSolver}: what does not change from one instant to the next. */
export interface LoadSolverApp {
  readonly id: string;
  readonly maxRetries: number;
  readonly calls: readonly string[];
}

/** A service of a {@link LoadSolver}: its id and its overload model. */
export interface LoadSolverService {
  readonly id: string;
  readonly model: OverloadModel;
}

/**
 * The load fixed point over one fixed set of apps and services, solved again and again as the numbers change.
 * The topology is indexed and checked once; each {@link solve} reads the numbers from the solver's input arrays
 * (indexed like the apps and services it was built with), writes its answers to its output arrays, and
 * allocates nothing. A region re-solves its load every simulated minute, so this matters.
 */
export class LoadSolver {
  readonly appCount: number;
  readonly serviceCount: number;
  /** Inputs per app: requests per second users send, and the fraction let in (0..1). */
  readonly baseRps: Float64Array;
  readonly admitted: Float64Array;
  /** Inputs per service: requests per second it can serve now, and its availability (0..1). */
  readonly supplyRps: Float64Array;
  readonly availability: Float64Array;
  /** Per app: the per-attempt failure ratio; the starting point of a solve, then its answer. */
  readonly failure: Float64Array;
  /** Outputs per app: the per-attempt success ratio. */
  readonly attempt: Float64Array;
  /** Outputs per service: attempts per second reaching it, those served usefully, and goodput / offered. */
  readonly offered: Float64Array;
  readonly goodput: Float64Array;
  readonly success: Float64Array;
  /** Evaluations of the map in the last solve, and whether it converged. */
  iterations = 0;
  converged = false;
  private readonly maxRetries: Int32Array;
  private readonly callStart: Int32Array;
  private readonly callService: Int32Array;
  private readonly models: readonly OverloadModel[];
  private readonly demandRps: Float64Array;
  private readonly lastDelta: Float64Array;

  constructor(private readonly apps: readonly LoadSolverApp[], private readonly services: readonly LoadSolverService[]) {
    const serviceIndex = new Map<string, number>();
    services.forEach((service, i) => {
      if (serviceIndex.has(service.id)) throw new Error(`solveLoad: service ${service.id} listed twice`);
      checkOverloadModel(service.model);
      serviceIndex.set(service.id, i);
    });
    this.appCount = apps.length;
    this.serviceCount = services.length;
    this.models = services.map((s) => s.model);
    const appIds = new Set<string>();
    this.callStart = new Int32Array(apps.length + 1);
    this.maxRetries = new Int32Array(apps.length);
    let calls = 0;
    for (const app of apps) calls += app.calls.length;
    this.callService = new Int32Array(calls);
    let next = 0;
    apps.forEach((app, a) => {
      if (appIds.has(app.id)) throw new Error(`solveLoad: app ${app.id} listed twice`);
      appIds.add(app.id);
      retryAmplification(0, app.maxRetries); // throws on a bad retry count
      this.maxRetries[a] = app.maxRetries;
      this.callStart[a] = next;
      for (const id of app.calls) {
        const s = serviceIndex.get(id);
        if (s === undefined) throw new Error(`solveLoad: app ${app.id} calls unknown service ${id}`);
        this.callService[next++] = s;
      }
    });
    this.callStart[apps.length] = next;
    this.baseRps = new Float64Array(apps.length);
    this.admitted = new Float64Array(apps.length);
    this.failure = new Float64Array(apps.length);
    this.attempt = new Float64Array(apps.length);
    this.demandRps = new Float64Array(apps.length);
    this.lastDelta = new Float64Array(apps.length);
    this.supplyRps = new Float64Array(services.length);
    this.availability = new Float64Array(services.length);
    this.offered = new Float64Array(services.length);
    this.goodput = new Float64Array(services.length);
    this.success = new Float64Array(services.length);
  }

  /** Checks the inputs; throws on a number outside its range. */
  private checkInputs(): void {
    for (let s = 0; s < this.serviceCount; s++) {
      const id = (this.services[s] as LoadSolverService).id;
      const supply = this.supplyRps[s] as number;
      if (!(supply >= 0) || !Number.isFinite(supply)) throw new Error(`solveLoad: supplyRps of ${id} must be finite and ≥ 0, got ${supply}`);
      ratioOrThrow(this.availability[s] as number, `availability of ${id}`);
    }
    for (let a = 0; a < this.appCount; a++) {
      const id = (this.apps[a] as LoadSolverApp).id;
      const base = this.baseRps[a] as number;
      if (!(base >= 0) || !Number.isFinite(base)) throw new Error(`solveLoad: baseRps of ${id} must be finite and ≥ 0, got ${base}`);
      this.demandRps[a] = base * ratioOrThrow(this.admitted[a] as number, `admitted of ${id}`);
    }
  }

  /** One evaluation of the map: offered load from the failure ratios, then each service's success, then each app's attempt success. */
  private evaluate(): void {
    const { offered, goodput, success, attempt, failure, demandRps, callStart, callService, maxRetries } = this;
    const avail = this.availability;
    offered.fill(0);
    for (let a = 0; a < this.appCount; a++) {
      const attemptsRps = (demandRps[a] as number) * retryAmplificationUnchecked(failure[a] as number, maxRetries[a] as number);
      for (let c = callStart[a] as number; c < (callStart[a + 1] as number); c++) {
        const s = callService[c] as number;
        offered[s] = (offered[s] as number) + attemptsRps;
      }
    }
    for (let s = 0; s < this.serviceCount; s++) {
      const load = offered[s] as number;
      goodput[s] = goodputRps(load, this.supplyRps[s] as number, this.models[s] as OverloadModel);
      success[s] = load > 0 ? (goodput[s] as number) / load : 1;
    }
    for (let a = 0; a < this.appCount; a++) {
      let product = 1;
      for (let c = callStart[a] as number; c < (callStart[a + 1] as number); c++) {
        const s = callService[c] as number;
        product *= (avail[s] as number) * (success[s] as number);
      }
      attempt[a] = product;
    }
  }

  /**
   * Iterates from the failure ratios in {@link failure} (clamped to 0..1) to the fixed point reached from them, or
   * `maxIterations` evaluations; leaves the answer in the output arrays.
   */
  solve(maxIterations: number = DEFAULT_MAX_ITERATIONS): void {
    if (!Number.isInteger(maxIterations) || maxIterations < 1 || maxIterations > ITERATIONS_LIMIT) {
      throw new Error(`solveLoad: maxIterations must be an integer in 1..${ITERATIONS_LIMIT}, got ${maxIterations}`);
    }
    this.checkInputs();
    const { failure, attempt, lastDelta } = this;
    for (let a = 0; a < this.appCount; a++) {
      const start = failure[a] as number;
      failure[a] = start > 1 ? 1 : start > 0 ? start : 0;
    }
    lastDelta.fill(0);
    // Undamped steps suffice for a monotone map; a sign flip in some app's step means the coupling between
    // apps is oscillating, so the step is halved (damping keeps the map monotone and its fixed points unchanged).
    let damping = 1;
    let iterations = 0;
    let converged = false;
    while (iterations < maxIterations) {
      iterations++;
      this.evaluate();
      let largest = 0;
      let flipped = false;
      for (let a = 0; a < this.appCount; a++) {
        const delta = 1 - (attempt[a] as number) - (failure[a] as number);
        if (delta * (lastDelta[a] as number) < 0) flipped = true;
        lastDelta[a] = delta;
        failure[a] = (failure[a] as number) + damping * delta;
        largest = Math.max(largest, Math.abs(delta));
      }
      if (largest < LOAD_TOLERANCE) {
        converged = true;
        break;
      }
      if (flipped && damping > MIN_DAMPING) damping /= 2;
    }
    this.evaluate();
    this.iterations = iterations;
    this.converged = converged;
  }

  /** Fraction (0..1) of app `a`'s users' requests that succeed after the last solve, refused ones counted as failed. */
  appSuccess(a: number): number {
    return (this.admitted[a] as number) * successWithRetries(this.attempt[a] as number, this.maxRetries[a] as number);
  }
}

/**
 * Finds the load fixed point reached from `previous`: offered_s = Σ_a baseRps_a × admitted_a × retryAmplification(f_a, r_a),
 * serviceSuccess_s = goodput_s / offered_s, attemptSuccess_a = Π_s availability_s × serviceSuccess_s, f_a ← 1 − attemptSuccess_a,
 * until no f_a moves by 1e-9 or after `maxIterations`; appSuccess_a = admitted_a × successWithRetries(attemptSuccess_a, r_a).
 * Apps absent from `previous` start at f = 0; services absent from `availability` have availability 1.
 * A one-off solve; a caller solving the same apps and services again and again keeps a {@link LoadSolver}.
 */
export function solveLoad(
  apps: readonly LoadApp[],
  services: readonly LoadService[],
  availability: ReadonlyMap<string, number>,
  previous: LoadState,
  maxIterations: number = DEFAULT_MAX_ITERATIONS,
): LoadSolution {
  const solver = new LoadSolver(apps, services);
  apps.forEach((app, a) => {
    solver.baseRps[a] = app.baseRps;
    solver.admitted[a] = app.admitted;
    solver.failure[a] = previous.appFailure.get(app.id) ?? 0;
  });
  services.forEach((service, s) => {
    solver.supplyRps[s] = service.supplyRps;
    solver.availability[s] = availability.get(service.id) ?? 1;
  });
  solver.solve(maxIterations);
  const appFailure = new Map<string, number>();
  const appSuccess = new Map<string, number>();
  apps.forEach((app, a) => {
    appFailure.set(app.id, solver.failure[a] as number);
    appSuccess.set(app.id, solver.appSuccess(a));
  });
  const serviceSuccess = new Map<string, number>();
  const offeredRps = new Map<string, number>();
  const goodputByService = new Map<string, number>();
  services.forEach((service, s) => {
    serviceSuccess.set(service.id, solver.success[s] as number);
    offeredRps.set(service.id, solver.offered[s] as number);
    goodputByService.set(service.id, solver.goodput[s] as number);
  });
  return { state: { appFailure }, serviceSuccess, offeredRps, goodputRps: goodputByService, appSuccess, iterations: solver.iterations, converged: solver.converged };
}
