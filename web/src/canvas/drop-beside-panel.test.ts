import { describe, expect, it } from 'vitest';
import { dropBesidePanel } from './drop-beside-panel';

const pane = { left: 0, top: 0, right: 1000, bottom: 600 };
const card = { width: 220, height: 100, offsetX: 100, offsetY: 30 };
const cardAt = (p: { x: number; y: number }) => ({
  left: p.x - card.offsetX,
  top: p.y - card.offsetY,
  right: p.x - card.offsetX + card.width,
  bottom: p.y - card.offsetY + card.height,
});

describe('dropBesidePanel', () => {
  it('puts a card dropped on the minimap (bottom right) to its left, inside the canvas', () => {
    const minimap = { left: 790, top: 440, right: 990, bottom: 590 };
    const at = cardAt(dropBesidePanel({ x: 890, y: 580 }, minimap, pane, card));
    expect(at.right).toBeLessThanOrEqual(minimap.left);
    expect(at.bottom).toBeLessThanOrEqual(pane.bottom);
    expect(at.top).toBeGreaterThanOrEqual(pane.top);
  });

  it('puts a card dropped on the zoom controls (bottom left) to their right', () => {
    const controls = { left: 10, top: 450, right: 40, bottom: 590 };
    const at = cardAt(dropBesidePanel({ x: 25, y: 500 }, controls, pane, card));
    expect(at.left).toBeGreaterThanOrEqual(controls.right);
    expect(at.bottom).toBeLessThanOrEqual(pane.bottom);
  });
});
