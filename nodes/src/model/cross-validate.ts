import { type ColumnSchema, defineNode, type MetricsValue, type ModelValue, port, tableFromColumns } from '@causeway/sdk';
import { z } from 'zod';
import { assignFolds } from '../ml/selection/assign-folds';
import { crossValidate, type FoldResult, summarize } from '../ml/selection/cross-validate';
import { prepareData } from '../ml/selection/prepare';
import { foldChart } from '../ml/selection/selection-charts';
import { columnVector } from '../shared/column-vector';
import { captureTraining } from './shared/capture-training';
import { learnerConfigField, learnerField, learnerNode, requireLearnerConfig } from './shared/learners';
import { foldFields, inferWrapped, partContext, resolveStrategy } from './shared/wrap-learner';

const config = z.object({
  learner: learnerField,
  learnerConfig: learnerConfigField,
  ...foldFields,
});

const foldColumns = (metrics: readonly string[]): ColumnSchema[] => [
  { name: 'fold', type: 'integer', nullable: false },
  { name: 'train_rows', type: 'integer', nullable: false },
  { name: 'test_rows', type: 'integer', nullable: false },
  { name: 'fit_seconds', type: 'number', nullable: false },
  ...metrics.map((name) => ({ name, type: 'number' as const, nullable: false })),
];

function foldTable(results: readonly FoldResult[]) {
  const metrics = Object.keys(results[0]?.values ?? {});
  const columns = foldColumns(metrics);
  const cells: (number | null)[][] = [
    results.map((r) => r.fold + 1),
    results.map((r) => r.trainRows),
    results.map((r) => r.testRows),
    results.map((r) => r.seconds),
    ...metrics.map((m) => results.map((r) => r.values[m] as number)),
  ];
  return tableFromColumns(
    columns.map((c) => c.name),
    columns.map((c, k) => columnVector(c.type, cells[k] as (number | null)[])),
  );
}

/**
 * `model.cross-validate`: k-fold, stratified or group cross-validation of any learner node by its own
 * configuration; per-fold metrics, their mean and standard deviation, a chart, and the learner refit
 * on all rows (the same model its own node gives).
 */
export const crossValidateNode = defineNode({
  type: 'model.cross-validate',
  version: 1,
  category: 'model',
  title: 'Cross-validate',
  description:
    'Scores a learner on k folds (k-fold, stratified or grouped): metrics per fold with mean ± std and a chart, and the model refit on all rows.',
  inputs: { table: port.table() },
  outputs: {
    model: port.model({ description: 'The learner refit on all rows.' }),
    metrics: port.metrics({ description: 'Mean of each metric over the folds, and its standard deviation as <metric>_std.' }),
    folds: port.table({ description: 'One row per fold: sizes, fit time and metrics.' }),
    chart: port.chart(),
  },
  config,
  infer: ({ inputs, config, issue }) => {
    const wrapped = inferWrapped({ ...config, table: inputs.table }, issue);
    const names = wrapped.metricNames;
    return {
      ...(wrapped.model ? { model: wrapped.model } : {}),
      ...(names.length > 0
        ? { metrics: { names: [...names, ...names.map((n) => `${n}_std`)] }, folds: { columns: foldColumns(names) } }
        : {}),
      chart: {},
    };
  },
  run: async ({ inputs, config, ctx }) => {
    const node = learnerNode(config.learner);
    const learnerConfig = requireLearnerConfig(node, config.learnerConfig, ['config', 'learnerConfig']);
    const run = await captureTraining(node, inputs.table, learnerConfig, ctx);
    const data = prepareData(run);
    const strategy = resolveStrategy(config.strategy, data.task);
    const fold = assignFolds(data, inputs.table, { ...config, strategy });
    const cvCtx = partContext(ctx, 0, 0.8);
    const results = await crossValidate(
      { data, fold, folds: config.folds, fit: run.fit },
      { signal: ctx.signal, progress: cvCtx.progress },
    );
    const summary = summarize(results);
    const values: Record<string, number> = {};
    for (const [name, s] of Object.entries(summary)) {
      values[name] = s.mean;
      values[`${name}_std`] = s.std;
    }
    values.folds = config.folds;
    ctx.log(
      'info',
      `${config.folds}-fold ${strategy} cross-validation of ${node.type} on ${data.x.rows} rows: ${Object.entries(summary)
        .map(([n, s]) => `${n} ${s.mean.toFixed(4)} ± ${s.std.toFixed(4)}`)
        .join(', ')}.`,
    );
    const refit = await node.run({ inputs: { table: inputs.table }, config: learnerConfig, ctx: partContext(ctx, 0.8, 1) });
    const metrics: MetricsValue = { values };
    return { model: refit.model as ModelValue, metrics, folds: foldTable(results), chart: foldChart(results) };
  },
});
