import type { Layer } from "../model/core/layer.js";
import type { Run } from "../runner/run.js";

/**
 * What a report needs to know about one component of the region; the runner does not provide
 * it yet, so renderers read it through {@link componentsOf} and do without when it is absent.
 */
export interface ComponentInfo {
  readonly id: string;
  readonly layer: Layer;
  /** What it is: "chiller", "plant", "hall", "cluster", "service", "app", "feed", … */
  readonly kind: string;
  readonly title?: string;
  /** The plant of a chiller or a hall. */
  readonly plant?: string;
  /** The hall of a cluster. */
  readonly hall?: string;
  /** The role of a cluster ("compute", "storage", "control"). */
  readonly role?: string;
  /** Servers in a cluster. */
  readonly servers?: number;
  /** Temperature thresholds of a hall or of its servers, in °C, with what happens there. */
  readonly thresholdsCelsius?: readonly { readonly celsius: number; readonly label: string }[];
}

/** The components a run describes, or an empty list when the runner does not describe them. */
export function componentsOf(run: Run): readonly ComponentInfo[] {
  return (run as Run & { readonly components?: readonly ComponentInfo[] }).components ?? [];
}
