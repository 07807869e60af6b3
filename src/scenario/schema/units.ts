import { z } from "zod";

const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const DURATION_WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a duration such as `90s`, `15m`, `1h30m` or `500ms` into integer milliseconds; undefined when malformed. */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DURATION_WHOLE.test(trimmed)) return undefined;
  let total = 0;
  for (const match of trimmed.matchAll(DURATION_PART)) {
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  }
  const ms = Math.round(total);
  // Beyond the longest duration (a century) a number stops being an exact, finite count of milliseconds.
  return Number.isFinite(ms) && ms <= MAX_DURATION_MS ? ms : undefined;
}

/** Text quoted in a message: at most 40 characters, on one line. */
function quoteShort(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** The longest duration written anywhere (100 × 366 days): every time stays a finite, exact integer of milliseconds. */
export const MAX_DURATION_MS = 100 * 366 * 86_400_000;

/** Whether `text` is written like a duration (whatever its size). */
export function looksLikeDuration(text: string): boolean {
  return DURATION_WHOLE.test(text.trim());
}

/** A duration written as text with a unit (`90s`, `15m`, `2h`, `1h30m`), read as integer milliseconds. */
export const durationMs = z
  .string({ error: "expected a duration with a unit, such as 90s, 15m or 2h (a bare number has no unit)" })
  .transform((text, ctx) => {
    const ms = parseDurationMs(text);
    if (ms === undefined && looksLikeDuration(text)) {
      ctx.addIssue({ code: "custom", message: `this duration is longer than ${MAX_DURATION_MS / 86_400_000}d, the longest one allowed. Write a shorter duration` });
      return z.NEVER;
    }
    if (ms === undefined) {
      ctx.addIssue({ code: "custom", message: `${quoteShort(text)} is not a duration. Write a number with a unit: ms, s, m, h or d (e.g. 90s, 15m, 1h30m)` });
      return z.NEVER;
    }
    return ms;
  });

/** The longest horizon a scenario may ask for: a limit on everything. */
export const MAX_HORIZON_MS = 366 * 86_400_000;

/** A run's horizon: a positive duration of at most a year. */
export const horizonMs = durationMs.refine((ms) => ms > 0 && ms <= MAX_HORIZON_MS, { message: "the horizon must be longer than 0s and at most 366d. Use a duration such as 16h" });

/** A fraction between 0 and 1 inclusive. */
export const fraction = z.number().min(0).max(1);

/** A probability between 0 and 1 inclusive. */
export const probability = fraction;

/** A component id: kebab-case letters, digits and dashes. */
export const componentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, { message: "ids are kebab-case: lower-case letters, digits and dashes (e.g. gz-a-h2)" });
