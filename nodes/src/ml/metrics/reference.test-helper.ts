// Test-only: scikit-learn's references written by scripts/metrics/make_metric_fixtures.py.
import { readFileSync } from 'node:fs';

interface Scores {
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
}
interface Averaged {
  precision: number;
  recall: number;
  f1: number;
}

export interface MetricReference {
  sklearn: string;
  binary: Scores & {
    y: number[];
    score: number[];
    pred: number[];
    accuracy: number;
    confusion: number[][];
    auc: number;
    logLoss: number;
    roc: { fpr: number[]; tpr: number[]; thresholds: number[] };
    pr: { precision: number[]; recall: number[]; thresholds: number[] };
  };
  multiclass: Scores & {
    k: number;
    y: number[];
    proba: number[][];
    pred: number[];
    accuracy: number;
    confusion: number[][];
    aucOvrMacro: number;
    logLoss: number;
    macro: Averaged;
    weighted: Averaged;
  };
  regression: { y: number[]; pred: number[]; mae: number; rmse: number; r2: number };
  clustering: { columns: number[][]; labels: number[]; inertia: number; silhouette: number };
}

const file = new URL('../../../../test/fixtures/metrics/reference.json', import.meta.url);

/** The committed reference numbers. */
export const reference: MetricReference = JSON.parse(readFileSync(file, 'utf8'));

/** Asserts two number arrays are equal within `tolerance`, with a message naming the first difference. */
export function closeArrays(actual: ArrayLike<number>, expected: readonly number[], tolerance = 1e-9): string | null {
  if (actual.length !== expected.length) return `length ${actual.length} ≠ ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    if (!(Math.abs(a - e) <= tolerance)) return `at ${i}: ${a} ≠ ${e}`;
  }
  return null;
}
