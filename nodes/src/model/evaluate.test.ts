import { type ModelValue, UserError } from '@causeway/sdk';
import { runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { reference } from '../ml/metrics/reference.test-helper';
import { evaluateModel } from './evaluate';

const { binary, multiclass, regression, clustering } = reference;
const card = (task: ModelValue['card']['task'], extra: Partial<ModelValue['card']> = {}): ModelValue => ({
  onnx: Uint8Array.of(0),
  card: { task, features: [], ...extra },
});

describe('model.evaluate', () => {
  it('binary classification: scikit-learn’s numbers, curves, confusion and charts from a scored table', async () => {
    const names = ['no', 'yes'];
    const table = tableOf(
      {
        churn: binary.y.map((y) => names[y] as string),
        prediction: binary.pred.map((p) => names[p] as string),
        probability_no: binary.score.map((s) => 1 - s),
        probability_yes: binary.score,
      },
      { churn: 'category', prediction: 'category' },
    );
    const { outputs } = await runNode(evaluateModel, {
      inputs: { table, model: card('classification', { classes: names, target: 'churn' }) },
      config: {},
    });
    const v = outputs.metrics.values;
    expect(Math.abs((v.auc as number) - binary.auc)).toBeLessThan(1e-9);
    expect(Math.abs((v.log_loss as number) - binary.logLoss)).toBeLessThan(1e-9);
    expect(v.accuracy).toBeCloseTo(binary.accuracy, 12);
    expect(v['f1.yes']).toBeCloseTo(binary.f1[1] as number, 12);
    expect(outputs.metrics.confusion).toEqual({ labels: names, matrix: binary.confusion });
    expect(outputs.metrics.curves?.roc?.x).toEqual(binary.roc.fpr);
    expect(outputs.metrics.curves?.pr?.y.length).toBe(binary.pr.precision.length);
    const charts = outputs.chart.hconcat as { title: string }[];
    expect(charts.map((c) => c.title)).toEqual(['ROC curve', 'Precision-recall curve', 'Confusion matrix']);
    expect(JSON.parse(JSON.stringify(outputs.chart))).toEqual(outputs.chart);
  });

  it('a row with no prediction is wrong everywhere: accuracy, recall, F1 (scikit-learn with labels=classes)', async () => {
    const table = tableOf({ y: ['a', 'b', 'a'], prediction: ['a', 'b', null] }, { y: 'category', prediction: 'category' });
    const { outputs } = await runNode(evaluateModel, {
      inputs: { table, model: card('classification', { classes: ['a', 'b'], target: 'y' }) },
      config: {},
    });
    const v = outputs.metrics.values;
    expect(v.accuracy).toBeCloseTo(2 / 3, 12);
    expect(v['recall.a']).toBe(0.5);
    expect(v['precision.a']).toBe(1);
    expect(v['f1.a']).toBeCloseTo(2 / 3, 12);
    expect(v['f1.b']).toBe(1);
    expect(v.f1_macro).toBeCloseTo(5 / 6, 12);
    expect(v.rows_without_prediction).toBe(1);
    expect(outputs.metrics.confusion?.matrix).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('multiclass without a model: classes from the probability columns, one-vs-rest AUC', async () => {
    const names = ['a', 'b', 'c'];
    const table = tableOf({
      label: multiclass.y.map((y) => names[y] as string),
      prediction: multiclass.pred.map((p) => names[p] as string),
      probability_a: multiclass.proba[0] as number[],
      probability_b: multiclass.proba[1] as number[],
      probability_c: multiclass.proba[2] as number[],
    });
    const { outputs } = await runNode(evaluateModel, { inputs: { table, model: undefined }, config: { target: 'label' } });
    const v = outputs.metrics.values;
    expect(Math.abs((v.auc as number) - multiclass.aucOvrMacro)).toBeLessThan(1e-9);
    expect(Math.abs((v.f1_weighted as number) - multiclass.weighted.f1)).toBeLessThan(1e-9);
    expect(v['precision.c']).toBe(0);
    expect(outputs.metrics.curves).toBeUndefined();
  });

  it('regression: MAE, RMSE, R² and a residual plot; rows with no truth are left out', async () => {
    const table = tableOf({ y: [...regression.y, null], prediction: [...regression.pred, 5] }, { y: 'number' });
    const { outputs } = await runNode(evaluateModel, { inputs: { table, model: undefined }, config: { target: 'y', task: 'regression' } });
    const v = outputs.metrics.values;
    expect(Math.abs((v.rmse as number) - regression.rmse)).toBeLessThan(1e-9);
    expect(Math.abs((v.r2 as number) - regression.r2)).toBeLessThan(1e-9);
    expect(v.rows).toBe(regression.y.length);
    const [residualChart] = outputs.chart.hconcat as { title: string; data: { values: unknown[] } }[];
    expect(residualChart?.title).toBe('Residuals');
    expect(residualChart?.data.values).toHaveLength(regression.y.length);
  });

  it('clustering: inertia and silhouette over the card’s numeric features', async () => {
    const [x, y, z] = clustering.columns as [number[], number[], number[]];
    const table = tableOf({ x, y, z, prediction: clustering.labels }, { x: 'number', y: 'number', z: 'number', prediction: 'integer' });
    const model = card('clustering', { features: ['x', 'y', 'z'].map((name) => ({ name, type: 'number' as const })) });
    const { outputs } = await runNode(evaluateModel, { inputs: { table, model }, config: {} });
    expect(Math.abs((outputs.metrics.values.silhouette as number) - clustering.silhouette)).toBeLessThan(1e-9);
    expect(outputs.metrics.values.inertia).toBeCloseTo(clustering.inertia, 8);
  });

  it('fails with the field to fix when the target or prediction is missing', async () => {
    const table = tableOf({ y: [1, 2], prediction: [1, 2] });
    await expect(runNode(evaluateModel, { inputs: { table, model: undefined }, config: {} })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
    await expect(runNode(evaluateModel, { inputs: { table, model: undefined }, config: { target: 'why' } })).rejects.toMatchObject({
      code: 'SCHEMA_INVALID',
      message: 'The table has no target column "why".',
    });
    await expect(
      runNode(evaluateModel, { inputs: { table: tableOf({ y: [1] }), model: undefined }, config: { target: 'y' } }),
    ).rejects.toBeInstanceOf(UserError);
  });
});
