/** The layers of a region, bottom to top, plus the two sources of change from outside the model. */
export const LAYERS = ["fault", "operator", "facility", "compute", "cloud", "app"] as const;

/** A layer name: where a component or a trace entry belongs. */
export type Layer = (typeof LAYERS)[number];
