import { el, escapeXml, LAYER_COLORS, px } from "./svg.js";

/** A node of the drawn cascade: one component, placed in the column of its depth. */
export interface GraphNode {
  readonly id: string;
  readonly layer: string;
  /** Second line of the node: "02:10 degraded". */
  readonly caption: string;
  /** Longest distance from a root; the column. */
  readonly depth: number;
  /** Extra words for the tooltip. */
  readonly tooltip: string;
}

/** A directed edge "from caused to". */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
}

const NODE_H = 38;
const ROW_GAP = 14;
const TOP = 34;

function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, "_");
}

/** Orders each column by the mean row of its nodes' parents (one barycentre pass), ties by first appearance. */
function orderColumns(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): GraphNode[][] {
  const depthMax = Math.max(0, ...nodes.map((n) => n.depth));
  const columns: GraphNode[][] = Array.from({ length: depthMax + 1 }, () => []);
  for (const n of nodes) (columns[n.depth] as GraphNode[]).push(n);
  const row = new Map<string, number>();
  columns.forEach((column, d) => {
    if (d > 0) {
      const weight = (n: GraphNode): number => {
        const parents = edges.filter((e) => e.to === n.id).map((e) => row.get(e.from)).filter((r): r is number => r !== undefined);
        return parents.length === 0 ? Number.POSITIVE_INFINITY : parents.reduce((a, b) => a + b, 0) / parents.length;
      };
      const order = column.map((n, k) => ({ n, k, w: weight(n) }));
      order.sort((a, b) => (a.w === b.w ? a.k - b.k : a.w < b.w ? -1 : 1));
      column.splice(0, column.length, ...order.map((o) => o.n));
    }
    column.forEach((n, k) => row.set(n.id, k - (column.length - 1) / 2));
  });
  return columns;
}

/** The cascade as an SVG graph: columns by depth from the root faults, boxes coloured by layer, arrows from cause to effect. */
export function renderCascadeGraph(options: { readonly id: string; readonly title: string; readonly width: number; readonly nodes: readonly GraphNode[]; readonly edges: readonly GraphEdge[] }): string {
  const { nodes, edges, width } = options;
  const columns = orderColumns(nodes, edges);
  const tallest = Math.max(1, ...columns.map((c) => c.length));
  const height = TOP + tallest * (NODE_H + ROW_GAP) + 40;
  const columnW = (width - 20) / Math.max(1, columns.length);
  const nodeW = Math.min(170, columnW - 16);
  const place = new Map<string, { x: number; y: number }>();
  columns.forEach((column, d) => {
    const offset = ((tallest - column.length) * (NODE_H + ROW_GAP)) / 2;
    column.forEach((n, k) => place.set(n.id, { x: 10 + d * columnW + (columnW - nodeW) / 2, y: TOP + offset + k * (NODE_H + ROW_GAP) }));
  });
  const parts: string[] = [el("title", {}, escapeXml(options.title))];
  parts.push(el("defs", {}, el("marker", { id: `${options.id}-arrow`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, el("path", { d: "M0 0L10 5L0 10z", fill: "#7a7a7a" }))));
  parts.push(el("text", { class: "chart-title", x: 10, y: 18 }, escapeXml(options.title)));
  for (const e of edges) {
    const a = place.get(e.from);
    const b = place.get(e.to);
    if (a === undefined || b === undefined) continue;
    const x1 = a.x + nodeW;
    const y1 = a.y + NODE_H / 2;
    const x2 = b.x - 2;
    const y2 = b.y + NODE_H / 2;
    const mid = (x1 + x2) / 2;
    parts.push(el("path", { class: "edge", d: `M${px(x1)} ${px(y1)}C${px(mid)} ${px(y1)} ${px(mid)} ${px(y2)} ${px(x2)} ${px(y2)}`, "marker-end": `url(#${options.id}-arrow)` }));
  }
  // Approximate glyph widths of the two fonts (12px bold, 11px regular) keep labels inside their boxes.
  const cut = (text: string, charPx: number): string => {
    const maxChars = Math.floor((nodeW - 14) / charPx);
    return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 1))}…`;
  };
  for (const n of nodes) {
    const p = place.get(n.id) as { x: number; y: number };
    const color = LAYER_COLORS[n.layer] ?? "#555555";
    parts.push(el("g", { class: `node layer-${n.layer}`, id: `${options.id}-node-${safeId(n.id)}` },
      el("title", {}, escapeXml(n.tooltip)),
      el("rect", { x: p.x, y: p.y, width: nodeW, height: NODE_H, rx: 6, fill: "#ffffff", stroke: color, "stroke-width": 1.5 }),
      el("rect", { x: p.x, y: p.y, width: 5, height: NODE_H, rx: 2, fill: color }),
      el("text", { class: "node-name", x: p.x + 10, y: p.y + 16 }, escapeXml(cut(n.id, 7.1))),
      el("text", { class: "node-caption", x: p.x + 10, y: p.y + 31 }, escapeXml(cut(n.caption, 5.9)))));
  }
  const layers = [...new Set(nodes.map((n) => n.layer))];
  layers.forEach((layer, k) => {
    const lx = 10 + k * 110;
    const ly = height - 14;
    parts.push(el("g", { class: "legend-item" }, el("rect", { x: lx, y: ly - 9, width: 12, height: 12, rx: 2, fill: LAYER_COLORS[layer] ?? "#555555" }), el("text", { x: lx + 18, y: ly + 1 }, escapeXml(layer))));
  });
  return el("svg", { id: options.id, class: "chart cascade", xmlns: "http://www.w3.org/2000/svg", viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": options.title }, ...parts);
}
