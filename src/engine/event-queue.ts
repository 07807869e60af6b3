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
 * Layout choice, measured with bench/engine-hold.ts: parallel arrays beat one interleaved
 * array of 4-lane entries here, because sifting compares times far more often than it reads
 * anything else, and a compact time array keeps more of the heap in cache.
 */

/** Number of distinct slots a handle can address; the low 26 bits of a handle are its slot. */
const SLOT_LIMIT = 2 ** 26;
/** Generations wrap here so that generation * SLOT_LIMIT + slot stays a safe integer (< 2^53). */
const GENERATION_LIMIT = 2 ** 27;
/** Sequence numbers live in the low 37 bits of the order key; priority sits above them. */
const SEQ_LIMIT = 2 ** 37;
/** Priorities fit above the sequence bits: (2^16 - 1) * 2^37 + 2^37 - 1 < 2^53, so the key is exact. */
const PRIORITY_LIMIT = 2 ** 16;
/** Slot kind of an event that was cancelled but whose heap entry has not been discarded yet. */
const DEAD_KIND = -1;
/** Slot kind of a slot on the free stack, so a forged handle can never cancel it. */
const FREE_KIND = -2;
/** Below this many dead entries, a compaction costs more than skipping them at pop time. */
const COMPACT_MIN_DEAD = 64;
/** Default number of events the queue holds before its first growth. */
const DEFAULT_CAPACITY = 1024;

/** A priority queue of timed events with cancellable handles and a deterministic total order. */
export class EventQueue {
  // Heap, indexed by heap position (root at 0). Order key = priority * SEQ_LIMIT + seq: one
  // float comparison settles both tie-breaks after the time.
  private heapTimeMs: Float64Array;
  private heapKey: Float64Array;
  private heapSlot: Int32Array;
  private heapLength = 0;

  // Per-slot records, indexed by slot. Sifting moves only (time, key, slot); kind, arg and
  // generation stay put, so a handle finds its event in O(1) without tracking heap positions.
  private slotKind: Int32Array;
  private slotArg: Float64Array;
  private slotGeneration: Int32Array;
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
    this.heapSlot = new Int32Array(initialCapacity);
    this.slotKind = new Int32Array(initialCapacity);
    this.slotArg = new Float64Array(initialCapacity);
    this.slotGeneration = new Int32Array(initialCapacity);
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

