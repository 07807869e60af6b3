import type { z } from "zod";

/** The model layer that carries out a fault or an action, through its port (see docs/architecture.md). */
export type EventOwner = "facility" | "cloud" | "load" | "data" | "component";

/**
 * One fault type: its `type` name, the layer that carries it out, the schema of its own fields (the timing
 * fields every fault shares are added by the loader) and whether a `duration` can clear it.
 */
export interface FaultType {
  readonly kind: "fault";
  readonly name: string;
  readonly owner: EventOwner;
  readonly schema: z.ZodObject;
  /** False when nothing is left to clear when a duration ends (a sag, failed servers): a `duration` is refused. */
  readonly takesDuration: boolean;
  /** Why a `duration` is refused and what to write instead (types that take none). */
  readonly durationRefusal?: string;
}

/** One operator action: its `action` name, the layer that carries it out and the schema of its fields. */
export interface ActionType {
  readonly kind: "action";
  readonly name: string;
  readonly owner: EventOwner;
  readonly schema: z.ZodObject;
}

/** The literal value of a schema's tag field (`type` of a fault, `action` of an action). */
export function literalOf(schema: z.ZodObject, key: string): string {
  type Def = { values?: unknown[]; innerType?: { _zod: { def: Def } } };
  const field = schema.shape[key] as { _zod: { def: Def } } | undefined;
  if (field === undefined) throw new Error(`schema: no field ${key}`);
  let def = field._zod.def;
  while (def.values === undefined && def.innerType !== undefined) def = def.innerType._zod.def;
  if (def.values === undefined) throw new Error(`schema: field ${key} is not a literal`);
  return String(def.values[0]);
}

/** Declares a fault type; its name is the literal of the schema's `type`. */
export function defineFault<const O extends EventOwner, S extends z.ZodObject>(
  owner: O,
  schema: S,
  options: { takesDuration: true } | { takesDuration: false; durationRefusal?: string },
): { readonly kind: "fault"; readonly name: string; readonly owner: O; readonly schema: S; readonly takesDuration: boolean; readonly durationRefusal?: string } {
  const name = literalOf(schema, "type");
  if (options.takesDuration) return { kind: "fault", name, owner, schema, takesDuration: true };
  const durationRefusal = options.durationRefusal ?? `${name} has nothing to clear when a duration ends. Remove duration (use a repair or a restart step to recover)`;
  return { kind: "fault", name, owner, schema, takesDuration: false, durationRefusal };
}

/** Declares an operator action; its name is the literal of the schema's `action`. */
export function defineAction<const O extends EventOwner, S extends z.ZodObject>(owner: O, schema: S): { readonly kind: "action"; readonly name: string; readonly owner: O; readonly schema: S } {
  return { kind: "action", name: literalOf(schema, "action"), owner, schema };
}
