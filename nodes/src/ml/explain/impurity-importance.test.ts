import { describe, expect, it } from 'vitest';
import { matrixFromRows } from '../learn/matrix';
import type { RandomForestModel } from '../learn/random-forest';
import { impurityImportance } from './impurity-importance';

describe('impurity importance', () => {
  it('credits each split its weighted Gini decrease, per raw feature, summing to 1', () => {
    // root splits on a (x ≤ 0.5), its right child on b; one-hot columns of "c" are never used
    const x = matrixFromRows(
      ['a', 'b', 'c=p', 'c=q'],
      [
        [0, 0, 1, 0],
        [0, 1, 0, 1],
        [1, 0, 1, 0],
        [1, 1, 0, 1],
        [1, 1, 1, 0],
        [0, 0, 0, 1],
      ],
    );
    const y = Int32Array.of(0, 0, 1, 0, 0, 0);
    const tree = {
      feature: [0, -1, 1, -1, -1],
      threshold: [0.5, 0, 0.5, 0, 0],
      left: [1, -1, 3, -1, -1],
      right: [2, -1, 4, -1, -1],
      value: [],
      width: 2,
    };
    const model: RandomForestModel = {
      kind: 'random-forest',
      task: 'classification',
      features: x.names as string[],
      classes: ['n', 'y'],
      trees: [tree],
    };
    const plan = {
      numeric: [
        { name: 'a', type: 'number' as const, fill: 0, offset: 0, scale: 1 },
        { name: 'b', type: 'number' as const, fill: 0, offset: 0, scale: 1 },
      ],
      categorical: [{ name: 'c', type: 'string' as const, categories: ['p', 'q'] }],
    };
    // weighted Gini (n·gini = n − Σcount²/n): root 6 − (25 + 1)/6 = 5/3; left (3 × class 0) 0;
    // right (2 × 0, 1 × 1) 3 − 5/3 = 4/3; its children (1 × 1) and (2 × 0) 0
    // a: 5/3 − 0 − 4/3 = 1/3; b: 4/3 − 0 − 0 = 4/3; normalised: a 0.2, b 0.8
    const importance = impurityImportance(model, plan, x, y);
    expect(importance?.a).toBeCloseTo(0.2, 12);
    expect(importance?.b).toBeCloseTo(0.8, 12);
    expect(importance?.c).toBe(0);
  });
});
