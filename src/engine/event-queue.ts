/**
 * Pending-event set of the engine: a binary min-heap over parallel typed arrays.
 *
 * Why typed arrays: a heap of one object per event was measured 4–16× slower once 100k
 * events are pending and uses ~3× the memory; here a push or pop allocates nothing
 * (storage only grows, by doubling).
 *
 * Order is total and explicit — (timeMs, priority, seq) — so two runs of the same inputs pop
 * events in the same order whatever the heap's internal layout (no reliance on sort stability).
 *
 * Layout, chosen by measurement with bench/engine-hold.ts: everything a pop returns (time,
 * priority, kind, arg) travels with the heap entry, so a live pop reads only the root, which
 * is always in cache. Keeping kind and arg in per-slot arrays instead was ~15% faster with
 * 1k pending events (one array fewer to move per level) but lost 10–25% at 1M, where the
 * random per-slot read is a cache miss on every pop; we prefer the flatter profile. Parallel
 * arrays also beat one interleaved array of 4-lane entries: sifting compares times far more
 * often than it reads anything else, and a compact time array keeps more of the heap in cache.
 * A branch-free child selection was ~20% faster at 1k but 2× slower at 1M (it defeats the
 * speculative loads that hide memory latency), so the sift loops keep their branches.
 */

/** Number of distinct slots a handle can address; the low 26 bits of a handle are its slot. */
const SLOT_LIMIT = 2 ** 26;
/** Generations cycle through 1..GENERATION_LIMIT-1 so that handles stay safe integers (< 2^53) and are never 0. */
const GENERATION_LIMIT = 2 ** 27;
/** Sequence numbers live in the low 37 bits of the order key; priority sits above them. */
const SEQ_LIMIT = 2 ** 37;
/** Priorities fit above the sequence bits: (2^16 - 1) * 2^37 + 2^37 - 1 < 2^53, so the key is exact. */
const PRIORITY_LIMIT = 2 ** 16;
/** Kinds share a float64 lane with the slot (kind * SLOT_LIMIT + slot), which must stay below 2^53. */
const KIND_LIMIT = 2 ** 27;
/** Below this many dead entries, a compaction costs more than skipping them at pop time. */
const COMPACT_MIN_DEAD = 64;
/** Default number of events the queue holds before its first growth. */
const DEFAULT_CAPACITY = 1024;

// Slot states. A slot is the identity of one pending event for as long as it is pending;
// its record is [generation, state] in `slotRecords`.
/** On the free stack (or never used). */
const FREE = 0;
/** Its event is in the heap and live. */
const PENDING = 1;
/** Its event was cancelled; the heap entry is discarded when it surfaces or at compaction. */
const CANCELLED = 2;

/** A priority queue of timed events with cancellable handles and a deterministic total order. */
export class EventQueue {
  // Heap, indexed by heap position (root at 0). Order key = priority * SEQ_LIMIT + seq: one
  // float comparison settles both tie-breaks after the time. Ref = kind * SLOT_LIMIT + slot.
  private heapTimeMs: Float64Array;
  private heapKey: Float64Array;
  private heapArg: Float64Array;
  private heapRef: Float64Array;
  private heapLength = 0;

  /** Per slot: [generation, state]. Read by push (the slot just freed, so in cache) and cancel, never by a live pop. */
  private slotRecords: Int32Array;
  /** Stack of released slots; LIFO reuse keeps the records of a busy queue in cache. */
  private freeSlots: Int32Array;
  private freeCount = 0;
  /** Slots at or above this index have never been handed out. */
  private freshSlot = 0;

  private capacity: number;
  private nextSeq = 0;
  private liveCount = 0;
  private deadCount = 0;

  /** Time of the event most recently returned by {@link pop}. */
  poppedTimeMs = 0;
  /** Priority of the event most recently returned by {@link pop}. */
  poppedPriority = 0;
  /** Kind of the event most recently returned by {@link pop}. */
  poppedKind = 0;
  /** Argument of the event most recently returned by {@link pop}. */
  poppedArg = 0;

  /** Creates an empty queue whose storage starts at `initialCapacity` events and doubles as needed. */
  constructor(initialCapacity = DEFAULT_CAPACITY) {
    if (!Number.isInteger(initialCapacity) || initialCapacity < 1 || initialCapacity > SLOT_LIMIT) {
      throw new Error(`EventQueue: initialCapacity must be an integer in [1, ${SLOT_LIMIT}], got ${initialCapacity}`);
    }
    this.capacity = initialCapacity;
    this.heapTimeMs = new Float64Array(initialCapacity);
    this.heapKey = new Float64Array(initialCapacity);
    this.heapArg = new Float64Array(initialCapacity);
    this.heapRef = new Float64Array(initialCapacity);
    this.slotRecords = new Int32Array(initialCapacity * 2);
    this.freeSlots = new Int32Array(initialCapacity);
  }

