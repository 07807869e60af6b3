/** A fuzz worker process driven from the parent: one command at a time, a timeout, a restart after any death. */
import { fork, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** What one command did, or how the worker died running it. */
export type CommandOutcome =
  | { readonly kind: "done"; readonly code: number; readonly stdout: string; readonly stderr: string; readonly ms: number; readonly rssMb: number }
  | { readonly kind: "timeout"; readonly ms: number }
  | { readonly kind: "died"; readonly signal: string | null; readonly exitCode: number | null; readonly stderr: string };

/** Bounds of every command. */
export interface WorkerBounds {
  readonly timeoutMs: number;
  readonly heapMb: number;
}

// Compiled, the worker is beside this file; from source (tests), it is the compiled one under dist/.
const HERE = fileURLToPath(import.meta.url);
const CHILD = HERE.endsWith(".ts") ? join(dirname(HERE), "..", "dist", "fuzz", "child.js") : join(dirname(HERE), "child.js");

/** One long-lived worker process; it is replaced whenever a command kills it or times out. */
export class FuzzWorker {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 0;
  private stderrTail = "";

  constructor(private readonly bounds: WorkerBounds) {}

  private start(): Promise<void> {
    const child = fork(CHILD, [], { execArgv: [`--max-old-space-size=${this.bounds.heapMb}`, "--stack-size=984"], stdio: ["ignore", "ignore", "pipe", "ipc"] });
    this.child = child;
    this.stderrTail = "";
    child.stderr?.on("data", (d: Buffer) => { this.stderrTail = (this.stderrTail + d.toString()).slice(-4000); });
    this.ready = new Promise((resolve) => {
      const onReady = (m: { ready?: boolean }) => {
        if (m.ready === true) {
          child.off("message", onReady);
          resolve();
        }
      };
      child.on("message", onReady);
    });
    return this.ready;
  }

  /** Runs `outage-sim ...args` in the worker. */
  async run(args: readonly string[]): Promise<CommandOutcome> {
    if (this.child === undefined || this.child.exitCode !== null || this.child.signalCode !== null) await this.start();
    else await this.ready;
    const child = this.child!;
    const id = this.nextId++;
    const started = Date.now();
    return new Promise<CommandOutcome>((resolve) => {
      const finish = (outcome: CommandOutcome): void => {
        clearTimeout(timer);
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(outcome);
      };
      const onMessage = (m: { id?: number; code: number; stdout: string; stderr: string; ms: number; rssMb: number }) => {
        if (m.id === id) finish({ kind: "done", code: m.code, stdout: m.stdout, stderr: m.stderr, ms: m.ms, rssMb: m.rssMb });
      };
      const onExit = (exitCode: number | null, signal: string | null) => {
        this.child = undefined;
        finish({ kind: "died", signal, exitCode, stderr: this.stderrTail });
      };
      const timer = setTimeout(() => {
        child.off("exit", onExit);
        child.kill("SIGKILL");
        this.child = undefined;
        finish({ kind: "timeout", ms: Date.now() - started });
      }, this.bounds.timeoutMs);
      child.on("message", onMessage);
      child.on("exit", onExit);
      child.send({ id, args });
    });
  }

  /** Ends the worker process. */
  stop(): void {
    this.child?.kill("SIGKILL");
    this.child = undefined;
  }
}
