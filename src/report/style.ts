import { Chalk, type ChalkInstance } from "chalk";
import type { Layer } from "../model/core/layer.js";
import { displayWidth, sliceColumns } from "./display-width.js";

/** Colours by meaning; identity functions when colour is off. */
export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly good: (s: string) => string;
  readonly bad: (s: string) => string;
  readonly warn: (s: string) => string;
  readonly layer: (layer: Layer, s: string) => string;
}

/** A style over chalk at colour level 1 (16 colours) or none. */
export function makeStyle(color: boolean): Style {
  const c: ChalkInstance = new Chalk({ level: color ? 1 : 0 });
  const byLayer: Record<Layer, (s: string) => string> = {
    fault: c.red, operator: c.magenta, facility: c.yellow, compute: c.cyan, cloud: c.blue, app: c.green,
  };
  return { bold: c.bold, dim: c.dim, good: c.green, bad: c.red, warn: c.yellow, layer: (layer, s) => byLayer[layer](s) };
}

/** Cuts a plain string to `width` display columns (CJK and emoji count two), ending with "…" when cut. */
export function fit(text: string, width: number): string {
  if (width <= 0) return "";
  return displayWidth(text) <= width ? text : `${sliceColumns(text, Math.max(0, width - 1))}…`;
}
