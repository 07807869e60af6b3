/**
 * Width in terminal columns: East Asian wide and fullwidth characters (CJK, Hangul, kana,
 * fullwidth forms) and emoji take two columns; combining marks, zero-width joiners and variation
 * selectors none; everything else one. Grapheme clusters (an emoji ZWJ sequence, a flag, a letter
 * with its accents) count as one character of their widest part.
 */

/** Code point ranges of East Asian Wide (W) and Fullwidth (F) characters (Unicode 15, merged). */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x303e],
  [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3],
  [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4],
  [0x17000, 0x18cd5], [0x1b000, 0x1b2ff], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a], [0x1f200, 0x1f251], [0x1f300, 0x1f64f], [0x1f680, 0x1f6ff], [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = WIDE[mid] as readonly [number, number];
    if (cp < from) hi = mid - 1;
    else if (cp > to) lo = mid + 1;
    else return true;
  }
  return false;
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\u200b\ufe00-\ufe0f]$/u;
const CONTROL = /^[\u0000-\u001f\u007f-\u009f]$/u;
const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Columns one code point takes. */
function codePointWidth(ch: string): number {
  if (CONTROL.test(ch) || ZERO_WIDTH.test(ch)) return 0;
  return isWide(ch.codePointAt(0) as number) ? 2 : 1;
}

/** Columns one grapheme cluster takes: 2 for an emoji presentation (VS16) or a flag, else its widest code point. */
function graphemeWidth(g: string): number {
  if (g.includes("\ufe0f") || /\p{Regional_Indicator}{2}/u.test(g)) return 2;
  let width = 0;
  for (const ch of g) width = Math.max(width, codePointWidth(ch));
  return width;
}

/** The grapheme clusters of a text, in order. */
function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** How many terminal columns a plain (uncoloured) text takes. */
export function displayWidth(text: string): number {
  // Fast path: printable ASCII is one column per character.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const g of graphemes(text)) width += graphemeWidth(g);
  return width;
}

/** The longest prefix of `text` that fits in `columns`, never splitting a grapheme cluster. */
export function sliceColumns(text: string, columns: number): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text.slice(0, Math.max(0, columns));
  let used = 0;
  let out = "";
  for (const g of graphemes(text)) {
    const w = graphemeWidth(g);
    if (used + w > columns) break;
    used += w;
    out += g;
  }
  return out;
}

/** `text` padded with spaces to `columns` display columns (unchanged when already as wide). */
export function padColumns(text: string, columns: number): string {
  return text + " ".repeat(Math.max(0, columns - displayWidth(text)));
}
