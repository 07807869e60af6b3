/** The fault any service or app can take: its capacity forced down (to 0 unless `capacity` is given). */
export type ComponentFault = { type: "component:fail"; target: string; capacity?: number | undefined };

/** Operator actions any service or app can take: clear what was forced on it, or force its capacity. */
export type ComponentAction =
  | { action: "restore"; target: string }
  | { action: "set-capacity"; target: string; capacity: number };
