/** Escapes text for XML and HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A coordinate rounded to one decimal, without a trailing ".0", so output is short and stable. */
export function px(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

/** Builds an element: `el("rect", { x: 1 }, "")` → `<rect x="1"/>`; attributes in the order given, undefined ones left out. */
export function el(name: string, attributes: Record<string, string | number | undefined>, ...children: string[]): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === "number" ? px(v) : escapeXml(v)}"`)
    .join("");
  const body = children.join("");
  return body === "" ? `<${name}${attrs}/>` : `<${name}${attrs}>${body}</${name}>`;
}

/** A fixed palette (colour-blind friendly, after Okabe–Ito and Tableau 10), picked by index. */
export const PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7f7f7f", "#bcbd22", "#000000", "#8c564b", "#17becf", "#9467bd"] as const;

/** The colour of series `index` in the palette, cycling. */
export function paletteColor(index: number): string {
  return PALETTE[index % PALETTE.length] as string;
}

/** Colours of the layers of a region, shared by the charts, the cascade graph and the tables. */
export const LAYER_COLORS: Record<string, string> = {
  fault: "#c0392b",
  operator: "#8e44ad",
  facility: "#d68910",
  compute: "#138d90",
  cloud: "#2e6fbd",
  app: "#2e8b57",
};
