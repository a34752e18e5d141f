import { type ColumnSchema, defineNode, type ModelCard, port, tableFromColumns, UserError } from '@causeway/sdk';
import { z } from 'zod';
import { explainChart } from '../ml/explain/explain-charts';
import { FeedScorer, readTruth } from '../ml/explain/feed-scorer';
import { explainMetrics, permutationImportance } from '../ml/explain/importance';
import { type PartialDependence, partialDependence } from '../ml/explain/partial-dependence';
import { rewriteCard } from '../ml/onnx/rewrite-card';
import { columnVector } from '../shared/column-vector';
import { unknownColumn } from '../shared/unknown-column';
import { partContext } from './shared/wrap-learner';

const importanceColumns: ColumnSchema[] = [
  { name: 'feature', type: 'string', nullable: false },
  { name: 'importance_mean', type: 'number', nullable: false },
  { name: 'importance_std', type: 'number', nullable: false },
  { name: 'impurity_importance', type: 'number', nullable: true },
];

/** The importances a card carries (`model.explain` and training write them). */
export interface CardImportance {
  permutation?: {
    metric: string;
    repeats: number;
    rows: number;
    baseline: number;
    mean: Record<string, number>;
    std: Record<string, number>;
  };
  impurity?: Record<string, number>;
}

function impurityOf(card: ModelCard): Record<string, number> | undefined {
  const importance = card.importance as CardImportance | undefined;
  return importance && typeof importance.impurity === 'object' ? importance.impurity : undefined;
}

/**
 * `model.explain`: permutation importance of any model (trained here or imported) on a table with
 * the truth, partial-dependence charts for chosen features, and the impurity importance a tree
 * model's card carries; the importances are written into the model's card.
 */
