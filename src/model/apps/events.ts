/** Faults that move load, as the load layer carries them out (the scenario's schema checks they agree). */
export type LoadFault =
  | { type: "load:surge"; app: string; curve?: [number, number][] | undefined; users?: [number, number][] | undefined }
  | { type: "load:reconnect-storm"; app: string; clients: number; over: number; requestsPerClient?: number | undefined };

/** Operator actions on load. */
export type LoadAction =
  | { action: "limit-load"; app: string; fraction: number }
  | { action: "add-capacity"; service: string; capacityRps: number };
