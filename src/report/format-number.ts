/** Groups the digits of a rounded number with commas: 1840 → "1,840". */
export function thousands(n: number): string {
  const rounded = Math.round(n);
  const sign = rounded < 0 ? "-" : "";
  return sign + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A count of a thousand or more in its unit (k, M, B): 3,400,000 → { value: 3.4, unit: "M" }; undefined below a thousand. */
function inUnits(n: number): { value: number; unit: string } | undefined {
  const abs = Math.abs(n);
  for (const [size, unit] of [[1e9, "B"], [1e6, "M"], [1e3, "k"]] as const) if (abs >= size) return { value: n / size, unit };
  return undefined;
}

/** A short count for narrow columns: 950, 12k, 3.4M, 2.4B. */
export function compactCount(n: number): string {
  const scaled = inUnits(n);
  if (scaled === undefined) return String(Math.round(n));
  return `${Math.abs(scaled.value) < 10 ? scaled.value.toFixed(1) : Math.round(scaled.value).toString()}${scaled.unit}`;
}

/** A count to three significant digits in its unit, for distributions: 950, 12.3k, 3.41M; "—" for NaN. */
export function threeDigitCount(n: number): string {
  if (Number.isNaN(n)) return "—";
  const scaled = inUnits(n);
  if (scaled === undefined) return compactCount(n);
  const a = Math.abs(scaled.value);
  return `${scaled.value.toFixed(a < 10 ? 2 : a < 100 ? 1 : 0)}${scaled.unit}`;
}

/** A whole-minute duration as "45m", "2h", "7h29m". */
export function formatDurationMs(ms: number): string {
  const minutes = Math.round(ms / 60000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m}m` : m === 0 ? `${h}h` : `${h}h${m}m`;
}

/** A ratio 0..1 as a percentage; one decimal near 0% and 100% so that "almost" never reads as "exactly". */
export function percent(ratio: number): string {
  const p = ratio * 100;
  if (p > 0 && p < 0.05) return "<0.1%";
  if (p > 99.95 && p < 100) return ">99.9%";
  const digits = (p > 99 && p < 100) || (p > 0 && p < 1) ? 1 : 0;
  return `${p.toFixed(digits)}%`;
}
