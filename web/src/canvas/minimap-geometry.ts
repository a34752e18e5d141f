/** A rectangle in flow coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the minimap draws of a node: its box and which of its paths it belongs to. */
export interface MapBox extends Rect {
  layer: 'node' | 'note' | 'selected';
}

/** One SVG path per layer: every box a closed `M x,y h w v h h -w z` subpath, so 1,000 nodes are three elements. */
export function minimapPaths(boxes: Iterable<MapBox>): Record<MapBox['layer'], string> {
  const parts: Record<MapBox['layer'], string[]> = { node: [], note: [], selected: [] };
  for (const b of boxes) parts[b.layer].push(`M${round(b.x)},${round(b.y)}h${round(b.width)}v${round(b.height)}h${round(-b.width)}z`);
  return { node: parts.node.join(''), note: parts.note.join(''), selected: parts.selected.join('') };
}

/** The smallest rectangle holding all boxes, or undefined when there are none. */
export function boundsOf(boxes: Iterable<Rect>): Rect | undefined {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return x0 === Number.POSITIVE_INFINITY ? undefined : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The part of the flow the canvas shows, from React Flow's transform `[x, y, zoom]` and the pane size. */
export function viewportRect(transform: readonly [number, number, number], width: number, height: number): Rect {
  const [tx, ty, zoom] = transform;
  return { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom };
}

/** The minimap's view box and how many flow units one minimap pixel stands for. */
export interface MapView {
  viewBox: Rect;
  /** Flow units per minimap pixel (the view box fitted into the element): turns a drag on the minimap into a pan. */
  unitsPerPixel: number;
}

/**
 * Fits the nodes' bounds and the viewport into an element of `elementWidth × elementHeight` px,
 * centred, with a margin of `margin` px (as React Flow's own minimap does).
 */
export function mapView(nodes: Rect | undefined, viewport: Rect, elementWidth: number, elementHeight: number, margin = 5): MapView {
  if (!(elementWidth > 0 && elementHeight > 0)) throw new Error(`The minimap needs a positive size, got ${elementWidth}×${elementHeight}.`);
  const all = nodes ? (boundsOf([nodes, viewport]) as Rect) : viewport;
  const scale = Math.max(all.width / elementWidth, all.height / elementHeight) || 1;
  const width = scale * elementWidth;
  const height = scale * elementHeight;
  const offset = margin * scale;
  const viewBox = {
    x: all.x - (width - all.width) / 2 - offset,
    y: all.y - (height - all.height) / 2 - offset,
    width: width + offset * 2,
    height: height + offset * 2,
  };
  // The SVG fits the view box into the element keeping its aspect ("meet"): the larger ratio wins.
  return { viewBox, unitsPerPixel: Math.max(viewBox.width / elementWidth, viewBox.height / elementHeight) };
}

/** The flow point under a pixel of the minimap element (`px`, `py` from its top left corner). */
export function mapPointToFlow(
  view: MapView,
  px: number,
  py: number,
  elementWidth: number,
  elementHeight: number,
): { x: number; y: number } {
  const { viewBox, unitsPerPixel } = view;
  return {
    x: viewBox.x + viewBox.width / 2 + (px - elementWidth / 2) * unitsPerPixel,
    y: viewBox.y + viewBox.height / 2 + (py - elementHeight / 2) * unitsPerPixel,
  };
}

/** The shade over everything outside the viewport: the view box with the viewport cut out (even-odd fill). */
export function maskPath(viewBox: Rect, viewport: Rect): string {
  const v = viewBox;
  const p = viewport;
  return `M${v.x},${v.y}h${v.width}v${v.height}h${-v.width}z M${p.x},${p.y}h${p.width}v${p.height}h${-p.width}z`;
}

/** Whole flow units are finer than a minimap pixel; rounding keeps the path short. */
const round = (n: number) => Math.round(n);
