/** Whether to colour terminal output: never with --no-color or NO_COLOR, always with FORCE_COLOR (not 0), else only on a TTY. */
export function terminalColor(flag: boolean): boolean {
  if (!flag) return false;
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  return process.stdout.isTTY === true;
}

/** Width to fit: the terminal's on a TTY, else COLUMNS, else 80; never below 60. */
export function terminalWidth(): number {
  const fromTty = process.stdout.isTTY ? process.stdout.columns : undefined;
  const fromEnv = Number(process.env.COLUMNS);
  const width = fromTty ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 80);
  return Math.max(60, Math.min(width, 200));
}
