import { describe, expect, it } from 'vitest';
import { classScores } from './class-scores';
import { inertia, silhouette } from './clustering-metrics';
import { accuracy, confusionMatrix } from './confusion-matrix';
import { logLoss } from './log-loss';
import { prCurve } from './pr-curve';
import { closeArrays, reference } from './reference.test-helper';
import { regressionMetrics, residuals } from './regression-metrics';
import { rocAuc, rocAucOvr, rocCurve } from './roc-curve';

const tol = 1e-9;
const { binary, multiclass, regression, clustering } = reference;

describe(`metrics against scikit-learn ${reference.sklearn}`, () => {
  it('binary: accuracy, confusion matrix, per-class scores', () => {
    const cm = confusionMatrix(binary.y, binary.pred, 2);
    expect(cm).toEqual(binary.confusion);
    expect(accuracy(binary.y, binary.pred)).toBeCloseTo(binary.accuracy, 12);
    const s = classScores(cm);
    expect(closeArrays(s.precision, binary.precision)).toBeNull();
    expect(closeArrays(s.recall, binary.recall)).toBeNull();
    expect(closeArrays(s.f1, binary.f1)).toBeNull();
    expect(s.support).toEqual(binary.support);
  });

  it('binary: ROC curve with its thresholds, AUC, PR curve, log loss', () => {
    const roc = rocCurve(binary.y, binary.score);
    expect(closeArrays(roc.fpr, binary.roc.fpr)).toBeNull();
    expect(closeArrays(roc.tpr, binary.roc.tpr)).toBeNull();
    expect(closeArrays(roc.thresholds, binary.roc.thresholds)).toBeNull();
    expect(Math.abs(rocAuc(binary.y, binary.score) - binary.auc)).toBeLessThan(tol);
    const pr = prCurve(binary.y, binary.score);
    expect(closeArrays(pr.precision, binary.pr.precision)).toBeNull();
    expect(closeArrays(pr.recall, binary.pr.recall)).toBeNull();
    expect(closeArrays(pr.thresholds, binary.pr.thresholds)).toBeNull();
    const p1 = Float64Array.from(binary.score);
    const p0 = p1.map((p) => 1 - p);
    expect(Math.abs(logLoss(binary.y, [p0, p1]) - binary.logLoss)).toBeLessThan(tol);
  });

  it('multiclass: confusion, per-class, macro and weighted scores, OvR AUC, log loss', () => {
    const cm = confusionMatrix(multiclass.y, multiclass.pred, multiclass.k);
    expect(cm).toEqual(multiclass.confusion);
    expect(accuracy(multiclass.y, multiclass.pred)).toBeCloseTo(multiclass.accuracy, 12);
    const s = classScores(cm);
    expect(closeArrays(s.precision, multiclass.precision)).toBeNull();
    expect(closeArrays(s.recall, multiclass.recall)).toBeNull();
    expect(closeArrays(s.f1, multiclass.f1)).toBeNull();
    for (const avg of ['macro', 'weighted'] as const) {
      expect(
        closeArrays([s[avg].precision, s[avg].recall, s[avg].f1], [multiclass[avg].precision, multiclass[avg].recall, multiclass[avg].f1]),
      ).toBeNull();
    }
    expect(Math.abs(rocAucOvr(multiclass.y, multiclass.proba) - multiclass.aucOvrMacro)).toBeLessThan(tol);
    expect(Math.abs(logLoss(multiclass.y, multiclass.proba) - multiclass.logLoss)).toBeLessThan(tol);
  });

  it('regression: MAE, RMSE, R², residuals', () => {
    const m = regressionMetrics(regression.y, regression.pred);
    expect(closeArrays([m.mae, m.rmse, m.r2], [regression.mae, regression.rmse, regression.r2])).toBeNull();
    const r = residuals(regression.y, regression.pred);
    expect(
      closeArrays(
        r,
        regression.y.map((y, i) => y - (regression.pred[i] as number)),
      ),
    ).toBeNull();
  });

  it('clustering: inertia and silhouette over all rows', () => {
    expect(Math.abs(inertia(clustering.columns, clustering.labels) - clustering.inertia)).toBeLessThan(1e-9 * clustering.inertia);
    expect(Math.abs(silhouette(clustering.columns, clustering.labels) - clustering.silhouette)).toBeLessThan(tol);
  });

  it('clustering: a seeded silhouette sample is reproducible and close to the full score', () => {
    const a = silhouette(clustering.columns, clustering.labels, { sampleSize: 60, seed: 3 });
    expect(silhouette(clustering.columns, clustering.labels, { sampleSize: 60, seed: 3 })).toBe(a);
    expect(Math.abs(a - clustering.silhouette)).toBeLessThan(0.1);
  });

  it('edge cases: one class only gives NaN AUC; constant truth R² follows scikit-learn', () => {
    expect(rocAuc([1, 1, 1], [0.2, 0.5, 0.9])).toBeNaN();
    expect(regressionMetrics([2, 2], [2, 2]).r2).toBe(1);
    expect(regressionMetrics([2, 2], [2, 3]).r2).toBe(0);
  });
});
