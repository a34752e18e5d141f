import {
  type ColumnSchema,
  type ColumnType,
  defineNode,
  type MetricsValue,
  type ModelValue,
  port,
  tableFromColumns,
  UserError,
} from '@causeway/sdk';
import { z } from 'zod';
import { foldMetricNames } from '../ml/selection/fold-scores';
import { prepareData } from '../ml/selection/prepare';
import { bestResult, runSearch, type SearchResult, scoreOf } from '../ml/selection/search';
import { gridCandidates, type ParamSpace, type ParamValue, randomCandidates } from '../ml/selection/search-space';
import { searchChart } from '../ml/selection/selection-charts';
import { columnVector } from '../shared/column-vector';
import { captureTraining } from './shared/capture-training';
import { learnerConfigField, learnerField, learnerNode, requireLearnerConfig } from './shared/learners';
import { spaceField, spaceIssues } from './shared/search-config';
import { foldFields, inferWrapped, partContext, resolveStrategy } from './shared/wrap-learner';

const config = z.object({
  learner: learnerField,
  learnerConfig: learnerConfigField.describe(
    'The learner’s fixed configuration (target, features, other settings); the space varies the rest.',
  ),
  space: spaceField,
  search: z
    .enum(['grid', 'random', 'halving'])
    .default('random')
    .describe('grid: every combination; random: `iterations` draws; halving: `iterations` draws raced on growing samples of rows.'),
  iterations: z.number().int().min(1).max(1000).default(20).describe('Random search and halving: configurations drawn.'),
  factor: z
    .number()
    .int()
    .min(2)
    .max(10)
    .default(3)
    .describe('Halving: each round keeps 1/factor of the configurations on factor times the rows.'),
  metric: z.string().min(1).optional().describe('The score to rank by (default: accuracy for classification, r2 for regression).'),
  ...foldFields,
});

type Config = z.output<typeof config>;

function paramType(values: readonly ParamValue[]): ColumnType {
  if (values.every((v) => typeof v === 'number')) return 'number';
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  return 'string';
}

function resultColumns(params: readonly string[], types: readonly ColumnType[], metric: string): ColumnSchema[] {
  return [
    { name: 'rank', type: 'integer', nullable: true },
    { name: 'candidate', type: 'integer', nullable: false },
    { name: 'round', type: 'integer', nullable: false },
    { name: 'rows', type: 'integer', nullable: false },
    ...params.map((name, k) => ({ name: `param_${name}`, type: types[k] ?? 'string', nullable: false })),
    { name: `mean_${metric}`, type: 'number', nullable: true },
    { name: `std_${metric}`, type: 'number', nullable: true },
    { name: 'fit_seconds', type: 'number', nullable: false },
  ];
}

function resultTable(results: readonly SearchResult[], params: readonly string[], metric: string, ranks: Map<SearchResult, number>) {
  const types = params.map((p) => paramType(results.map((r) => r.params[p] as ParamValue)));
  const columns = resultColumns(params, types, metric);
  const cells: (number | string | boolean | null)[][] = [
    results.map((r) => ranks.get(r) ?? null),
    results.map((r) => r.candidate + 1),
    results.map((r) => r.round),
    results.map((r) => r.rows),
    ...params.map((p, k) => results.map((r) => (types[k] === 'string' ? String(r.params[p]) : (r.params[p] as number | boolean)))),
    results.map((r) => (Number.isFinite(r.mean) ? r.mean : null)),
    results.map((r) => (Number.isFinite(r.std) ? r.std : null)),
    results.map((r) => r.seconds),
  ];
  return tableFromColumns(
    columns.map((c) => c.name),
    columns.map((c, k) => columnVector(c.type, cells[k] as (number | string | boolean | null)[])),
    columns.map((c) => c.nullable),
  );
}

function checkSpace(config: Config, base: Record<string, unknown>): void {
  const node = learnerNode(config.learner);
  const issues = spaceIssues(node, base, config.space, config.search);
  if (issues.length > 0)
    throw new UserError('CONFIG_INVALID', issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), {
      issues: issues.map((i) => ({ code: 'CONFIG_INVALID', path: ['config', ...i.path], message: i.message })),
    });
}

/**
 * `model.tune`: grid, random or successive-halving search over a learner's hyper-parameters, each
 * configuration cross-validated; a results table, a chart of score against each parameter, the best
 * configuration, and the learner refit on all rows with it.
 */
