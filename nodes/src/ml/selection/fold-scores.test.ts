import { describe, expect, it } from 'vitest';
import { createRandom } from '../learn/random';
import { rocAuc, rocAucOvr } from '../metrics/roc-curve';
import { rankAuc, rankAucOvr } from './fold-scores';

describe('rank AUC', () => {
  it('equals the area under the ROC curve, ties included', () => {
    expect(rankAuc(Uint8Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8))).toBeCloseTo(0.75, 15);
    const random = createRandom(2);
    for (const levels of [0, 5, 50]) {
      const n = 3000;
      const scores = Float64Array.from({ length: n }, () => (levels ? random.int(levels) / levels : random.next()));
      const positive = Uint8Array.from(scores, (s) => (random.next() < 0.3 + 0.4 * s ? 1 : 0));
      expect(rankAuc(positive, scores)).toBeCloseTo(rocAuc(positive, scores), 12);
    }
    const truth = Int32Array.from({ length: 500 }, () => random.int(3));
    const columns = [0, 1, 2].map((c) => Float64Array.from(truth, (t) => (t === c ? 0.5 : 0) + random.next()));
    expect(rankAucOvr(truth, columns)).toBeCloseTo(rocAucOvr(truth, columns), 12);
    expect(rankAuc(Uint8Array.of(1, 1), Float64Array.of(0.2, 0.3))).toBeNaN();
  });
});
