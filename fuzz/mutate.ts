/**
 * Mutated scenarios for the fuzz campaign: a seed file (a shipped scenario, a fixture) changed at the
 * text, structure and value level by a list of mutations that fast-check generates and shrinks.
 */
import fc from "fast-check";
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";

/** One change to a scenario's text. */
export type Mutation =
  | { readonly kind: "value"; readonly pick: number; readonly value: unknown }
  | { readonly kind: "tweak"; readonly pick: number; readonly choice: number }
  | { readonly kind: "delete-key"; readonly pick: number }
  | { readonly kind: "rename-key"; readonly pick: number; readonly name: string }
  | { readonly kind: "duplicate-entry"; readonly pick: number }
  | { readonly kind: "text-insert"; readonly at: number; readonly text: string }
  | { readonly kind: "text-delete"; readonly at: number; readonly length: number }
  | { readonly kind: "line-duplicate"; readonly at: number };

/** A fuzz case: which seed file, and the mutations applied to it in order. */
export interface FuzzCase {
  readonly seed: number;
  readonly mutations: readonly Mutation[];
}

const NAMES = ["at", "duration", "after", "every", "servers", "count", "vms", "horizon", "seed", "sampleInterval", "scrapeInterval", "import", "limits", "when", "for", "type", "kind", "id", "capacity", "fraction", "replicas", "ttl", "openFor", "__proto__", "constructor", "x"];

const HUGE = `1${"0".repeat(400)}`;

/** Values that have broken parsers and models before: extremes, wrong types, overflowing durations, deep nests. */
const extremeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    0, -1, 1, 2, 0.5, -0.5, 1e15, 2 ** 31, 2 ** 53, 1e308, -1e308, "9007199254740993",
    null, true, false, "", "x", [], {}, [[[[[[[[]]]]]]]],
    "0s", "1ms", "1s", "366d", "367d", `${HUGE}d`, `${HUGE}ms`, "1e3s", "1.5h", "-1m", "1m1m1m1m",
    "/etc/passwd", "/dev/zero", "../../../../etc/shadow", "/proc/self/environ",
    "app.x.successRatio < 0.5", "service.nope.capacity > 0", "hall.h.inletCelsius > 1e400",
    "!!js/function 'x'", "*alias", "&a x", "\u0000", "é".repeat(100),
    "2023-03-29T00:30:00+08:00", "2023-02-30T00:00:00Z", "9999-12-31T23:59:59+14:00",
  ),
  fc.integer({ min: -10, max: 5_000_000 }),
  fc.double({ noNaN: false }),
  fc.string({ maxLength: 12 }),
  fc.array(fc.constantFrom<unknown>(0, 1, "a", "1h", null), { maxLength: 5 }),
);

/** Text that has broken the YAML layer before: brackets, quotes, indicators, tabs, anchors, deep nests. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("[", "]", "{", "}", ":", "- ", "? ", "&a ", "*a", "!!str ", "!!binary ", "|", ">", "#", "\t", "\n", "'", '"', "---\n", "...\n", "<<: *a\n", "\u00a0", "\ufeff",
    "[".repeat(300), "- ".repeat(200), `x: ${"{a: ".repeat(100)}1${"}".repeat(100)}\n`, "e".repeat(1000)),
  fc.string({ maxLength: 8 }),
);

/** Extremes of the same kind as the value they replace: a number stays a number, a duration a duration. */
const NUMBER_EXTREMES: readonly number[] = [0, 1, 2, 3, 0.001, 0.999, 1.5, 10, 100, 1e3, 1e4, 1e6, 1e9, 1e12, 1e15, 2 ** 31, 2 ** 53 - 1, -1, 1e-9, 5e5];
const DURATION_EXTREMES: readonly string[] = ["0s", "1ms", "1s", "10s", "1m", "30m", "1h", "6h", "1d", "30d", "366d", "367d", "36600d", "36601d", `${HUGE}d`];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("tweak" as const), pick: fc.nat(), choice: fc.nat() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("value" as const), pick: fc.nat(), value: extremeValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete-key" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("rename-key" as const), pick: fc.nat(), name: fc.constantFrom(...NAMES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("duplicate-entry" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("text-insert" as const), at: fc.nat(), text: hostileText }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("text-delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("line-duplicate" as const), at: fc.nat() }) },
);

