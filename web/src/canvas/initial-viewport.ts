import type { Graph } from '@causeway/sdk';
import { getViewportForBounds, type Viewport } from '@xyflow/react';
import { boundsOf, type Rect } from './minimap-geometry';
import { defaultNoteSize, estimatedCardSize } from './to-flow';

/** How the canvas frames a graph it opens: never closer than 1:1, never farther than half size. */
export const openFit = { minZoom: 0.5, maxZoom: 1, padding: 0.1 } as const;

/**
 * The viewport that frames a graph in a pane of `width × height` px, from the graph alone (estimated
 * card sizes). Known before React Flow draws anything, so it draws only the nodes of the framed view,
 * instead of first the ones near the origin and then, after fitting, the others.
 */
export function initialViewport(graph: Graph, width: number, height: number): Viewport {
  const boxes: Rect[] = graph.nodes.map((n) => ({ x: n.position[0], y: n.position[1], ...estimatedCardSize }));
  for (const note of graph.notes ?? []) {
    const [w, h] = note.size ?? defaultNoteSize;
    boxes.push({ x: note.position[0], y: note.position[1], width: w, height: h });
  }
  const bounds = boundsOf(boxes);
  if (!bounds || !(width > 0 && height > 0)) return { x: 0, y: 0, zoom: 1 };
  return getViewportForBounds(bounds, width, height, openFit.minZoom, openFit.maxZoom, openFit.padding);
}
