import type { ModelContext } from "../core/context.js";
import type { FacilityConfig, FeedConfig } from "./config.js";

/** Where a feed's power comes from right now. */
export type FeedSource = "utility" | "on ups" | "on generator" | "unpowered";

/** Generator set state of a feed. */
export type GeneratorState = "standby" | "starting" | "running" | "failed";

interface FeedState {
  readonly config: FeedConfig;
  readonly utilityIndex: number;
  source: FeedSource;
  generator: GeneratorState;
  /** The next generator start fails (injected). */
  generatorForcedFail: boolean;
  generatorHandle: number;
  upsHandle: number;
  /** UPS autonomy left at the anchor, ms at full load. */
  upsLevelMs: number;
  upsAnchorMs: number;
  /** −1 discharging, 0 idle, +1 charging. */
  upsMode: number;
  /** Latest transition of the feed and of its generators (−1: none). */
  lastId: number;
  generatorId: number;
}

/** Called when a feed's source changes: whether it is powered now, and the transition that says so. */
export type FeedListener = (feedIndex: number, powered: boolean, wasPowered: boolean, transitionId: number) => void;

/** Utility feeds, transfer switches, UPS batteries and generator sets. */
export class PowerSystem {
  private readonly feeds: FeedState[];
  private readonly utilityUp: boolean[];
  private readonly utilityLossCause: number[];
  private readonly feedIndexById = new Map<string, number>();
  private readonly utilityIndexById = new Map<string, number>();
  private readonly kindGenerator: number;
  private readonly kindUpsDrained: number;

  /** Builds the power system and registers its event kinds. */
  constructor(private readonly ctx: ModelContext, config: FacilityConfig, private readonly listener: FeedListener) {
    config.utilities.forEach((u, i) => this.utilityIndexById.set(u.id, i));
    this.utilityUp = config.utilities.map(() => true);
    this.utilityLossCause = config.utilities.map(() => -1);
    this.feeds = config.feeds.map((f, i) => {
      this.feedIndexById.set(f.id, i);
      return {
        config: f, utilityIndex: this.utilityIndexById.get(f.utility) ?? 0, source: "utility", generator: "standby",
        generatorForcedFail: false, generatorHandle: -1, upsHandle: -1,
        upsLevelMs: f.ups?.batteryMs ?? 0, upsAnchorMs: 0, upsMode: 0, lastId: -1, generatorId: -1,
      };
    });
    this.kindGenerator = ctx.sim.registerKind("facility.generator-start", (_sim, arg) => this.onGeneratorStart(arg));
    this.kindUpsDrained = ctx.sim.registerKind("facility.ups-drained", (_sim, arg) => this.onUpsDrained(arg));
  }

  /** Index of a feed by id (−1 when unknown or undefined). */
  feedIndex(id: string | undefined): number {
    return id === undefined ? -1 : (this.feedIndexById.get(id) ?? -1);
  }

  /** Index of a utility by id (−1 when unknown). */
  utilityIndex(id: string): number {
    return this.utilityIndexById.get(id) ?? -1;
  }

  /** Number of utilities. */
  get utilityCount(): number {
    return this.utilityUp.length;
  }

  /** Whether a feed (by index; −1 = not modelled) has power now. */
  isPowered(feedIndex: number): boolean {
    if (feedIndex < 0) return true;
    return (this.feeds[feedIndex] as FeedState).source !== "unpowered";
  }

  /** Whether a feed (by index) has a UPS between the loads and the transfer switch. */
  hasUps(feedIndex: number): boolean {
    return feedIndex >= 0 && (this.feeds[feedIndex] as FeedState).config.ups !== undefined;
  }

  /** Utility index of a feed. */
  utilityOf(feedIndex: number): number {
    return (this.feeds[feedIndex] as FeedState).utilityIndex;
  }

  /** Source of a feed now. */
  source(feedIndex: number): FeedSource {
    return (this.feeds[feedIndex] as FeedState).source;
  }

  /** UPS autonomy left at `nowMs`, minutes at full load (0 without UPS). */
  upsMinutes(feedIndex: number, nowMs: number): number {
    return this.upsLevelAt(this.feeds[feedIndex] as FeedState, nowMs) / 60_000;
  }

  /** Ids of every feed, in order. */
  feedIds(): string[] {
    return this.feeds.map((f) => f.config.id);
  }

  private upsLevelAt(f: FeedState, nowMs: number): number {
    const ups = f.config.ups;
    if (ups === undefined) return 0;
    const dt = nowMs - f.upsAnchorMs;
    if (f.upsMode < 0) return Math.max(0, f.upsLevelMs - dt);
    if (f.upsMode > 0) return Math.min(ups.batteryMs, f.upsLevelMs + (dt * ups.batteryMs) / ups.rechargeMs);
    return f.upsLevelMs;
  }

  private setUpsMode(f: FeedState, index: number, mode: number): void {
    const now = this.ctx.sim.nowMs;
    f.upsLevelMs = this.upsLevelAt(f, now);
    f.upsAnchorMs = now;
    f.upsMode = f.config.ups === undefined ? 0 : mode;
    if (f.upsHandle >= 0) this.ctx.sim.cancel(f.upsHandle);
    f.upsHandle = -1;
    if (f.upsMode < 0) f.upsHandle = this.ctx.sim.schedule(this.kindUpsDrained, Math.ceil(f.upsLevelMs), index);
  }

