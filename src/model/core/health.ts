/** The coarse state every component reports beside its capacity fraction. */
export type Health = "healthy" | "degraded" | "down";

/** Health from a capacity fraction and the component's thresholds (down below `downBelow`, degraded below `degradedBelow`). */
export function healthFromCapacity(capacity: number, degradedBelow: number, downBelow: number): Health {
  if (capacity < downBelow) return "down";
  if (capacity < degradedBelow) return "degraded";
  return "healthy";
}