  /** Number of pending events that have not been cancelled. */
  get size(): number {
    return this.liveCount;
  }

  /** Number of events the storage holds before it next doubles. */
  get capacityEvents(): number {
    return this.capacity;
  }

  /** Adds an event and returns its handle (a positive integer, never 0), which {@link cancel} accepts until the event is popped. */
  push(timeMs: number, priority: number, kind: number, arg: number): number {
    // NaN would silently break the heap invariant, so it is rejected where it would enter.
    if (timeMs !== timeMs) throw new Error("EventQueue.push: timeMs is NaN");
    if ((priority & 0xffff) !== priority) {
      throw new Error(`EventQueue.push: priority must be an integer in [0, ${PRIORITY_LIMIT}), got ${priority}`);
    }
    if ((kind & (KIND_LIMIT - 1)) !== kind) {
      throw new Error(`EventQueue.push: kind must be an integer in [0, ${KIND_LIMIT}), got ${kind}`);
    }
    const seq = this.nextSeq;
    if (seq === SEQ_LIMIT) throw new Error(`EventQueue.push: ${SEQ_LIMIT} events pushed; sequence numbers exhausted`);
    this.nextSeq = seq + 1;

    let slot: number;
    if (this.freeCount > 0) {
      slot = this.freeSlots[--this.freeCount]!;
    } else {
      if (this.freshSlot === this.capacity) this.grow();
      slot = this.freshSlot++;
    }
    const records = this.slotRecords;
    const previousGeneration = records[2 * slot]!;
    // A new generation per use of the slot is what makes handles of earlier uses stale.
    const generation = previousGeneration === GENERATION_LIMIT - 1 ? 1 : previousGeneration + 1;
    records[2 * slot] = generation;
    records[2 * slot + 1] = PENDING;
    this.liveCount++;

    const key = priority * SEQ_LIMIT + seq;
    const ref = kind * SLOT_LIMIT + slot;
    const times = this.heapTimeMs;
    const keys = this.heapKey;
    const args = this.heapArg;
    const refs = this.heapRef;
    // Sift up with a hole: move parents down until the new entry fits, then write it once.
    let i = this.heapLength++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTimeMs = times[parent]!;
      if (parentTimeMs < timeMs || (parentTimeMs === timeMs && keys[parent]! < key)) break;
      times[i] = parentTimeMs;
      keys[i] = keys[parent]!;
      args[i] = args[parent]!;
      refs[i] = refs[parent]!;
      i = parent;
    }
    times[i] = timeMs;
    keys[i] = key;
    args[i] = arg;
    refs[i] = ref;
    return generation * SLOT_LIMIT + slot;
  }

  /** Cancels a pending event; returns false if the handle already fired, was cancelled or is stale. */
  cancel(handle: number): boolean {
    if (!Number.isInteger(handle) || handle < 0) return false;
    const slot = handle % SLOT_LIMIT;
    const generation = (handle - slot) / SLOT_LIMIT;
    if (slot >= this.freshSlot) return false;
    const records = this.slotRecords;
    if (records[2 * slot] !== generation || records[2 * slot + 1] !== PENDING) return false;
    // Lazy removal: the heap entry stays until it surfaces at the root or a compaction
    // sweeps it, which keeps cancel O(1) and the sift loops free of position bookkeeping.
    records[2 * slot + 1] = CANCELLED;
    this.liveCount--;
    this.deadCount++;
    if (this.deadCount > COMPACT_MIN_DEAD && this.deadCount > this.liveCount) this.compact();
    return true;
  }

  /** Time of the earliest live event, or Infinity when none is pending. */
  peekTimeMs(): number {
    if (this.deadCount > 0) this.discardDeadRoots();
    return this.heapLength === 0 ? Infinity : this.heapTimeMs[0]!;
  }

  /** Removes the earliest live event into the popped* fields; returns false when none is pending. */
  pop(): boolean {
    if (this.deadCount > 0) this.discardDeadRoots();
    if (this.heapLength === 0) return false;
    const ref = this.heapRef[0]!;
    const kind = Math.floor(ref / SLOT_LIMIT);
    const slot = ref - kind * SLOT_LIMIT;
    this.poppedTimeMs = this.heapTimeMs[0]!;
    this.poppedPriority = Math.floor(this.heapKey[0]! / SEQ_LIMIT);
    this.poppedKind = kind;
    this.poppedArg = this.heapArg[0]!;
    this.releaseSlot(slot);
    this.removeRoot();
    this.liveCount--;
    return true;
  }

  /** Drops cancelled entries sitting at the root, so the root is a live event or the heap is empty. */
  private discardDeadRoots(): void {
    while (this.heapLength > 0) {
      const slot = this.heapRef[0]! % SLOT_LIMIT;
      if (this.slotRecords[2 * slot + 1] !== CANCELLED) return;
      this.releaseSlot(slot);
      this.removeRoot();
      this.deadCount--;
    }
  }

  /** Marks a slot free (a blind store: a pop never waits on a cold slot record) and stacks it for reuse. */
  private releaseSlot(slot: number): void {
    this.slotRecords[2 * slot + 1] = FREE;
    this.freeSlots[this.freeCount++] = slot;
  }

  /** Replaces the root by the last entry and sifts that entry down. */
  private removeRoot(): void {
    const last = --this.heapLength;
    if (last === 0) return;
    this.siftDown(0, this.heapTimeMs[last]!, this.heapKey[last]!, this.heapArg[last]!, this.heapRef[last]!, last);
  }

  /** Places an entry at or below heap position `start`, moving the smaller child up at each level. */
  private siftDown(start: number, timeMs: number, key: number, arg: number, ref: number, length: number): void {
    const times = this.heapTimeMs;
    const keys = this.heapKey;
    const args = this.heapArg;
    const refs = this.heapRef;
    let i = start;
    const lastParent = (length - 2) >> 1;
    while (i <= lastParent) {
      let child = 2 * i + 1;
      let childTimeMs = times[child]!;
      const right = child + 1;
      if (right < length) {
        const rightTimeMs = times[right]!;
        if (rightTimeMs < childTimeMs || (rightTimeMs === childTimeMs && keys[right]! < keys[child]!)) {
          child = right;
          childTimeMs = rightTimeMs;
        }
      }
      const childKey = keys[child]!;
      if (timeMs < childTimeMs || (timeMs === childTimeMs && key < childKey)) break;
      times[i] = childTimeMs;
      keys[i] = childKey;
      args[i] = args[child]!;
      refs[i] = refs[child]!;
      i = child;
    }
    times[i] = timeMs;
    keys[i] = key;
    args[i] = arg;
    refs[i] = ref;
  }

  /** Removes every cancelled entry and re-heapifies, so dead entries never exceed half of the heap. */
  private compact(): void {
    const times = this.heapTimeMs;
    const keys = this.heapKey;
    const args = this.heapArg;
    const refs = this.heapRef;
    const records = this.slotRecords;
    let kept = 0;
    for (let i = 0; i < this.heapLength; i++) {
      const ref = refs[i]!;
      const slot = ref % SLOT_LIMIT;
      if (records[2 * slot + 1] === CANCELLED) {
        this.releaseSlot(slot);
        continue;
      }
      times[kept] = times[i]!;
      keys[kept] = keys[i]!;
      args[kept] = args[i]!;
      refs[kept] = ref;
      kept++;
    }
    this.heapLength = kept;
    this.deadCount = 0;
    // Floyd's heapify is O(n); the total order makes the pop order independent of the layout
    // this produces.
    for (let i = (kept >> 1) - 1; i >= 0; i--) {
      this.siftDown(i, times[i]!, keys[i]!, args[i]!, refs[i]!, kept);
    }
  }

  /** Doubles every array; called only when every slot is in use. */
  private grow(): void {
    if (this.capacity === SLOT_LIMIT) throw new Error(`EventQueue: more than ${SLOT_LIMIT} pending events`);
    const capacity = Math.min(this.capacity * 2, SLOT_LIMIT);
    this.heapTimeMs = growFloat64(this.heapTimeMs, capacity);
    this.heapKey = growFloat64(this.heapKey, capacity);
    this.heapArg = growFloat64(this.heapArg, capacity);
    this.heapRef = growFloat64(this.heapRef, capacity);
    const records = new Int32Array(capacity * 2);
    records.set(this.slotRecords);
    this.slotRecords = records;
    const freeSlots = new Int32Array(capacity);
    freeSlots.set(this.freeSlots);
    this.freeSlots = freeSlots;
    this.capacity = capacity;
  }
}

/** Copies a Float64Array into a new, larger one. */
function growFloat64(source: Float64Array, capacity: number): Float64Array {
  const target = new Float64Array(capacity);
  target.set(source);
  return target;
}
