import { z } from "zod";
import { documentSchema } from "./schema/scenario.js";

/** The JSON Schema of scenario files, generated from the zod schema (input side: durations are text). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(documentSchema(), { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  return { ...schema, title: "outage-sim scenario" };
}