export const tuneNode = defineNode({
  type: 'model.tune',
  version: 1,
  category: 'model',
  title: 'Tune hyper-parameters',
  description:
    'Searches a learner’s hyper-parameters (grid, random or successive halving) by cross-validation: results, a chart, the best configuration and its model refit on all rows.',
  inputs: { table: port.table() },
  outputs: {
    model: port.model({ description: 'The learner refit on all rows with the best configuration.' }),
    best: port.value(z.record(z.string(), z.unknown()), { description: 'The best learner configuration, as its node takes it.' }),
    metrics: port.metrics({ description: 'The best configuration’s cross-validated metrics (mean, and <metric>_std).' }),
    results: port.table({ description: 'One row per configuration (and halving round): parameters, score, rank.' }),
    chart: port.chart(),
  },
  config,
  infer: ({ inputs, config, issue }) => {
    const wrapped = inferWrapped({ ...config, table: inputs.table }, issue);
    if (wrapped.config) {
      for (const i of spaceIssues(learnerNode(config.learner), wrapped.config, config.space, config.search)) issue(i.message, i.path);
    }
    const names = wrapped.metricNames;
    if (config.metric !== undefined && names.length > 0 && !names.includes(config.metric))
      issue(`"${config.metric}" is not a cross-validation metric here; choose one of ${names.join(', ')}.`, ['metric']);
    return {
      ...(wrapped.model ? { model: wrapped.model } : {}),
      ...(names.length > 0 ? { metrics: { names: [...names, ...names.map((n) => `${n}_std`)] } } : {}),
      chart: {},
    };
  },
  run: async ({ inputs, config, ctx }) => {
    const node = learnerNode(config.learner);
    const base = requireLearnerConfig(node, config.learnerConfig, ['config', 'learnerConfig']);
    checkSpace(config, base);
    const spaces = config.space as Record<string, ParamSpace>;
    const candidates = config.search === 'grid' ? gridCandidates(spaces) : randomCandidates(spaces, config.iterations, config.seed);
    const run = await captureTraining(node, inputs.table, base, ctx);
    const data = prepareData(run);
    const names = foldMetricNames[data.task] as readonly string[];
    const metric = config.metric ?? (names[0] as string);
    if (!names.includes(metric))
      throw new UserError('CONFIG_INVALID', `"${metric}" is not a cross-validation metric here; choose one of ${names.join(', ')}.`, {
        issues: [{ code: 'CONFIG_INVALID', path: ['config', 'metric'], message: 'unknown metric' }],
      });
    const strategy = resolveStrategy(config.strategy, data.task);
    const searchCtx = partContext(ctx, 0, 0.9);
    const results = await runSearch(
      {
        data,
        table: inputs.table,
        candidates,
        fitOf: async (params) => (await captureTraining(node, inputs.table, { ...base, ...params }, ctx)).fit,
        folds: { ...config, strategy },
        metric,
        ...(config.search === 'halving' ? { halving: { factor: config.factor } } : {}),
      },
      { signal: ctx.signal, progress: searchCtx.progress },
    );
    const best = bestResult(results, metric);
    if (!best) throw new UserError('INPUT_INVALID', `No configuration gave a ${metric} score.`);
    const lastRound = best.round;
    const ranked = results
      .filter((r) => r.round === lastRound && Number.isFinite(r.mean))
      .sort((a, b) => scoreOf(metric, b.mean) - scoreOf(metric, a.mean) || a.candidate - b.candidate);
    const ranks = new Map(ranked.map((r, k) => [r, k + 1]));
    const bestConfig = { ...base, ...best.params };
    ctx.log(
      'info',
      `Searched ${candidates.length} configurations of ${node.type} (${config.search}, ${config.folds} folds): best ${metric} ${best.mean.toFixed(4)} ± ${best.std.toFixed(4)} with ${JSON.stringify(best.params)}.`,
    );
    const refit = await node.run({ inputs: { table: inputs.table }, config: bestConfig, ctx: partContext(ctx, 0.9, 1) });
    const bestRows = results.filter((r) => r.round === lastRound);
    const params = Object.keys(spaces);
    const metrics: MetricsValue = {
      values: { ...best.values, [`${metric}_std`]: best.std, configurations: candidates.length },
    };
    return {
      model: refit.model as ModelValue,
      best: bestConfig,
      metrics,
      results: resultTable(results, params, metric, ranks),
      chart: searchChart(
        bestRows.map((r) => ({ params: r.params, mean: r.mean, std: r.std, best: r === best })),
        params,
        metric,
      ),
    };
  },
});
