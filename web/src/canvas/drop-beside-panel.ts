/** A rectangle on screen, in CSS pixels. */
export interface ScreenRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where a dropped card sits around the pointer, in screen pixels: its size and how far its top left is up and left of it. */
export interface DroppedCard {
  width: number;
  height: number;
  offsetX: number;
  offsetY: number;
}

const gap = 12;

/** The most room a new card takes at zoom 1: the widest a card is drawn (canvas.css max-width) and a tall one. */
export const droppedCardRoom = { width: 280, height: 140 } as const;

/**
 * The drop point moved so the card dropped there is not hidden under a panel drawn over the canvas
 * (the minimap, the zoom controls): beside the panel on the canvas's side of it (left of a panel in
 * the right half, right of one in the left half), and kept inside the canvas vertically.
 */
export function dropBesidePanel(
  point: { x: number; y: number },
  panel: ScreenRect,
  pane: ScreenRect,
  card: DroppedCard,
): { x: number; y: number } {
  const rightHalf = (panel.left + panel.right) / 2 > (pane.left + pane.right) / 2;
  const x = rightHalf ? panel.left - gap - (card.width - card.offsetX) : panel.right + gap + card.offsetX;
  const y = Math.max(pane.top + gap + card.offsetY, Math.min(point.y, pane.bottom - gap - (card.height - card.offsetY)));
  return { x, y };
}
