import type { HuntSummary } from "../runner/hunt/summary.js";
export function renderHuntHtml(summary: HuntSummary): string { return JSON.stringify(summary.runs); }
