import type { HuntSummary } from "../runner/hunt/summary.js";
export function renderHuntMarkdown(summary: HuntSummary): string { return JSON.stringify(summary.runs); }
