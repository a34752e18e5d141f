import { tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { foldMatrices, prepareData } from './prepare';

describe('prepared folds', () => {
  it('scaling is fitted on the fold’s training rows only; one-hot columns stay 0/1', () => {
    const table = tableOf({ x: [1, 3, 100, 5], c: ['p', 'q', 'p', 'q'], y: ['a', 'b', 'a', 'b'] }, { y: 'category' });
    const fit = async () => {
      throw new Error('not fitted');
    };
    const data = prepareData({ table, target: 'y', features: ['x', 'c'], scale: true, params: {}, fit });
    const { train, test } = foldMatrices(data, Int32Array.of(0, 1), Int32Array.of(2, 3));
    // training x = 1, 3: mean 2, std 1
    expect(Array.from(train.data.subarray(0, 2))).toEqual([-1, 1]);
    expect(Array.from(test.data.subarray(0, 2))).toEqual([98, 3]);
    expect(Array.from(train.data.subarray(2))).toEqual([1, 0, 0, 1]);
    expect(Array.from(test.data.subarray(2))).toEqual([1, 0, 0, 1]);
    const unscaled = foldMatrices({ ...data, scale: false }, Int32Array.of(0, 1), Int32Array.of(2, 3));
    expect(Array.from(unscaled.test.data.subarray(0, 2))).toEqual([100, 5]);
  });
});
