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
import { retryAmplification, successWithRetries } from "./retries.js";

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

interface Indexed {
  readonly callStart: Int32Array;
  readonly callService: Int32Array;
  readonly demandRps: Float64Array;
  readonly availability: Float64Array;
}

function ratioOrThrow(value: number, what: string): number {
  if (!(value >= 0 && value <= 1)) throw new Error(`solveLoad: ${what} must be in 0..1, got ${value}`);
  return value;
}

function index(apps: readonly LoadApp[], services: readonly LoadService[], availability: ReadonlyMap<string, number>): Indexed {
  const serviceIndex = new Map<string, number>();
  const avail = new Float64Array(services.length);
  services.forEach((service, i) => {
    if (serviceIndex.has(service.id)) throw new Error(`solveLoad: service ${service.id} listed twice`);
    if (!(service.supplyRps >= 0) || !Number.isFinite(service.supplyRps)) throw new Error(`solveLoad: supplyRps of ${service.id} must be finite and ≥ 0, got ${service.supplyRps}`);
    checkOverloadModel(service.model);
    serviceIndex.set(service.id, i);
    avail[i] = ratioOrThrow(availability.get(service.id) ?? 1, `availability of ${service.id}`);
  });
  const appIds = new Set<string>();
  const callStart = new Int32Array(apps.length + 1);
  let calls = 0;
  for (const app of apps) calls += app.calls.length;
  const callService = new Int32Array(calls);
  const demandRps = new Float64Array(apps.length);
  let next = 0;
  apps.forEach((app, a) => {
    if (appIds.has(app.id)) throw new Error(`solveLoad: app ${app.id} listed twice`);
    appIds.add(app.id);
    if (!(app.baseRps >= 0) || !Number.isFinite(app.baseRps)) throw new Error(`solveLoad: baseRps of ${app.id} must be finite and ≥ 0, got ${app.baseRps}`);
    retryAmplification(0, app.maxRetries); // throws on a bad retry count
    demandRps[a] = app.baseRps * ratioOrThrow(app.admitted, `admitted of ${app.id}`);
    callStart[a] = next;
    for (const id of app.calls) {
      const s = serviceIndex.get(id);
      if (s === undefined) throw new Error(`solveLoad: app ${app.id} calls unknown service ${id}`);
      callService[next++] = s;
    }
  });
  callStart[apps.length] = next;
  return { callStart, callService, demandRps, availability: avail };
}

/**
 * Finds the load fixed point reached from `previous`: offered_s = Σ_a baseRps_a × admitted_a × retryAmplification(f_a, r_a),
 * serviceSuccess_s = goodput_s / offered_s, attemptSuccess_a = Π_s availability_s × serviceSuccess_s, f_a ← 1 − attemptSuccess_a,
 * until no f_a moves by 1e-9 or after `maxIterations`; appSuccess_a = admitted_a × successWithRetries(attemptSuccess_a, r_a).
 * Apps absent from `previous` start at f = 0; services absent from `availability` have availability 1.
 */
export function solveLoad(
  apps: readonly LoadApp[],
  services: readonly LoadService[],
  availability: ReadonlyMap<string, number>,
  previous: LoadState,
  maxIterations: number = DEFAULT_MAX_ITERATIONS,
): LoadSolution {
  if (!Number.isInteger(maxIterations) || maxIterations < 1 || maxIterations > ITERATIONS_LIMIT) {
    throw new Error(`solveLoad: maxIterations must be an integer in 1..${ITERATIONS_LIMIT}, got ${maxIterations}`);
  }
  const { callStart, callService, demandRps, availability: avail } = index(apps, services, availability);
  const appCount = apps.length;
  const failure = new Float64Array(appCount);
  for (let a = 0; a < appCount; a++) {
    const start = previous.appFailure.get((apps[a] as LoadApp).id) ?? 0;
    failure[a] = start > 1 ? 1 : start > 0 ? start : 0;
  }
  const offered = new Float64Array(services.length);
  const goodput = new Float64Array(services.length);
  const success = new Float64Array(services.length);
  const attempt = new Float64Array(appCount);
  const lastDelta = new Float64Array(appCount);

  const evaluate = (): void => {
    offered.fill(0);
    for (let a = 0; a < appCount; a++) {
      const app = apps[a] as LoadApp;
      const attemptsRps = (demandRps[a] as number) * retryAmplification(failure[a] as number, app.maxRetries);
      for (let c = callStart[a] as number; c < (callStart[a + 1] as number); c++) {
        const s = callService[c] as number;
        offered[s] = (offered[s] as number) + attemptsRps;
      }
    }
    for (let s = 0; s < services.length; s++) {
      const service = services[s] as LoadService;
      const load = offered[s] as number;
      goodput[s] = goodputRps(load, service.supplyRps, service.model);
      success[s] = load > 0 ? (goodput[s] as number) / load : 1;
    }
    for (let a = 0; a < appCount; a++) {
      let product = 1;
      for (let c = callStart[a] as number; c < (callStart[a + 1] as number); c++) {
        const s = callService[c] as number;
        product *= (avail[s] as number) * (success[s] as number);
      }
      attempt[a] = product;
    }
  };

  // Undamped steps suffice for a monotone map; a sign flip in some app's step means the coupling between
  // apps is oscillating, so the step is halved (damping keeps the map monotone and its fixed points unchanged).
  let damping = 1;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    evaluate();
    let largest = 0;
    let flipped = false;
    for (let a = 0; a < appCount; a++) {
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
  evaluate();

  const appFailure = new Map<string, number>();
  const appSuccess = new Map<string, number>();
  for (let a = 0; a < appCount; a++) {
    const app = apps[a] as LoadApp;
    appFailure.set(app.id, failure[a] as number);
    appSuccess.set(app.id, app.admitted * successWithRetries(attempt[a] as number, app.maxRetries));
  }
  const serviceSuccess = new Map<string, number>();
  const offeredRps = new Map<string, number>();
  const goodputByService = new Map<string, number>();
  services.forEach((service, s) => {
    serviceSuccess.set(service.id, success[s] as number);
    offeredRps.set(service.id, offered[s] as number);
    goodputByService.set(service.id, goodput[s] as number);
  });
  return { state: { appFailure }, serviceSuccess, offeredRps, goodputRps: goodputByService, appSuccess, iterations, converged };
}