export const explainNode = defineNode({
  type: 'model.explain',
  version: 1,
  category: 'model',
  title: 'Explain model',
  description:
    'Permutation importance of each feature on a table (any model, also imported ONNX), partial dependence charts, and impurity importance of trees; importances go into the model card.',
  inputs: {
    model: port.model(),
    table: port.table({ description: 'Rows with the features and the true target (e.g. a held-out split).' }),
  },
  outputs: {
    model: port.model({ description: 'The same model with its importances in the card.' }),
    importance: port.table({ description: 'One row per feature: permutation importance mean and std, impurity importance of trees.' }),
    chart: port.chart(),
  },
  config: z.object({
    target: z.string().min(1).optional().meta({ ui: 'column' }).describe('The true value column (default: the model card’s target).'),
    features: z
      .array(z.string().min(1))
      .max(10_000)
      .default([])
      .meta({ ui: 'columns' })
      .describe('Features to permute (default: every model feature).'),
    repeats: z.number().int().min(1).max(100).default(5).describe('Shuffles per feature.'),
    metric: z
      .string()
      .min(1)
      .optional()
      .describe('The score whose drop is measured (default: accuracy for classifiers, r2 for regressions).'),
    partialDependence: z
      .array(z.string().min(1))
      .max(20)
      .default([])
      .meta({ ui: 'columns' })
      .describe('Features to chart the partial dependence of.'),
    gridPoints: z.number().int().min(2).max(100).default(20).describe('Partial dependence: grid values per feature.'),
    sampleRows: z.number().int().min(10).max(100_000).default(1000).describe('Partial dependence: rows averaged over (a seeded sample).'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(0)
      .describe('Fixes the shuffles and the sample.'),
  }),
  infer: ({ inputs, config, issue }) => {
    const model = inputs.model;
    const features = model?.features?.map((f) => f.name);
    if (features) {
      config.features.forEach((f, k) => {
        if (!features.includes(f)) issue(`The model has no feature "${f}".`, ['features', k]);
      });
      config.partialDependence.forEach((f, k) => {
        if (!features.includes(f)) issue(`The model has no feature "${f}".`, ['partialDependence', k]);
      });
    }
    const task = model?.task;
    if (config.metric !== undefined && (task === 'classification' || task === 'regression')) {
      const names: readonly string[] = explainMetrics[task];
      if (!names.includes(config.metric))
        issue(`"${config.metric}" does not score a ${task}; choose one of ${names.join(', ')}.`, ['metric']);
    }
    const target = config.target ?? model?.target;
    const columns = inputs.table?.columns.map((c) => c.name);
    if (target !== undefined && columns && !columns.includes(target)) issue(unknownColumn(target, columns), ['target']);
    return { ...(model ? { model } : {}), importance: { columns: importanceColumns }, chart: {} };
  },
  run: async ({ inputs, config, ctx }) => {
    const { model, table } = inputs;
    const task = model.card.task;
    if (task !== 'classification' && task !== 'regression')
      throw new UserError('MODEL_INVALID', `Explanations need a classification or regression model; this one is "${task}".`);
    const metric = config.metric ?? explainMetrics[task][0];
    if (!(explainMetrics[task] as readonly string[]).includes(metric))
      throw new UserError('CONFIG_INVALID', `"${metric}" does not score a ${task}.`, {
        issues: [{ code: 'CONFIG_INVALID', path: ['config', 'metric'], message: 'unknown metric' }],
      });
    const target = config.target ?? model.card.target;
    const names = table.schema.fields.map((f) => f.name);
    if (target === undefined || !names.includes(target))
      throw new UserError(
        'CONFIG_INVALID',
        target === undefined ? 'Choose the target column (the model card names none).' : unknownColumn(target, names),
        { issues: [{ code: 'CONFIG_INVALID', path: ['config', 'target'], message: target === undefined ? 'required' : 'unknown column' }] },
      );
    const truth = readTruth(table, target, model);
    if (truth.rows.length === 0) throw new UserError('INPUT_INVALID', `No row has a "${target}" the model knows.`);
    const scorer = await FeedScorer.open(model, table, ctx.onnx);
    try {
      const features = config.features.length > 0 ? config.features : scorer.features;
      for (const f of [...features, ...config.partialDependence])
        if (!scorer.features.includes(f))
          throw new UserError('CONFIG_INVALID', `The model has no feature "${f}" (its features: ${scorer.features.join(', ')}).`);
      const rows = truth.rows.length === table.numRows ? null : truth.rows;
      const pi = await permutationImportance(
        { scorer, truth: truth.truth, rows, metric, features, repeats: config.repeats, seed: config.seed },
        { signal: ctx.signal, progress: partContext(ctx, 0, 0.8).progress },
      );
      const dependence: PartialDependence[] = [];
      for (const f of config.partialDependence)
        dependence.push(
          await partialDependence(
            scorer,
            f,
            { points: config.gridPoints, sample: config.sampleRows, seed: config.seed },
            { signal: ctx.signal },
          ),
        );
      const impurity = impurityOf(model.card);
      const importance: CardImportance = {
        ...((model.card.importance as CardImportance | undefined) ?? {}),
        permutation: {
          metric,
          repeats: config.repeats,
          rows: truth.rows.length,
          baseline: pi.baseline,
          mean: Object.fromEntries(pi.importances.map((i) => [i.feature, i.mean])),
          std: Object.fromEntries(pi.importances.map((i) => [i.feature, i.std])),
        },
      };
      const card: ModelCard = { ...model.card, importance };
      ctx.log(
        'info',
        `Permutation importance (${config.repeats} repeats, ${metric} ${pi.baseline.toFixed(4)} on ${truth.rows.length} rows): ${[
          ...pi.importances,
        ]
          .sort((a, b) => b.mean - a.mean)
          .slice(0, 5)
          .map((i) => `${i.feature} ${i.mean.toFixed(4)}`)
          .join(', ')}.`,
      );
      const out = tableFromColumns(
        importanceColumns.map((c) => c.name),
        [
          columnVector(
            'string',
            pi.importances.map((i) => i.feature),
          ),
          columnVector(
            'number',
            pi.importances.map((i) => i.mean),
          ),
          columnVector(
            'number',
            pi.importances.map((i) => i.std),
          ),
          columnVector(
            'number',
            pi.importances.map((i) => impurity?.[i.feature] ?? null),
          ),
        ],
        importanceColumns.map((c) => c.nullable),
      );
      return {
        model: { ...model, onnx: rewriteCard(model.onnx, card), card },
        importance: out,
        chart: explainChart(pi.importances, metric, dependence),
      };
    } finally {
      await scorer.release();
    }
  },
});
