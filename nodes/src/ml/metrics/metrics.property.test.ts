import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classScores } from './class-scores';
import { confusionMatrix } from './confusion-matrix';
import { logLoss } from './log-loss';
import { prCurve } from './pr-curve';
import { regressionMetrics } from './regression-metrics';
import { rocAuc, rocCurve } from './roc-curve';

// Labelled scores with both classes present; scores on a coarse grid so ties happen.
const labelledScores = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 20 })), { minLength: 2, maxLength: 60 })
  .filter((rows) => rows.some(([y]) => y === 1) && rows.some(([y]) => y === 0))
  .map((rows) => ({ y: rows.map(([y]) => y), s: rows.map(([, s]) => s / 20) }));

const codes = (k: number) => fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: 1, maxLength: 80 });

describe('metric invariants', () => {
  it('AUC of reversed scores is 1 − AUC', () => {
    fc.assert(
      fc.property(labelledScores, ({ y, s }) => {
        const auc = rocAuc(y, s);
        expect(
          rocAuc(
            y,
            s.map((v) => -v),
          ),
        ).toBeCloseTo(1 - auc, 12);
      }),
    );
  });

  it('AUC equals the share of (positive, negative) pairs ranked right, ties counting half', () => {
    fc.assert(
      fc.property(labelledScores, ({ y, s }) => {
        let wins = 0;
        let pairs = 0;
        for (let i = 0; i < y.length; i++) {
          for (let j = 0; j < y.length; j++) {
            if (y[i] !== 1 || y[j] !== 0) continue;
            pairs++;
            const d = (s[i] as number) - (s[j] as number);
            wins += d > 0 ? 1 : d === 0 ? 0.5 : 0;
          }
        }
        expect(rocAuc(y, s)).toBeCloseTo(wins / pairs, 12);
      }),
    );
  });

  it('ROC runs from (0, 0) to (1, 1) without going back; PR ends at recall 0, precision 1', () => {
    fc.assert(
      fc.property(labelledScores, ({ y, s }) => {
        const roc = rocCurve(y, s);
        expect([roc.fpr[0], roc.tpr[0], roc.fpr.at(-1), roc.tpr.at(-1)]).toEqual([0, 0, 1, 1]);
        for (let i = 1; i < roc.fpr.length; i++) {
          expect(roc.fpr[i]).toBeGreaterThanOrEqual(roc.fpr[i - 1] as number);
          expect(roc.tpr[i]).toBeGreaterThanOrEqual(roc.tpr[i - 1] as number);
          expect(roc.thresholds[i]).toBeLessThan(roc.thresholds[i - 1] as number);
        }
        const pr = prCurve(y, s);
        expect([pr.recall.at(-1), pr.precision.at(-1), pr.recall[0]]).toEqual([0, 1, 1]);
        expect(pr.thresholds.length).toBe(pr.precision.length - 1);
      }),
    );
  });

  it('a confusion matrix sums to the rows, its diagonal to the hits; weighted recall is accuracy', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((k) => fc.tuple(fc.constant(k), codes(k), codes(k))),
        ([k, a, b]) => {
          const n = Math.min(a.length, b.length);
          const truth = a.slice(0, n);
          const predicted = b.slice(0, n);
          const cm = confusionMatrix(truth, predicted, k);
          expect(cm.flat().reduce((x, v) => x + v, 0)).toBe(n);
          const hits = truth.filter((t, i) => t === predicted[i]).length;
          expect(cm.reduce((x, row, c) => x + (row[c] as number), 0)).toBe(hits);
          expect(classScores(cm).weighted.recall).toBeCloseTo(hits / n, 12);
        },
      ),
    );
  });

  it('log loss is ≥ 0 and 0-ish for confident right answers', () => {
    fc.assert(
      fc.property(codes(2), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 80, maxLength: 80 }), (y, p) => {
        const p1 = Float64Array.from(y, (_, i) => p[i] as number);
        expect(logLoss(y, [p1.map((v) => 1 - v), p1])).toBeGreaterThanOrEqual(0);
        expect(logLoss(y, [Float64Array.from(y, (c) => 1 - c), Float64Array.from(y, (c) => c)])).toBeLessThan(1e-12);
      }),
    );
  });

  it('perfect regression: zero errors and R² = 1 (when the truth varies)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 50 }), (y) => {
        const m = regressionMetrics(y, y);
        expect([m.mae, m.rmse, m.r2]).toEqual([0, 0, 1]);
      }),
    );
  });
});
