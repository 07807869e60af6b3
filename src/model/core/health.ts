/** The coarse state every component reports beside its capacity fraction. */
export type Health = "healthy" | "degraded" | "down";

/** Health from a capacity fraction and the component's thresholds (down below `downBelow`, degraded below `degradedBelow`). */
export function healthFromCapacity(capacity: number, degradedBelow: number, downBelow: number): Health {
  if (capacity < downBelow) return "down";
  if (capacity < degradedBelow) return "degraded";
  return "healthy";
}

const HEALTH_RANK: Readonly<Record<Health, number>> = { down: 0, degraded: 1, healthy: 2 };

/** The typed fields of a health transition (`from → to`): the health line, at work only when healthy, ranked down < degraded < healthy. */
export function healthChange(from: Health, to: Health): { aspect: "health"; atWork: boolean; level: { from: number; to: number } } {
  return { aspect: "health", atWork: to === "healthy", level: { from: HEALTH_RANK[from], to: HEALTH_RANK[to] } };
}
