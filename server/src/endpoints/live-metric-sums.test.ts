import { regressionMetrics, rocAuc } from '@causeway/nodes';
import type { ModelCard } from '@causeway/sdk';
import { describe, expect, test } from 'vitest';
import { binnedAuc, liveSums, type MatchedOutcome, metricsOf } from './live-metric-sums';

const classifier: ModelCard = { task: 'classification', features: [], classes: ['no', 'yes'] };
const regression: ModelCard = { task: 'regression', features: [] };

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('live metric sums', () => {
  test('AUC from probability bins equals ROC AUC when scores fall on the bins (ties within a bin are ties)', () => {
    const next = lcg(5);
    const matched: MatchedOutcome[] = [];
    for (let i = 0; i < 2_000; i++) {
      const yes = (Math.floor(next() * 100) + 0.5) / 100;
      const outcome = next() < yes ? 'yes' : 'no';
      // Two hours, so the bins of two buckets are added together.
      matched.push({
        version: 1,
        at: new Date(Date.UTC(2026, 0, 1, i % 2)),
        output: { prediction: yes > 0.5 ? 'yes' : 'no', probabilities: { no: 1 - yes, yes } },
        outcome,
      });
    }
    const sums = liveSums(matched, () => classifier);
    expect(sums).toHaveLength(2);
    const positive = Uint8Array.from(matched, (m) => (m.outcome === 'yes' ? 1 : 0));
    const scores = Float64Array.from(matched, (m) => m.output.probabilities?.yes ?? 0);
    const live = metricsOf(sums);
    expect(live.auc).toBeCloseTo(rocAuc(positive, scores), 12);
    expect(live.count).toBe(2_000);
    expect(live.accuracy).toBe(matched.filter((m) => m.output.prediction === m.outcome).length / 2_000);
  });

  test('AUC is null until both classes were seen; a class the model does not know is a miss', () => {
    expect(binnedAuc([0, 3], [0, 0])).toBeNull();
    const sums = liveSums(
      [{ version: 2, at: new Date(0), output: { prediction: 'no', probabilities: { no: 0.9, yes: 0.1 } }, outcome: 'maybe' }],
      () => classifier,
    );
    expect(metricsOf(sums)).toMatchObject({ count: 1, accuracy: 0, auc: null });
    expect(metricsOf(sums).logLoss).toBeGreaterThan(30);
  });

  test('regression sums across hours give the RMSE and MAE of all rows; non-numbers are left out', () => {
    const next = lcg(9);
    const matched: MatchedOutcome[] = [];
    for (let i = 0; i < 500; i++) {
      const truth = next() * 100;
      matched.push({
        version: 3,
        at: new Date(Date.UTC(2026, 0, 1, i % 5)),
        output: { prediction: truth + (next() - 0.5) * 10 },
        outcome: truth,
      });
    }
    const skipped: MatchedOutcome = { version: 3, at: new Date(0), output: { prediction: 1 }, outcome: 'n/a' };
    const sums = liveSums([...matched, skipped], () => regression);
    expect(sums).toHaveLength(5);
    const expected = regressionMetrics(
      matched.map((m) => m.outcome as number),
      matched.map((m) => m.output.prediction as number),
    );
    const live = metricsOf(sums);
    expect(live.count).toBe(500);
    expect(live.rmse).toBeCloseTo(expected.rmse, 10);
    expect(live.mae).toBeCloseTo(expected.mae, 10);
    expect(liveSums(matched, () => undefined)).toEqual([]);
  });
});