  private setSource(index: number, next: FeedSource, causes: number[], detail: string): number {
    const f = this.feeds[index] as FeedState;
    const prev = f.source;
    if (prev === next) return -1;
    f.source = next;
    this.setUpsMode(f, index, next === "on ups" ? -1 : next === "unpowered" ? 0 : 1);
    const id = this.ctx.trace.record({ atMs: this.ctx.sim.nowMs, component: f.config.id, layer: "facility", from: prev, to: next, causes, detail, aspect: "state", atWork: next === "utility" });
    f.lastId = id;
    this.listener(index, next !== "unpowered", prev !== "unpowered", id);
    return id;
  }

  private setGenerator(f: FeedState, next: GeneratorState, causes: number[], detail: string): number {
    const prev = f.generator;
    f.generator = next;
    f.generatorId = this.ctx.trace.record({ atMs: this.ctx.sim.nowMs, component: `${f.config.id}-gen`, layer: "facility", from: prev, to: next, causes, detail, aspect: "state", atWork: next === "standby" || next === "running" });
    return f.generatorId;
  }

  /** Utility power lost on a utility: feeds go to UPS or lose power, generators start. */
  loseUtility(utilityIndex: number, cause: number): void {
    if (!this.utilityUp[utilityIndex]) return;
    this.utilityUp[utilityIndex] = false;
    this.utilityLossCause[utilityIndex] = cause;
    this.feeds.forEach((f, i) => {
      if (f.utilityIndex !== utilityIndex) return;
      const ups = f.config.ups !== undefined && this.upsLevelAt(f, this.ctx.sim.nowMs) > 0;
      const id = this.setSource(i, ups ? "on ups" : "unpowered", [cause], ups ? "utility lost; load carried by UPS" : "utility lost; no UPS");
      const gens = f.config.generators;
      if (gens !== undefined && f.generator === "standby") {
        this.setGenerator(f, "starting", [id >= 0 ? id : cause], `${gens.count} generators starting; ${gens.needed} needed`);
        f.generatorHandle = this.ctx.sim.schedule(this.kindGenerator, gens.startDelayMs, i);
      }
    });
  }

  /** Utility power back: feeds return to utility, generators stop. */
  restoreUtility(utilityIndex: number, cause: number): void {
    if (this.utilityUp[utilityIndex]) return;
    this.utilityUp[utilityIndex] = true;
    if (cause < 0) cause = this.utilityLossCause[utilityIndex] as number;
    this.feeds.forEach((f, i) => {
      if (f.utilityIndex !== utilityIndex) return;
      const id = this.setSource(i, "utility", cause >= 0 ? [cause] : [], "utility restored");
      if (f.generatorHandle >= 0) this.ctx.sim.cancel(f.generatorHandle);
      f.generatorHandle = -1;
      if (f.generator !== "standby") this.setGenerator(f, "standby", id >= 0 ? [id] : cause >= 0 ? [cause] : [], "utility restored; generators stopped");
    });
  }

  /** Makes a feed's generators fail: the next start fails, and running generators stop now. */
  failGenerators(feedIndex: number, cause: number): void {
    const f = this.feeds[feedIndex] as FeedState;
    if (f.generator === "running") {
      const id = this.setGenerator(f, "failed", [cause], "generators tripped");
      const ups = f.config.ups !== undefined && this.upsLevelAt(f, this.ctx.sim.nowMs) > 0;
      this.setSource(feedIndex, ups ? "on ups" : "unpowered", [id], "generators lost");
    } else {
      f.generatorForcedFail = true;
    }
  }

  /** Clears an injected generator failure: the next start may succeed; failed generators start again if the utility is still down. */
  clearGeneratorFailure(feedIndex: number): void {
    const f = this.feeds[feedIndex] as FeedState;
    f.generatorForcedFail = false;
    const gens = f.config.generators;
    if (gens !== undefined && f.generator === "failed" && !this.utilityUp[f.utilityIndex]) {
      this.setGenerator(f, "starting", f.generatorId >= 0 ? [f.generatorId] : [], `${gens.count} generators starting again; ${gens.needed} needed`);
      f.generatorHandle = this.ctx.sim.schedule(this.kindGenerator, gens.startDelayMs, feedIndex);
    }
  }

  /** The feeds on a utility (all utilities when undefined) whose loads see a voltage sag: those without UPS. */
  feedsSeeingSag(utilityIndex: number | undefined): number[] {
    const out: number[] = [];
    this.feeds.forEach((f, i) => {
      if ((utilityIndex === undefined || f.utilityIndex === utilityIndex) && f.config.ups === undefined && f.source !== "unpowered") out.push(i);
    });
    return out;
  }

  private onGeneratorStart(index: number): void {
    const f = this.feeds[index] as FeedState;
    f.generatorHandle = -1;
    const gens = f.config.generators;
    if (gens === undefined || f.generator !== "starting") return;
    const rng = this.ctx.stream(f.config.id, "generator-start");
    let started = 0;
    for (let g = 0; g < gens.count; g++) if (rng.next() >= gens.startFailureProbability) started++;
    if (f.generatorForcedFail) {
      started = 0;
      f.generatorForcedFail = false;
    }
    const prevId = f.generatorId;
    const ok = started >= gens.needed;
    const genId = this.setGenerator(f, ok ? "running" : "failed", [prevId], `${started} of ${gens.count} generators started; ${gens.needed} needed`);
    if (ok) this.setSource(index, "on generator", [genId], "load transferred to generators");
  }

  private onUpsDrained(index: number): void {
    const f = this.feeds[index] as FeedState;
    f.upsHandle = -1;
    if (f.source !== "on ups") return;
    this.setSource(index, "unpowered", f.lastId >= 0 ? [f.lastId] : [], "UPS batteries drained");
  }
}
