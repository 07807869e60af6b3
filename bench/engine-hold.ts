/**
 * The classic "hold" benchmark for pending-event sets: keep N events pending, then repeatedly
 * pop the earliest and push a successor a random increment later. It isolates the queue's
 * cost from any model code, and the bare heap beside it shows what our handles, cancellation
 * and total order cost over the simplest typed-array heap.
 */
import { performance } from "node:perf_hooks";
import { EventQueue } from "../src/engine/event-queue.js";

/** Hold operations (one pop + one push) timed per implementation and size. */
const HOLD_OPERATIONS = 10_000_000;
/**
 * The timed operations run in rounds that alternate between the two implementations, so a
 * noisy neighbour on a shared machine slows both alike instead of skewing the ratio.
 */
const ROUNDS = 5;
/** Below this many pending events a heap-usage delta is dominated by unrelated garbage. */
const MEMORY_MIN_PENDING = 100_000;
/** Hold operations run untimed first so both implementations are optimized before timing. */
const WARMUP_OPERATIONS = 2_000_000;
/** Pending-event counts to measure. */
const PENDING_COUNTS = [1_000, 100_000, 1_000_000];
/** Precomputed increments (a power of two, so the index wraps with a mask). */
const RING_SIZE = 1 << 20;
/** Mean of the exponential increments, in ms. */
const INCREMENT_MEAN_MS = 100;

const TARGET_RATIO = 0.6;
const TARGET_EVENTS_PER_SECOND_AT_1K = 3_000_000;
const TARGET_BYTES_PER_PENDING = 100;

/** A bare binary min-heap ordered by (time, seq), without handles or cancellation: the baseline. */
class BareHeap {
  private readonly times: Float64Array;
  private readonly seqs: Float64Array;
  private readonly payloads: Int32Array;
  private length = 0;
  private nextSeq = 0;
  poppedTimeMs = 0;
  poppedPayload = 0;

  constructor(capacity: number) {
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.payloads = new Int32Array(capacity);
  }

  push(timeMs: number, payload: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const payloads = this.payloads;
    const seq = this.nextSeq++;
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTimeMs = times[parent]!;
      if (parentTimeMs < timeMs || (parentTimeMs === timeMs && seqs[parent]! < seq)) break;
      times[i] = parentTimeMs;
      seqs[i] = seqs[parent]!;
      payloads[i] = payloads[parent]!;
      i = parent;
    }
    times[i] = timeMs;
    seqs[i] = seq;
    payloads[i] = payload;
  }

  pop(): boolean {
    if (this.length === 0) return false;
    const times = this.times;
    const seqs = this.seqs;
    const payloads = this.payloads;
    this.poppedTimeMs = times[0]!;
    this.poppedPayload = payloads[0]!;
    const length = --this.length;
    const timeMs = times[length]!;
    const seq = seqs[length]!;
    const payload = payloads[length]!;
    let i = 0;
    const lastParent = (length - 2) >> 1;
    while (i <= lastParent) {
      let child = 2 * i + 1;
      let childTimeMs = times[child]!;
      let childSeq = seqs[child]!;
      const right = child + 1;
      if (right < length) {
        const rightTimeMs = times[right]!;
        if (rightTimeMs < childTimeMs || (rightTimeMs === childTimeMs && seqs[right]! < childSeq)) {
          child = right;
          childTimeMs = rightTimeMs;
          childSeq = seqs[right]!;
        }
      }
      if (timeMs < childTimeMs || (timeMs === childTimeMs && seq < childSeq)) break;
      times[i] = childTimeMs;
      seqs[i] = childSeq;
      payloads[i] = payloads[child]!;
      i = child;
    }
    times[i] = timeMs;
    seqs[i] = seq;
    payloads[i] = payload;
    return true;
  }
}

/** Exponential increments from a fixed xorshift32 stream, so every run and both heaps see the same times. */
function buildIncrements(): Float64Array {
  const increments = new Float64Array(RING_SIZE);
  let state = 0x9e3779b9 | 0;
  for (let i = 0; i < RING_SIZE; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const u = (state >>> 0) / 4294967296;
    increments[i] = -INCREMENT_MEAN_MS * Math.log(1 - u);
  }
  return increments;
}

function fillOurs(queue: EventQueue, pending: number, increments: Float64Array): void {
  for (let i = 0; i < pending; i++) queue.push(increments[i & (RING_SIZE - 1)]!, 0, 0, i);
}

function holdOurs(queue: EventQueue, operations: number, increments: Float64Array, offset: number): void {
  const mask = RING_SIZE - 1;
  for (let i = 0; i < operations; i++) {
    queue.pop();
    queue.push(queue.poppedTimeMs + increments[(offset + i) & mask]!, 0, 0, i);
  }
}

function fillBare(heap: BareHeap, pending: number, increments: Float64Array): void {
  for (let i = 0; i < pending; i++) heap.push(increments[i & (RING_SIZE - 1)]!, i);
}

function holdBare(heap: BareHeap, operations: number, increments: Float64Array, offset: number): void {
  const mask = RING_SIZE - 1;
  for (let i = 0; i < operations; i++) {
    heap.pop();
    heap.push(heap.poppedTimeMs + increments[(offset + i) & mask]!, i);
  }
}

