import { categoryText, columnOf, defineNode, type MetricsValue, port, readColumn, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import { z } from 'zod';
import { classificationMetrics } from '../ml/metrics/classification-metrics';
import { inertia, silhouette } from '../ml/metrics/clustering-metrics';
import { metricCharts } from '../ml/metrics/metric-charts';
import { regressionMetrics, residuals } from '../ml/metrics/regression-metrics';

const probabilityPrefix = 'probability_';
/** Rows the silhouette is computed on (a seeded sample above this; it is quadratic). */
const silhouetteSample = 2000;

function numbers(table: Table, name: string): { values: Float64Array; valid: Uint8Array | null } {
  const column = readColumn(columnOf(table, name));
  if (column.kind === 'number') return column;
  if (column.kind === 'boolean') return { values: Float64Array.from(column.values), valid: column.valid };
  throw new UserError('SCHEMA_INVALID', `Column "${name}" must hold numbers, it holds ${column.kind} values.`);
}

function classify(table: Table, target: string, classes: string[] | undefined) {
  const names = table.schema.fields.map((f) => f.name);
  const known = classes ?? names.filter((n) => n.startsWith(probabilityPrefix)).map((n) => n.slice(probabilityPrefix.length));
  const truthColumn = readColumn(columnOf(table, target));
  const predColumn = readColumn(columnOf(table, 'prediction'));
  const truthText = categoryText(truthColumn);
  const predText = categoryText(predColumn);
  const labels = [...known];
  const index = new Map(labels.map((c, k) => [c, k]));
  const code = (label: string): number => {
    if (!index.has(label)) {
      index.set(label, labels.length);
      labels.push(label);
    }
    return index.get(label) as number;
  };
  const rows: number[] = [];
  for (let i = 0; i < table.numRows; i++) if (!truthColumn.valid || truthColumn.valid[i]) rows.push(i);
  const truth = Int32Array.from(rows, (i) => code(truthText(i)));
  const predicted = Int32Array.from(rows, (i) => (predColumn.valid && !predColumn.valid[i] ? -1 : code(predText(i))));
  // only classes with a probability column each give probabilities; unseen labels drop them
  const hasProbabilities = labels.length === known.length && known.every((c) => names.includes(`${probabilityPrefix}${c}`));
  const probabilities = hasProbabilities
    ? known.map((c) => {
        const column = numbers(table, `${probabilityPrefix}${c}`).values;
        return Float64Array.from(rows, (i) => column[i] as number);
      })
    : undefined;
  return classificationMetrics(labels, truth, predicted, probabilities);
}

/**
 * `model.evaluate`: metrics of a scored table (the `prediction` and `probability_<class>` columns of
 * `model.predict`) against the target column, with Vega-Lite charts: ROC, precision-recall and
 * confusion matrix for classifiers, residuals for regressions. Clustering: inertia and silhouette
 * over the model's numeric features.
 */
export const evaluateModel = defineNode({
  type: 'model.evaluate',
  version: 1,
  category: 'model',
  title: 'Evaluate model',
  description: 'Metrics and charts of predictions against the truth: classification, regression or clustering.',
  inputs: { table: port.table({ description: 'Scored rows from Predict.' }), model: port.model({ optional: true }) },
  outputs: { metrics: port.metrics(), chart: port.chart() },
  config: z.object({
    target: z.string().min(1).optional().meta({ ui: 'column' }).describe('The true value column (default: the model card’s target).'),
    task: z.enum(['auto', 'classification', 'regression', 'clustering']).default('auto'),
    features: z
      .array(z.string().min(1))
      .default([])
      .describe('Clustering: feature columns (default: the card’s numeric features).')
      .meta({ ui: 'columns' }),
    seed: z.number().int().default(0).describe('Seed of the silhouette sample.'),
  }),
  infer: ({ config, inputs }) => {
    const task = config.task === 'auto' ? inputs.model?.task : config.task;
    return {
      metrics: {
        names:
          task === 'regression'
            ? ['mae', 'mse', 'rmse', 'r2']
            : task === 'clustering'
              ? ['inertia', 'silhouette']
              : ['accuracy', 'auc', 'log_loss', 'f1_macro'],
      },
      chart: {},
    };
  },
  run: ({ inputs, config }) => {
    const { table, model } = inputs;
    const names = table.schema.fields.map((f) => f.name);
    const declared = config.task === 'auto' ? model?.card.task : config.task;
    const task =
      declared === 'other' || declared === undefined
        ? names.some((n) => n.startsWith(probabilityPrefix))
          ? 'classification'
          : 'regression'
        : declared;
    if (!names.includes('prediction'))
      throw new UserError('SCHEMA_INVALID', 'The table has no "prediction" column: connect the output of Predict.');
    if (task === 'clustering') {
      const features =
        config.features.length > 0
          ? config.features
          : (model?.card.features ?? []).filter((f) => f.type === 'number' || f.type === 'integer').map((f) => f.name);
      if (features.length === 0)
        throw new UserError('CONFIG_INVALID', 'Name the feature columns to measure the clusters on.', {
          issues: [{ code: 'CONFIG_INVALID', path: ['config', 'features'], message: 'no features' }],
        });
      const columns = features.map((f) => numbers(table, f).values);
      const labels = Int32Array.from(numbers(table, 'prediction').values);
      const metrics: MetricsValue = {
        values: {
          inertia: inertia(columns, labels),
          silhouette: silhouette(columns, labels, { sampleSize: silhouetteSample, seed: config.seed }),
          rows: table.numRows,
        },
      };
      return { metrics, chart: metricCharts(metrics) };
    }
    const target = config.target ?? model?.card.target;
    if (target === undefined)
      throw new UserError('CONFIG_INVALID', 'Choose the target column (the model card names none).', {
        issues: [{ code: 'CONFIG_INVALID', path: ['config', 'target'], message: 'required' }],
      });
    if (!names.includes(target))
      throw new UserError('SCHEMA_INVALID', `The table has no target column "${target}".`, {
        issues: [{ code: 'SCHEMA_INVALID', path: ['config', 'target'], message: `unknown column "${target}"` }],
      });
    if (task === 'classification') {
      const metrics = classify(table, target, model?.card.classes);
      return { metrics, chart: metricCharts(metrics) };
    }
    const truth = numbers(table, target);
    const predicted = numbers(table, 'prediction').values;
    const rows = Array.from({ length: table.numRows }, (_, i) => i).filter((i) => !truth.valid || truth.valid[i]);
    const y = Float64Array.from(rows, (i) => truth.values[i] as number);
    const p = Float64Array.from(rows, (i) => predicted[i] as number);
    const m = regressionMetrics(y, p);
    const metrics: MetricsValue = { values: { ...m, rows: rows.length } };
    return { metrics, chart: metricCharts(metrics, { predicted: p, residual: residuals(y, p) }) };
  },
});