/** Fuzz cases over `seedCount` seed files, one to four mutations each. */
export function fuzzCase(validSeeds: number, seedCount: number): fc.Arbitrary<FuzzCase> {
  const seed = validSeeds > 0 && validSeeds < seedCount
    ? fc.oneof({ weight: 4, arbitrary: fc.nat({ max: validSeeds - 1 }) }, { weight: 1, arbitrary: fc.integer({ min: validSeeds, max: seedCount - 1 }) })
    : fc.nat({ max: seedCount - 1 });
  return fc.record({ seed, mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) });
}

/** Every node of a document with a path, in document order. */
function nodesOf(doc: Document): { node: Node; parent: Node | undefined; key: unknown }[] {
  const out: { node: Node; parent: Node | undefined; key: unknown }[] = [];
  const stack: { node: Node; parent: Node | undefined; key: unknown }[] = [];
  if (doc.contents !== null) stack.push({ node: doc.contents as Node, parent: undefined, key: undefined });
  while (stack.length > 0) {
    const item = stack.pop()!;
    out.push(item);
    if (isMap(item.node)) {
      for (const pair of [...item.node.items].reverse()) {
        if (pair.value !== null && typeof pair.value === "object") stack.push({ node: pair.value as Node, parent: item.node, key: isScalar(pair.key) ? pair.key.value : pair.key });
      }
    } else if (isSeq(item.node)) {
      item.node.items.forEach((child, i) => {
        if (child !== null && typeof child === "object") stack.push({ node: child as Node, parent: item.node, key: i });
      });
    }
  }
  return out;
}

/** Applies one structural mutation to a parsed document; false when it did not apply. */
function applyStructural(doc: Document, m: Mutation): boolean {
  const nodes = nodesOf(doc).filter((n) => n.parent !== undefined);
  if (nodes.length === 0 || !("pick" in m)) return false;
  const target = nodes[m.pick % nodes.length]!;
  const parent = target.parent!;
  if (m.kind === "tweak") {
    if (!isScalar(target.node) || !(isMap(parent) || isSeq(parent))) return false;
    const old = target.node.value;
    let value: unknown;
    if (typeof old === "number") value = NUMBER_EXTREMES[m.choice % NUMBER_EXTREMES.length];
    else if (typeof old === "string" && /^\d+(\.\d+)?(ms|s|m|h|d)/.test(old)) value = DURATION_EXTREMES[m.choice % DURATION_EXTREMES.length];
    else if (typeof old === "boolean") value = !old;
    else return false;
    parent.set(target.key as never, doc.createNode(value));
    return true;
  }
  if (m.kind === "value") {
    if (isMap(parent) || isSeq(parent)) parent.set(target.key as never, doc.createNode(m.value));
    return true;
  }
  if (m.kind === "delete-key") {
    if (isMap(parent) || isSeq(parent)) parent.delete(target.key as never);
    return true;
  }
  if (m.kind === "rename-key" && isMap(parent)) {
    const value = parent.get(target.key as never, true);
    parent.delete(target.key as never);
    parent.set(m.name as never, value);
    return true;
  }
  if (m.kind === "duplicate-entry" && isSeq(parent)) {
    parent.add(doc.createNode(target.node.toJSON()));
    return true;
  }
  return false;
}

/** The scenario text a case makes from its seed file's text. */
export function applyMutations(text: string, mutations: readonly Mutation[]): string {
  let current = text;
  for (const m of mutations) {
    if (m.kind === "text-insert") {
      const at = current.length === 0 ? 0 : m.at % (current.length + 1);
      current = current.slice(0, at) + m.text + current.slice(at);
    } else if (m.kind === "text-delete") {
      const at = current.length === 0 ? 0 : m.at % current.length;
      current = current.slice(0, at) + current.slice(at + m.length);
    } else if (m.kind === "line-duplicate") {
      const lines = current.split("\n");
      const at = m.at % lines.length;
      lines.splice(at, 0, lines[at] ?? "");
      current = lines.join("\n");
    } else {
      let doc: Document;
      try {
        doc = parseDocument(current, { uniqueKeys: false });
        if (doc.errors.length > 0) continue;
        if (!applyStructural(doc, m)) continue;
        current = doc.toString({ lineWidth: 0 });
      } catch {
        continue;
      }
    }
  }
  return current;
}
