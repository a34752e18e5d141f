/** The results panel's height: the user's, remembered, kept between a floor and what leaves the canvas usable. */
export const panelHeight = { min: 120, initial: 300, step: 24, bigStep: 120, canvasRoom: 160 } as const;

/** `height` kept within [min, available − room for the canvas] (never below min, even in a tiny window). */
export function clampPanelHeight(height: number, available: number): number {
  const max = Math.max(panelHeight.min, available - panelHeight.canvasRoom);
  return Math.round(Math.min(max, Math.max(panelHeight.min, height)));
}

/** The height a key on the resize handle asks for: arrows by a step (Shift: a big step), Home/End to the bounds; undefined for other keys. */
export function keyedPanelHeight(height: number, key: string, shift: boolean, available: number): number | undefined {
  const step = shift ? panelHeight.bigStep : panelHeight.step;
  switch (key) {
    case 'ArrowUp':
      return clampPanelHeight(height + step, available);
    case 'ArrowDown':
      return clampPanelHeight(height - step, available);
    case 'Home':
      return clampPanelHeight(panelHeight.min, available);
    case 'End':
      return clampPanelHeight(Number.POSITIVE_INFINITY, available);
    default:
      return undefined;
  }
}

/** A remembered height, or the initial one when nothing (or nonsense) was stored. */
export function storedPanelHeight(text: string | null): number {
  const value = Number(text);
  return text !== null && Number.isFinite(value) && value > 0 ? value : panelHeight.initial;
}
