/** Public surface of the domain-free discrete-event engine. */
export { EventQueue } from "./event-queue.js";
export { Simulation, type EventHandler, type RunLimits, type RunOutcome, type StopReason } from "./simulation.js";
export { RandomStream, deriveStream } from "./rng.js";
export {
  distributionMean,
  drawExponential,
  drawFrom,
  drawLognormal,
  drawNormal,
  drawUniform,
  drawWeibull,
  gamma,
  type DistributionName,
  type DistributionSpec,
} from "./distributions.js";
