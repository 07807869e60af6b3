import { LocalClock } from "../model/core/local-clock.js";
import type { Transition } from "../model/core/trace.js";
import type { StateExplanation } from "../runner/explain.js";
import type { Run } from "../runner/run.js";
import { fit, makeStyle } from "./style.js";

/** How `outage-sim explain` lays out its answer. */
export interface ExplainOptions {
  readonly color: boolean;
  readonly width: number;
  /** The moment asked about, in simulated ms; undefined for "at first impact". */
  readonly atMs: number | undefined;
}

/** Renders why each app is in its state (at a moment, or at its first impact): root first, one step a line. */
export function renderExplanations(run: Run, explanations: readonly StateExplanation[], options: ExplainOptions): string {
  const style = makeStyle(options.color);
  const clock = new LocalClock(run.start);
  const when = options.atMs === undefined ? "at its first impact" : `at ${clock.format(options.atMs)}`;
  const lines = [style.bold(fit(`${run.scenario.name} · seed ${run.seed} · why each app is in its state ${when}`, options.width))];
  for (const e of explanations) {
    const impact = run.impacts.find((i) => i.app === e.app);
    lines.push("");
    if (e.transition === undefined) {
      lines.push(style.good(fit(`${e.app}: healthy ${options.atMs === undefined ? "throughout the run" : "(no change yet)"}`, options.width)));
      continue;
    }
    const t = run.trace[e.transition] as Transition;
    const symptom = e.state === "healthy" ? "" : `  ${t.detail ?? ""}`;
    const head = e.state === "healthy" ? `${e.app}: healthy again since ${clock.format(t.atMs)}` : `${e.app}: ${e.state} since ${clock.format(t.atMs)}${symptom}`;
    lines.push((e.state === "healthy" ? style.good : style.bad)(fit(head, options.width)));
    e.chain.forEach((id, depth) => {
      const step = run.trace[id] as Transition;
      const text = `  ${depth === 0 ? "" : "→ "}${clock.format(step.atMs)}  ${step.layer.padEnd(8)} ${step.component}  ${step.to}${step.detail ? `  ${step.detail}` : ""}`;
      lines.push(style.layer(step.layer, fit(text, options.width)));
    });
    const others = e.roots.filter((r) => r !== e.chain[0]).map((r) => run.trace[r] as Transition);
    if (others.length > 0) lines.push(style.dim(fit(`  also from: ${others.map((r) => `${r.component} ${clock.format(r.atMs)}`).join(", ")}`, options.width)));
    if (impact !== undefined && impact.impacted && options.atMs === undefined) lines.push(style.dim(fit(`  worst: "${impact.symptom}", back ${impact.recoveredAtMs === null ? "not by the horizon" : `at ${clock.format(impact.recoveredAtMs)}`}`, options.width)));
  }
  return `${lines.join("\n")}\n`;
}