/**
 * Forces a full collection when node runs with --expose-gc (memory figures are rough without
 * it), then yields to the event loop: V8 releases the backing stores of dead ArrayBuffers
 * (here, the arrays left behind by growth) only after the collection's task completes.
 */
async function collect(): Promise<void> {
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 0));
  globalThis.gc?.();
}

function usedBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Wall time of one call, in ms. */
function timeMs(run: () => void): number {
  const startMs = performance.now();
  run();
  return performance.now() - startMs;
}

function formatRate(eventsPerSecondValue: number): string {
  return `${(eventsPerSecondValue / 1e6).toFixed(2).padStart(6)} M events/s`;
}

function formatBytes(bytesPerPending: number, pending: number): string {
  if (pending < MEMORY_MIN_PENDING) return "bytes/pending event: too few events to measure";
  return `${bytesPerPending.toFixed(1)} bytes/pending event (capacity ${capacityNote(pending)})`;
}

/** Capacity the doubling policy reaches for `pending` events from the default start. */
function capacityNote(pending: number): string {
  let capacity = new EventQueue().capacityEvents;
  while (capacity < pending) capacity *= 2;
  return `${capacity.toLocaleString("en-US")}, ${((capacity / pending) * 100).toFixed(0)}% of pending`;
}

function passOrMiss(ok: boolean): string {
  return ok ? "PASS" : "MISS";
}

/** Figures for one pending count. */
interface Measurement {
  ours: number;
  bare: number;
  bytesPerPending: number;
}

/**
 * Measures one pending count. A function of its own so that the previous count's queues are
 * unreachable (not parked in the caller's suspended async frame) when memory is sampled.
 */
async function measure(pending: number, increments: Float64Array): Promise<Measurement> {
  await collect();
  const beforeBytes = usedBytes();
  const queue = new EventQueue();
  fillOurs(queue, pending, increments);
  await collect();
  const bytesPerPending = (usedBytes() - beforeBytes) / pending;
  const heap = new BareHeap(pending);
  fillBare(heap, pending, increments);

  const roundOperations = HOLD_OPERATIONS / ROUNDS;
  let oursMs = 0;
  let bareMs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    // Both start from the same ring offset each round, so they see the same increments.
    const offset = pending + round * roundOperations;
    oursMs += timeMs(() => holdOurs(queue, roundOperations, increments, offset));
    bareMs += timeMs(() => holdBare(heap, roundOperations, increments, offset));
  }
  return {
    ours: HOLD_OPERATIONS / (oursMs / 1000),
    bare: HOLD_OPERATIONS / (bareMs / 1000),
    bytesPerPending,
  };
}

/** Runs the hold benchmark for each pending count and prints one line each, then the targets. */
export async function benchEngineHold(print: (line: string) => void): Promise<void> {
  const increments = buildIncrements();
  if (globalThis.gc === undefined) print("engine-hold: run node with --expose-gc for meaningful memory figures");

  // Warm-up on a small queue so the timed runs measure optimized code for both implementations.
  const warmQueue = new EventQueue();
  fillOurs(warmQueue, 1_000, increments);
  holdOurs(warmQueue, WARMUP_OPERATIONS, increments, 0);
  const warmHeap = new BareHeap(1_000);
  fillBare(warmHeap, 1_000, increments);
  holdBare(warmHeap, WARMUP_OPERATIONS, increments, 0);

  let worstRatio = Infinity;
  let oursAt1k = 0;
  let bytesAt1M = 0;
  print(
    `engine-hold: ${HOLD_OPERATIONS / 1e6}M hold operations (pop + push) per size in ${ROUNDS} alternating rounds,` +
      ` exponential increments mean ${INCREMENT_MEAN_MS} ms, node ${process.version}`,
  );
  for (const pending of PENDING_COUNTS) {
    const { ours, bare, bytesPerPending } = await measure(pending, increments);
    const ratio = ours / bare;
    worstRatio = Math.min(worstRatio, ratio);
    if (pending === 1_000) oursAt1k = ours;
    if (pending === 1_000_000) bytesAt1M = bytesPerPending;
    print(
      `  N=${pending.toLocaleString("en-US").padStart(9)}  ours ${formatRate(ours)}  bare ${formatRate(bare)}` +
        `  ours/bare ${(ratio * 100).toFixed(0).padStart(3)}%  ours ${formatBytes(bytesPerPending, pending)}`,
    );
  }
  print(
    `target: ours >= ${TARGET_RATIO * 100}% of bare [${passOrMiss(worstRatio >= TARGET_RATIO)}, worst ${(worstRatio * 100).toFixed(0)}%],` +
      ` >= ${TARGET_EVENTS_PER_SECOND_AT_1K / 1e6}M events/s at 1k pending [${passOrMiss(oursAt1k >= TARGET_EVENTS_PER_SECOND_AT_1K)}],` +
      ` <= ${TARGET_BYTES_PER_PENDING} bytes/pending event [${passOrMiss(bytesAt1M <= TARGET_BYTES_PER_PENDING)}, ${bytesAt1M.toFixed(1)} at 1M]`,
  );
}
