import { describe, expect, it } from 'vitest';
import { fitAllMinZoom, readableViewport, readableZoom, wholeViewport } from './readable-fit';

describe('readableViewport', () => {
  it('frames a small graph as a plain fit does, never closer than 1:1', () => {
    const small = { x: 0, y: 0, width: 500, height: 200 };
    expect(readableViewport(small, 1000, 600)).toEqual(wholeViewport(small, 1000, 600));
    expect(readableViewport(small, 1000, 600).zoom).toBe(1);
  });

  it('stops at the readable zoom for a large graph and shows its top-left start', () => {
    const large = { x: 100, y: 50, width: 20_000, height: 8_000 };
    const view = readableViewport(large, 1000, 600);
    expect(view.zoom).toBe(readableZoom);
    // The graph's top-left corner is on screen, near the pane's top-left.
    const left = large.x * view.zoom + view.x;
    const top = large.y * view.zoom + view.y;
    expect(left).toBeGreaterThanOrEqual(0);
    expect(left).toBeLessThan(100);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(100);
    expect(wholeViewport(large, 1000, 600).zoom).toBeLessThan(readableZoom);
  });

  it('centres the direction that fits: a long thin chain is centred vertically', () => {
    const chain = { x: 0, y: 0, width: 20_000, height: 100 };
    const view = readableViewport(chain, 1000, 600);
    expect(view.zoom).toBe(readableZoom);
    expect(view.y + (chain.height * view.zoom) / 2).toBeCloseTo(300);
  });

  it('"Fit all" goes no farther than the canvas limit', () => {
    expect(wholeViewport({ x: 0, y: 0, width: 1e7, height: 1e7 }, 1000, 600).zoom).toBe(fitAllMinZoom);
  });
});
