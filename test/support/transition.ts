import type { Transition } from "../../src/model/core/trace.js";

const HEALTH: Record<string, number> = { down: 0, degraded: 1, healthy: 2 };
const COOLING: Record<string, number> = { "cooling none": 0, "cooling reduced": 1, "cooling full": 2 };
const AT_WORK = new Set(["healthy", "normal", "running", "standby", "full", "cooling full", "utility", "closed", "clean"]);

function band(label: string): number | undefined {
  if (label === "normal") return 0;
  const match = /^above (-?[\d.]+) °C$/.exec(label);
  return match ? Number(match[1]) : undefined;
}

/**
 * The typed fields the model would set for a hand-written transition in a test (the model sets them itself; tests
 * that build traces by hand use the labels the model uses).
 */
export function typedFields(layer: Transition["layer"], from: string, to: string): Pick<Transition, "aspect" | "atWork" | "level"> {
  if (layer === "fault" || layer === "operator") return { aspect: "lifecycle", atWork: layer === "operator" || to === "cleared" };
  if (HEALTH[from] !== undefined && HEALTH[to] !== undefined) return { aspect: "health", atWork: to === "healthy", level: { from: HEALTH[from], to: HEALTH[to] } };
  if (COOLING[from] !== undefined && COOLING[to] !== undefined) return { aspect: "cooling", atWork: to === "cooling full", level: { from: COOLING[from], to: COOLING[to] } };
  const a = band(from);
  const b = band(to);
  if (a !== undefined && b !== undefined) return { aspect: "temperature", atWork: b === 0, level: { from: a, to: b } };
  return { aspect: "state", atWork: AT_WORK.has(to) };
}

/** A hand-written transition with the typed fields the model would set. */
export function transition(fields: Omit<Transition, "aspect" | "atWork" | "level">): Transition {
  return { ...fields, ...typedFields(fields.layer, fields.from, fields.to) };
}