  /** Adds an event and returns a handle that {@link cancel} accepts until the event is popped. */
  push(timeMs: number, priority: number, kind: number, arg: number): number {
    // NaN would silently break the heap invariant, so it is rejected where it would enter.
    if (timeMs !== timeMs) throw new Error("EventQueue.push: timeMs is NaN");
    if ((priority & 0xffff) !== priority) {
      throw new Error(`EventQueue.push: priority must be an integer in [0, ${PRIORITY_LIMIT}), got ${priority}`);
    }
    if ((kind & 0x7fffffff) !== kind) throw new Error(`EventQueue.push: kind must be a non-negative int32, got ${kind}`);
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
    this.slotKind[slot] = kind;
    this.slotArg[slot] = arg;
    this.liveCount++;

    const key = priority * SEQ_LIMIT + seq;
    const times = this.heapTimeMs;
    const keys = this.heapKey;
    const slots = this.heapSlot;
    // Sift up with a hole: move parents down until the new entry fits, then write it once.
    let i = this.heapLength++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTimeMs = times[parent]!;
      if (parentTimeMs < timeMs || (parentTimeMs === timeMs && keys[parent]! < key)) break;
      times[i] = parentTimeMs;
      keys[i] = keys[parent]!;
      slots[i] = slots[parent]!;
      i = parent;
    }
    times[i] = timeMs;
    keys[i] = key;
    slots[i] = slot;
    return this.slotGeneration[slot]! * SLOT_LIMIT + slot;
  }

  /** Cancels a pending event; returns false if the handle already fired, was cancelled or is stale. */
  cancel(handle: number): boolean {
    if (!Number.isInteger(handle) || handle < 0) return false;
    const slot = handle % SLOT_LIMIT;
    const generation = (handle - slot) / SLOT_LIMIT;
    if (slot >= this.freshSlot) return false;
    // Firing or cancelling bumps the slot's generation, so a match means this very event.
    if (this.slotGeneration[slot] !== generation || this.slotKind[slot]! < 0) return false;
    // Lazy removal: the heap entry stays until it surfaces at the root or a compaction
    // sweeps it, which keeps cancel O(1) and the sift loops free of position bookkeeping.
    this.slotKind[slot] = DEAD_KIND;
    this.bumpGeneration(slot);
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
    const slot = this.heapSlot[0]!;
    this.poppedTimeMs = this.heapTimeMs[0]!;
    this.poppedPriority = Math.floor(this.heapKey[0]! / SEQ_LIMIT);
    this.poppedKind = this.slotKind[slot]!;
    this.poppedArg = this.slotArg[slot]!;
    this.removeRoot();
    this.releaseSlot(slot);
    this.liveCount--;
    return true;
  }

  /** Drops cancelled entries sitting at the root, so the root is a live event or the heap is empty. */
  private discardDeadRoots(): void {
    while (this.heapLength > 0) {
      const slot = this.heapSlot[0]!;
      if (this.slotKind[slot] !== DEAD_KIND) return;
      this.removeRoot();
      this.releaseSlot(slot);
      this.deadCount--;
    }
  }

  /** Replaces the root by the last entry and sifts that entry down. */
  private removeRoot(): void {
    const last = --this.heapLength;
    if (last === 0) return;
    this.siftDown(0, this.heapTimeMs[last]!, this.heapKey[last]!, this.heapSlot[last]!, last);
  }

  /** Places an entry at or below heap position `start`, moving the smaller child up at each level. */
  private siftDown(start: number, timeMs: number, key: number, slot: number, length: number): void {
    const times = this.heapTimeMs;
    const keys = this.heapKey;
    const slots = this.heapSlot;
    let i = start;
    const lastParent = (length - 2) >> 1;
    while (i <= lastParent) {
      let child = 2 * i + 1;
      let childTimeMs = times[child]!;
      let childKey = keys[child]!;
      const right = child + 1;
      if (right < length) {
        const rightTimeMs = times[right]!;
        if (rightTimeMs < childTimeMs || (rightTimeMs === childTimeMs && keys[right]! < childKey)) {
          child = right;
          childTimeMs = rightTimeMs;
          childKey = keys[right]!;
        }
      }
      if (timeMs < childTimeMs || (timeMs === childTimeMs && key < childKey)) break;
      times[i] = childTimeMs;
      keys[i] = childKey;
      slots[i] = slots[child]!;
      i = child;
    }
    times[i] = timeMs;
    keys[i] = key;
    slots[i] = slot;
  }

  /** Returns a slot to the free stack and invalidates every handle that named it. */
  private releaseSlot(slot: number): void {
    this.slotKind[slot] = FREE_KIND;
    this.bumpGeneration(slot);
    this.freeSlots[this.freeCount++] = slot;
  }

  /** Advances a slot's generation, wrapping so that handles stay safe integers. */
  private bumpGeneration(slot: number): void {
    const next = this.slotGeneration[slot]! + 1;
    this.slotGeneration[slot] = next === GENERATION_LIMIT ? 0 : next;
  }

  /** Removes every cancelled entry and re-heapifies, so dead entries never exceed half of the heap. */
  private compact(): void {
    const times = this.heapTimeMs;
    const keys = this.heapKey;
    const slots = this.heapSlot;
    const kinds = this.slotKind;
    let kept = 0;
    for (let i = 0; i < this.heapLength; i++) {
      const slot = slots[i]!;
      if (kinds[slot] === DEAD_KIND) {
        this.releaseSlot(slot);
        continue;
      }
      times[kept] = times[i]!;
      keys[kept] = keys[i]!;
      slots[kept] = slot;
      kept++;
    }
    this.heapLength = kept;
    this.deadCount = 0;
    // Floyd's heapify is O(n); the total order makes the pop order independent of the layout
    // this produces.
    for (let i = (kept >> 1) - 1; i >= 0; i--) {
      this.siftDown(i, times[i]!, keys[i]!, slots[i]!, kept);
    }
  }

  /** Doubles every array; called only when every slot is in use. */
  private grow(): void {
    if (this.capacity === SLOT_LIMIT) throw new Error(`EventQueue: more than ${SLOT_LIMIT} pending events`);
    const capacity = Math.min(this.capacity * 2, SLOT_LIMIT);
    this.heapTimeMs = growFloat64(this.heapTimeMs, capacity);
    this.heapKey = growFloat64(this.heapKey, capacity);
    this.heapSlot = growInt32(this.heapSlot, capacity);
    this.slotKind = growInt32(this.slotKind, capacity);
    this.slotArg = growFloat64(this.slotArg, capacity);
    this.slotGeneration = growInt32(this.slotGeneration, capacity);
    this.freeSlots = growInt32(this.freeSlots, capacity);
    this.capacity = capacity;
  }
}

/** Copies a Float64Array into a new, larger one. */
function growFloat64(source: Float64Array, capacity: number): Float64Array {
  const target = new Float64Array(capacity);
  target.set(source);
  return target;
}

/** Copies an Int32Array into a new, larger one. */
function growInt32(source: Int32Array, capacity: number): Int32Array {
  const target = new Int32Array(capacity);
  target.set(source);
  return target;
}
