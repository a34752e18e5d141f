import { describe, expect, it } from 'vitest';
import { freeSpot } from './free-spot';

describe('freeSpot', () => {
  it('keeps the point when nothing is there', () => {
    expect(freeSpot([10, 20], [{ id: 'a', position: [500, 500] }], new Map())).toEqual([10, 20]);
  });

  it('moves down past the cards it would cover, using their measured sizes', () => {
    const nodes = [
      { id: 'a', position: [0, 0] as const },
      { id: 'b', position: [100, 150] as const },
    ];
    const [x, y] = freeSpot([0, 0], nodes, new Map([['b', { width: 220, height: 300 }]]));
    expect(x).toBe(0);
    // Below b (150 + 300) plus the gap.
    expect(y).toBeGreaterThanOrEqual(470);
    expect(y).toBeLessThan(470 + 50);
  });

  it('moves a whole pasted group, by its bounding box, below what it would cover', () => {
    const nodes = [{ id: 'a', position: [300, 200] as const }];
    const [, y] = freeSpot([0, 0], nodes, new Map(), { width: 600, height: 300 });
    expect(y).toBeGreaterThanOrEqual(200 + 100 + 20);
    expect(freeSpot([0, 0], nodes, new Map(), { width: 200, height: 100 })).toEqual([0, 0]);
  });
});
