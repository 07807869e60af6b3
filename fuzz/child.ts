/**
 * A fuzz worker process: runs CLI commands in-process, one at a time, as the parent sends them, and answers
 * with the exit code and what was printed. The parent kills it on a timeout and restarts it after a crash.
 */
import { main } from "../src/cli/main.js";

interface Request {
  readonly id: number;
  readonly args: readonly string[];
}

process.on("message", (request: Request) => {
  let stdout = "";
  let stderr = "";
  const started = process.hrtime.bigint();
  void main(["node", "outage-sim", ...request.args], { out: (t) => { stdout += t; }, err: (t) => { stderr += t; } }).then((code) => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.send?.({ id: request.id, code, stdout, stderr, ms, rssMb: process.memoryUsage().rss / 1048576 });
  });
});
process.send?.({ ready: true });
