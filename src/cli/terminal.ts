/** Whether to colour terminal output: never with --no-color or NO_COLOR, always with FORCE_COLOR (not 0), else only on a TTY. */
export function terminalColor(flag: boolean): boolean {
  if (!flag) return false;
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  return process.stdout.isTTY === true;
}

/** The narrowest width the text reports lay out in. */
export const MIN_WIDTH = 60;

/** The width used when output goes to a pipe or a file and no width is asked for: wide enough that nothing is cut. */
export const UNLIMITED_WIDTH = 100_000;

/**
 * Columns to fit: `--width N` when given; else the terminal's on a TTY; else COLUMNS when set;
 * else, piped to a file or a program, no limit (nothing is cut). Never below {@link MIN_WIDTH}.
 */
export function terminalWidth(flag?: number): number {
  if (flag !== undefined) return Math.max(MIN_WIDTH, flag);
  if (process.stdout.isTTY && process.stdout.columns !== undefined) return Math.max(MIN_WIDTH, process.stdout.columns);
  const fromEnv = Number(process.env.COLUMNS);
  if (process.env.COLUMNS !== undefined && Number.isInteger(fromEnv) && fromEnv > 0) return Math.max(MIN_WIDTH, fromEnv);
  return UNLIMITED_WIDTH;
}
