import type { Graph } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { initialViewport } from './initial-viewport';

const graph = (positions: Array<[number, number]>, notes: Graph['notes'] = []): Graph => ({
  format: 'causeway.graph/1',
  id: 'g',
  name: 'G',
  nodes: positions.map((position, i) => ({ id: `n${i}`, type: 'transform.select', version: 1, config: {}, position })),
  edges: [],
  notes,
});

describe('the viewport a graph opens in', () => {
  it('centres a small graph at 1:1, never closer', () => {
    const v = initialViewport(graph([[0, 0]]), 1000, 800);
    expect(v.zoom).toBe(1);
    // The 220 × 90 card sits in the middle of the pane.
    expect(v.x + 110).toBeCloseTo(500);
    expect(v.y + 45).toBeCloseTo(400);
  });

  it('frames a large graph at no less than half size, centred on it', () => {
    const positions: Array<[number, number]> = [];
    for (let i = 0; i < 1000; i++) positions.push([(i % 20) * 280, Math.floor(i / 20) * 140]);
    const v = initialViewport(graph(positions), 1000, 800);
    expect(v.zoom).toBe(0.5);
    const middle = { x: (19 * 280 + 220) / 2, y: (49 * 140 + 90) / 2 };
    expect(v.x + middle.x * v.zoom).toBeCloseTo(500);
    expect(v.y + middle.y * v.zoom).toBeCloseTo(400);
  });

  it('counts notes, and opens an empty graph (or an unmeasured pane) at the origin', () => {
    const withNote = initialViewport(graph([[0, 0]], [{ id: 'm', text: '', position: [2000, 0], size: [300, 100] }]), 1000, 800);
    expect(withNote.zoom).toBeLessThan(1);
    expect(initialViewport(graph([]), 1000, 800)).toEqual({ x: 0, y: 0, zoom: 1 });
    expect(initialViewport(graph([[0, 0]]), 0, 0)).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
