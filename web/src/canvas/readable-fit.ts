import { getViewportForBounds, type Rect, type Viewport } from '@xyflow/react';

/** The farthest "Fit" zooms out: card titles and row counts still legible (cards lose their texts at 0.4). */
export const readableZoom = 0.6;
/** "Fit all" may zoom out this far (the canvas's own limit), to show a whole large graph. */
export const fitAllMinZoom = 0.05;
const maxZoom = 1;
const padding = 0.1;

/**
 * The viewport that frames `bounds` in a pane of `width × height` px without zooming out past the
 * readable level. A graph too large for that shows its start (top left, where its sources are),
 * since the graph flows left to right; "Fit all" shows the whole of it.
 */
export function readableViewport(bounds: Rect, width: number, height: number): Viewport {
  const fitted = getViewportForBounds(bounds, width, height, fitAllMinZoom, maxZoom, padding);
  if (fitted.zoom >= readableZoom) return fitted;
  const zoom = readableZoom;
  const x = bounds.width * zoom <= width ? (width - bounds.width * zoom) / 2 - bounds.x * zoom : width * 0.05 - bounds.x * zoom;
  const y = bounds.height * zoom <= height ? (height - bounds.height * zoom) / 2 - bounds.y * zoom : height * 0.05 - bounds.y * zoom;
  return { x, y, zoom };
}

/** The viewport that frames all of `bounds`, however far out that is (down to the canvas's limit). */
export function wholeViewport(bounds: Rect, width: number, height: number): Viewport {
  return getViewportForBounds(bounds, width, height, fitAllMinZoom, maxZoom, padding);
}
