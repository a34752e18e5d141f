import { describe, expect, it } from 'vitest';
import { boundsOf, mapPointToFlow, mapView, maskPath, minimapPaths, viewportRect } from './minimap-geometry';

describe('minimap geometry', () => {
  it('draws every box as one closed subpath of its layer', () => {
    const paths = minimapPaths([
      { x: 0, y: 0, width: 220, height: 90, layer: 'node' },
      { x: 280.4, y: 139.6, width: 220, height: 90, layer: 'node' },
      { x: -50, y: 10, width: 200, height: 120, layer: 'note' },
    ]);
    expect(paths.node).toBe('M0,0h220v90h-220zM280,140h220v90h-220z');
    expect(paths.note).toBe('M-50,10h200v120h-200z');
    expect(paths.selected).toBe('');
  });

  it('keeps a 1,000-node graph to three path strings', () => {
    const boxes = Array.from({ length: 1000 }, (_, i) => ({
      x: (i % 20) * 280,
      y: Math.floor(i / 20) * 140,
      width: 220,
      height: 90,
      layer: i === 7 ? ('selected' as const) : ('node' as const),
    }));
    const paths = minimapPaths(boxes);
    expect(paths.node.match(/M/g)).toHaveLength(999);
    expect(paths.selected).toBe('M1960,0h220v90h-220z');
  });

  it('bounds boxes, and has none for no boxes', () => {
    expect(
      boundsOf([
        { x: 10, y: 20, width: 5, height: 5 },
        { x: -10, y: 0, width: 5, height: 100 },
      ]),
    ).toEqual({ x: -10, y: 0, width: 25, height: 100 });
    expect(boundsOf([])).toBeUndefined();
  });

  it('turns React Flow’s transform into the flow rectangle on screen', () => {
    expect(viewportRect([-100, 50, 0.5], 800, 600)).toEqual({ x: 200, y: -100, width: 1600, height: 1200 });
  });

  it('fits nodes and viewport into the element, centred, and maps pixels back to flow points', () => {
    const view = mapView({ x: 0, y: 0, width: 4000, height: 1000 }, { x: 0, y: 0, width: 1000, height: 1000 }, 200, 150, 0);
    expect(view.unitsPerPixel).toBe(20);
    expect(view.viewBox).toEqual({ x: 0, y: -1000, width: 4000, height: 3000 });
    expect(mapPointToFlow(view, 100, 75, 200, 150)).toEqual({ x: 2000, y: 500 });
    expect(mapPointToFlow(view, 0, 0, 200, 150)).toEqual({ x: 0, y: -1000 });
  });

  it('includes the viewport when it lies outside the nodes, with a margin of pixels', () => {
    const view = mapView({ x: 0, y: 0, width: 100, height: 100 }, { x: 900, y: 0, width: 100, height: 75 }, 200, 150, 5);
    expect(view.viewBox.x).toBeLessThan(0);
    expect(view.viewBox.x + view.viewBox.width).toBeGreaterThan(1000);
    // The margin is the same in pixels on both axes, so the taller ratio decides (SVG "meet").
    expect(view.unitsPerPixel).toBeCloseTo(Math.max(view.viewBox.width / 200, view.viewBox.height / 150));
    expect(view.unitsPerPixel).toBeCloseTo(800 / 150);
    expect(() => mapView(undefined, { x: 0, y: 0, width: 1, height: 1 }, 0, 150)).toThrow(/positive size/);
  });

  it('cuts the viewport out of the shade', () => {
    expect(maskPath({ x: 0, y: 0, width: 10, height: 10 }, { x: 2, y: 3, width: 4, height: 5 })).toBe('M0,0h10v10h-10z M2,3h4v5h-4z');
  });
});
