/**
 * An estimate of how deeply a YAML text nests, made in one pass over its characters without recursion,
 * before the YAML parser (which recurses) sees it: a text nested hundreds of levels deep would exhaust the
 * parser's call stack.
 *
 * The estimate counts flow brackets outside quotes and comments, block indentation levels and the `- `
 * and `? ` markers that open a level on the same line; block scalar bodies (`|`, `>`) are skipped. It
 * may exceed the true depth for unusual texts (plain scalars continued on ever deeper lines), never by
 * more than the number of such lines, so it is compared with a bound several times the depth limit.
 */

/** The deepest estimated nesting of a text and the line (1-based) where it is reached. */
export interface DepthEstimate {
  readonly depth: number;
  readonly line: number;
  readonly col: number;
}

/** Estimates the nesting depth of a YAML text, stopping as soon as it passes `stopAbove`. */
export function estimateYamlDepth(text: string, stopAbove = Infinity): DepthEstimate {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | "" = "";
  let blockScalarIndent = -1;
  let best: DepthEstimate = { depth: 0, line: 1, col: 1 };
  let lineNo = 0;
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = text.length;
    lineNo++;
    const line = text.slice(pos, end);
    pos = end + 1;
    let i = 0;
    while (i < line.length && line[i] === " ") i++;
    const blank = i === line.length || line[i] === "#" || line[i] === "\r";
    if (blockScalarIndent >= 0) {
      if (blank || i > blockScalarIndent) continue;
      blockScalarIndent = -1;
    }
    if (blank && quote === "") continue;
    let block = 0;
    if (quote === "" && flow === 0) {
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= i) indents.pop();
      indents.push(i);
      block = indents.length;
      // `- - x` and `? x` open a level each on the same line.
      let j = i;
      while (j + 1 < line.length && (line[j] === "-" || line[j] === "?") && (line[j + 1] === " " || line[j + 1] === "\t")) {
        block++;
        j += 2;
        while (j < line.length && line[j] === " ") j++;
      }
    } else block = indents.length;
    for (let k = i; k < line.length; k++) {
      const c = line[k] as string;
      if (quote !== "") {
        if (c === quote) {
          if (quote === "'" && line[k + 1] === "'") k++;
          else quote = "";
        } else if (c === "\\" && quote === '"') k++;
        continue;
      }
      if (c === "#" && (k === 0 || line[k - 1] === " " || line[k - 1] === "\t")) break;
      if (c === '"' || c === "'") {
        const before = k === 0 ? " " : (line[k - 1] as string);
        if (/[\s[{,:-]/.test(before)) quote = c;
        continue;
      }
      if (c === "[" || c === "{") {
        flow++;
        const depth = block + flow;
        if (depth > best.depth) {
          best = { depth, line: lineNo, col: k + 1 };
          if (depth > stopAbove) return best;
        }
      } else if ((c === "]" || c === "}") && flow > 0) flow--;
    }
    if (block > best.depth) {
      best = { depth: block, line: lineNo, col: i + 1 };
      if (block > stopAbove) return best;
    }
    if (quote === "" && flow === 0 && /(^|[\s:-])[|>][-+0-9]*\s*(#.*)?\r?$/.test(line.slice(i))) blockScalarIndent = i;
  }
  return best;
}
