/** The app layer's load and client-behaviour model: daily profiles, surges, retries, overload, breakers, rate limits, the load fixed point. */
export * from "./load-profile.js";
export * from "./load-curve.js";
export * from "./retries.js";
export * from "./overload.js";
export * from "./circuit-breaker.js";
export * from "./rate-limit.js";
export * from "./fixed-point.js";
