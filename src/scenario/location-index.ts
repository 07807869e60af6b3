import type { SourceLocation, ValuePath } from "./problem.js";

/** Where one value of a parsed document came from: its key (for mapping entries) and the value itself. */
export interface ValueOrigin {
  readonly key?: SourceLocation;
  readonly value: SourceLocation;
}

function keyOf(path: ValuePath): string {
  return JSON.stringify(path);
}

/** Maps every path of a parsed (and merged) document to the place in a file it came from. */
export class LocationIndex {
  private readonly origins = new Map<string, ValueOrigin>();

  /** Records the origin of the value at `path`. */
  set(path: ValuePath, origin: ValueOrigin): void {
    this.origins.set(keyOf(path), origin);
  }

  /** The exact origin recorded for `path`, if any. */
  get(path: ValuePath): ValueOrigin | undefined {
    return this.origins.get(keyOf(path));
  }

  /** Copies every origin of `other` under `prefix`, replacing what was there (used when merging imports). */
  graft(prefix: ValuePath, other: LocationIndex, otherPrefix: ValuePath = []): void {
    const from = keyOf(otherPrefix).slice(0, -1);
    for (const [key, origin] of other.origins) {
      if (!key.startsWith(from)) continue;
      const path = JSON.parse(key) as (string | number)[];
      if (path.length < otherPrefix.length) continue;
      this.origins.set(keyOf([...prefix, ...path.slice(otherPrefix.length)]), origin);
    }
  }

  /** The location of the value at `path`, or of its nearest ancestor that has one. */
  locate(path: ValuePath, fallback: SourceLocation): SourceLocation {
    for (let n = path.length; n >= 0; n--) {
      const origin = this.origins.get(keyOf(path.slice(0, n)));
      if (origin !== undefined) return origin.value;
    }
    return fallback;
  }

  /** The location of the key at `path` (for "unknown key" problems), falling back to the value's. */
  locateKey(path: ValuePath, fallback: SourceLocation): SourceLocation {
    const origin = this.origins.get(keyOf(path));
    if (origin?.key !== undefined) return origin.key;
    return this.locate(path, fallback);
  }
}
