/**
 * Rewrites a scenario or topology file's `region.import` paths in place, leaving every other
 * byte (comments, layout, quoting) as written; and sets the editor's schema modeline. Used by
 * `outage-sim init` to copy a scenario with the files it imports.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";

/** The import paths a file's text declares under `region.import`, as written (none when it cannot be read as YAML). */
export function importsOf(text: string): string[] {
  return importNodes(text).map((n) => n.value);
}

interface ImportNode {
  readonly value: string;
  /** Offsets of the scalar in the text: [start, end). */
  readonly start: number;
  readonly end: number;
}

function importNodes(text: string): ImportNode[] {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return [];
  const region = doc.contents.get("region", true);
  if (!isMap(region)) return [];
  const node = region.get("import", true) as Node | undefined;
  const scalars = isScalar(node) ? [node] : isSeq(node) ? node.items.filter(isScalar) : [];
  return scalars
    .filter((s) => typeof s.value === "string" && s.range !== undefined && s.range !== null)
    .map((s) => ({ value: s.value as string, start: (s.range as [number, number, number])[0], end: (s.range as [number, number, number])[1] }));
}

/** Whether a path can be written as a plain YAML scalar without quotes. */
function plain(path: string): boolean {
  return /^[A-Za-z0-9_./-][A-Za-z0-9_./ -]*$/.test(path) && !path.endsWith(" ");
}

/** The text with each import path replaced by `rename(path)`; everything else is kept byte for byte. */
export function rewriteImports(text: string, rename: (path: string) => string): string {
  let out = text;
  for (const node of importNodes(text).sort((a, b) => b.start - a.start)) {
    const renamed = rename(node.value);
    out = `${out.slice(0, node.start)}${plain(renamed) ? renamed : JSON.stringify(renamed)}${out.slice(node.end)}`;
  }
  return out;
}

const MODELINE = /^# yaml-language-server: \$schema=.*$/m;

/** The text with its `# yaml-language-server: $schema=…` line pointing at `schemaPath` (added on top when missing). */
export function withSchemaModeline(text: string, schemaPath: string): string {
  const line = `# yaml-language-server: $schema=${schemaPath}`;
  return MODELINE.test(text) ? text.replace(MODELINE, line) : `${line}\n${text}`;
}

/** The text without a schema modeline (a topology is not a scenario, so the scenario schema does not fit it). */
export function withoutSchemaModeline(text: string): string {
  return text.replace(/^# yaml-language-server: \$schema=.*\n/m, "");
}
