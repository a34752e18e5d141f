import { describe, expect, it } from 'vitest';
import { summarize } from './cross-validate';
import { foldRows, groupFold, kFold, stratifiedFold } from './folds';

const counts = (fold: Int32Array, k: number) => Array.from({ length: k }, (_, f) => fold.filter((v) => v === f).length);

describe('folds', () => {
  it('k-fold: scikit-learn’s KFold sizes (the first n mod k folds one larger), every row in one fold', () => {
    expect(Array.from(kFold(7, 3, { shuffle: false, seed: 0 }))).toEqual([0, 0, 0, 1, 1, 2, 2]);
    const shuffled = kFold(1000, 7, { shuffle: true, seed: 3 });
    expect(counts(shuffled, 7)).toEqual([143, 143, 143, 143, 143, 143, 142]);
    expect(Array.from(shuffled.slice(0, 20))).not.toEqual(Array.from(kFold(1000, 7, { shuffle: false, seed: 3 }).slice(0, 20)));
    expect(Array.from(kFold(1000, 7, { shuffle: true, seed: 3 }))).toEqual(Array.from(shuffled));
  });

  it('stratified: each fold keeps the class proportions of the whole within one row', () => {
    const n = 1003;
    const y = Int32Array.from({ length: n }, (_, i) => (i % 10 < 7 ? 0 : i % 10 < 9 ? 1 : 2));
    const total = [0, 1, 2].map((c) => y.filter((v) => v === c).length);
    for (const shuffle of [false, true]) {
      const fold = stratifiedFold(y, 5, { shuffle, seed: 1 });
      const sizes = counts(fold, 5);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      for (let f = 0; f < 5; f++) {
        for (let c = 0; c < 3; c++) {
          const inFold = y.filter((v, i) => v === c && fold[i] === f).length;
          expect(Math.abs(inFold - (total[c] as number) / 5)).toBeLessThanOrEqual(1);
        }
      }
    }
    // three classes of 6 rows into 5 folds: the dealing goes on across classes
    expect(
      counts(
        stratifiedFold(
          Int32Array.from({ length: 18 }, (_, i) => i % 3),
          5,
          { shuffle: false, seed: 0 },
        ),
        5,
      ),
    ).toEqual([4, 4, 4, 3, 3]);
  });

  it('group: no group is ever split between folds, and loads are balanced largest first', () => {
    const groups = Int32Array.from({ length: 600 }, (_, i) => Math.floor(Math.sqrt(i * 7)) % 23);
    const fold = groupFold(groups, 23, 4);
    for (let g = 0; g < 23; g++) {
      const folds = new Set(Array.from(fold).filter((_, i) => groups[i] === g));
      expect(folds.size).toBeLessThanOrEqual(1);
    }
    expect(Array.from(groupFold(Int32Array.of(0, 0, 0, 1, 1, 2), 3, 2))).toEqual([0, 0, 0, 1, 1, 1]);
    expect(() => groupFold(Int32Array.of(0, 0, 1), 2, 3)).toThrow(/2 groups for 3 folds/);
  });

  it('fold rows: test is the fold, training the rest, in row order', () => {
    const { train, test } = foldRows(Int32Array.of(1, 0, 1, 2, 0), 0);
    expect(Array.from(test)).toEqual([1, 4]);
    expect(Array.from(train)).toEqual([0, 2, 3]);
  });

  it('summarize: mean and population standard deviation of each metric', () => {
    const s = summarize(
      [0.8, 0.9, 1].map((accuracy, fold) => ({ fold, trainRows: 2, testRows: 1, seconds: 0, values: { accuracy, r: fold } })),
    );
    expect(s.accuracy?.mean).toBeCloseTo(0.9, 12);
    expect(s.accuracy?.std).toBeCloseTo(Math.sqrt(0.02 / 3), 12);
    expect(s.r).toEqual({ mean: 1, std: Math.sqrt(2 / 3) });
  });
});
