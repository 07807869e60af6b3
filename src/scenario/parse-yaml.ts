import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { FORBIDDEN_KEYS, LOADER_LIMITS } from "./limits.js";
import { LocationIndex } from "./location-index.js";
import { estimateYamlDepth } from "./depth-scan.js";
import { formatPath, type ScenarioProblem, type SourceLocation } from "./problem.js";

/** A YAML document turned into plain values, with where each value came from. */
export interface LocatedDocument {
  readonly value: unknown;
  readonly index: LocationIndex;
  readonly problems: ScenarioProblem[];
}

/** The estimated nesting depth above which a text is refused before the YAML parser sees it (well above the real limit, far below a stack overflow). */
const DEPTH_SCAN_BOUND = LOADER_LIMITS.maxDepth * 4;

/** What a conversion may still spend before a limit refuses the file. */
interface Budget {
  nodes: number;
  aliases: number;
  stopped: boolean;
}

/**
 * Parses YAML text into plain values and a location for every path.
 * Never throws on bad input: syntax errors, duplicate keys, forbidden keys and limit breaches are problems.
 */
export function parseLocatedYaml(text: string, file: string): LocatedDocument {
  const index = new LocationIndex();
  const problems: ScenarioProblem[] = [];
  const start: SourceLocation = { file, line: 1, col: 1 };
  if (text.length > LOADER_LIMITS.maxFileBytes) {
    problems.push({ location: start, path: "", message: `file is larger than ${LOADER_LIMITS.maxFileBytes} bytes. Split it with imports or remove unused parts` });
    return { value: undefined, index, problems };
  }
  const depthMessage = `nesting is deeper than ${LOADER_LIMITS.maxDepth} levels. Flatten the structure`;
  // The YAML parser recurses: a text nested hundreds of levels deep is refused before it reaches it.
  const deep = estimateYamlDepth(text, DEPTH_SCAN_BOUND);
  if (deep.depth > DEPTH_SCAN_BOUND) {
    problems.push({ location: { file, line: deep.line, col: deep.col }, path: "", message: depthMessage });
    return { value: undefined, index, problems };
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, merge: false });
  } catch (error) {
    const overflow = error instanceof RangeError;
    problems.push({ location: start, path: "", message: overflow ? depthMessage : "cannot parse YAML. Check the file's syntax" });
    return { value: undefined, index, problems };
  }
  const at = (offset: number): SourceLocation => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, col: pos.col };
  };
  for (const error of doc.errors) {
    problems.push({ location: at(error.pos[0]), path: "", message: describeYamlError(error.code, error.message) });
  }
  if (problems.length > 0) return { value: undefined, index, problems };

  const budget: Budget = { nodes: 0, aliases: 0, stopped: false };
  const refuse = (node: Node | null | undefined, path: (string | number)[], message: string): void => {
    if (budget.stopped) return;
    budget.stopped = true;
    problems.push({ location: node?.range ? at(node.range[0]) : start, path: formatPath(path), message });
  };

  const convert = (node: unknown, path: (string | number)[], depth: number): unknown => {
    if (budget.stopped) return undefined;
    if (++budget.nodes > LOADER_LIMITS.maxNodes) {
      refuse(node as Node, path, `the document expands to more than ${LOADER_LIMITS.maxNodes} values (aliases included). Remove repeated aliases or split the file`);
      return undefined;
    }
    if (depth > LOADER_LIMITS.maxDepth) {
      refuse(node as Node, path, `nesting is deeper than ${LOADER_LIMITS.maxDepth} levels. Flatten the structure`);
      return undefined;
    }
    if (isAlias(node)) {
      if (++budget.aliases > LOADER_LIMITS.maxAliases) {
        refuse(node, path, `more than ${LOADER_LIMITS.maxAliases} alias uses. Write the values out or use imports`);
        return undefined;
      }
      const target = node.resolve(doc);
      if (target === undefined) {
        refuse(node, path, `alias *${node.source} names no anchor. Define &${node.source} before using it`);
        return undefined;
      }
      return convert(target, path, depth + 1);
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const rawKey = isScalar(keyNode) ? keyNode.value : undefined;
        const keyLoc = keyNode?.range ? at(keyNode.range[0]) : start;
        if (typeof rawKey !== "string" && typeof rawKey !== "number" && typeof rawKey !== "boolean") {
          problems.push({ location: keyLoc, path: formatPath(path), message: "a mapping key must be a plain word. Write the key as text" });
          continue;
        }
        const key = String(rawKey);
        const childPath = [...path, key];
        if (FORBIDDEN_KEYS.has(key)) {
          problems.push({ location: keyLoc, path: formatPath(childPath), message: `"${key}" is not allowed as a key. Rename it` });
          continue;
        }
        const valueNode = pair.value as Node | null;
        const valueLoc = valueNode?.range ? at(valueNode.range[0]) : keyLoc;
        index.set(childPath, { key: keyLoc, value: valueLoc });
        out[key] = convert(valueNode, childPath, depth + 1);
      }
      return { ...out };
    }
    if (isSeq(node)) {
      const out: unknown[] = [];
      node.items.forEach((item, i) => {
        const childPath = [...path, i];
        const itemNode = item as Node | null;
        index.set(childPath, { value: itemNode?.range ? at(itemNode.range[0]) : start });
        out.push(convert(itemNode, childPath, depth + 1));
      });
      return out;
    }
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === "number" && Number.isInteger(v) && !Number.isSafeInteger(v) && /^[-+]?(0|[1-9][0-9_]*)$/.test(node.source ?? "")) {
        problems.push({ location: node.range ? at(node.range[0]) : start, path: formatPath(path), message: `${node.source} is too large to keep exactly: whole numbers are kept exactly up to 9007199254740991 (2^53 − 1). Write a smaller number` });
      }
      return v;
    }
    return null;
  };

  const root = doc.contents as Node | null;
  index.set([], { value: root?.range ? at(root.range[0]) : start });
  const value = convert(root, [], 0);
  return { value: budget.stopped ? undefined : value, index, problems };
}

function describeYamlError(code: string, message: string): string {
  const first = message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? message;
  switch (code) {
    case "DUPLICATE_KEY":
      return "this key appears twice in the same mapping. Keep one of them";
    case "TAB_AS_INDENT":
      return "a tab is used for indentation. Indent with spaces";
    case "MULTIPLE_DOCS":
      return "a file holds one scenario. Remove the second document (after ---) or move it to a file of its own";
    default:
      return `YAML syntax error: ${first.replace(/\.$/, "")}. Fix the syntax at this place`;
  }
}
