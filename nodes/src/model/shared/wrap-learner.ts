import type { NodeContext, PortDescriptors, TableSchema } from '@causeway/sdk';
import { z } from 'zod';
import { foldMetricNames } from '../../ml/selection/fold-scores';
import type { FoldStrategy } from '../../ml/selection/folds';
import { deriveContext } from './derive-context';
import { learnerNode, parseLearnerConfig } from './learners';

/** The fold fields cross-validation and tuning share. */
export const foldFields = {
  strategy: z
    .enum(['auto', 'kfold', 'stratified', 'group'])
    .default('auto')
    .describe('auto: stratified for classification, k-fold for regression; group keeps each value of the group column in one fold.'),
  folds: z.number().int().min(2).max(100).default(5).describe('Number of folds.'),
  shuffle: z.boolean().default(true).describe('Shuffle rows before dealing them into folds (k-fold and stratified).'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0)
    .describe('Fixes the shuffle and every random choice of the search.'),
  group: z.string().min(1).optional().describe('Group folds: the column whose values never span folds.').meta({ ui: 'column' }),
};

/** The strategy a fold config resolves to for a task. */
export function resolveStrategy(strategy: 'auto' | FoldStrategy, task: 'classification' | 'regression'): FoldStrategy {
  if (strategy !== 'auto') return strategy;
  return task === 'classification' ? 'stratified' : 'kfold';
}

/** What wrapping a learner knows at design time: its model descriptor and the fold metrics. */
export interface WrappedInference {
  model?: PortDescriptors['model'];
  task?: 'classification' | 'regression';
  metricNames: readonly string[];
  /** The learner config parsed with defaults, when valid. */
  config?: Record<string, unknown>;
}

/**
 * Design-time checks of a wrapped learner: its config against its own schema, then its own `infer`
 * (unknown target or feature columns), every issue placed under `learnerConfig`; and the group
 * column. Returns the learner's model descriptor and the metrics each fold will report.
 */
export function inferWrapped(
  args: {
    learner: string;
    learnerConfig: Record<string, unknown>;
    table: TableSchema | undefined;
    group?: string | undefined;
    strategy?: string;
  },
  issue: (message: string, field?: ReadonlyArray<string | number>) => void,
): WrappedInference {
  const node = learnerNode(args.learner);
  const parsed = parseLearnerConfig(node, args.learnerConfig, ['learnerConfig']);
  if (!parsed.ok) {
    for (const i of parsed.issues) issue(i.message, i.path);
    return { metricNames: [] };
  }
  const names = args.table?.columns.map((c) => c.name);
  if (args.strategy === 'group' && args.group === undefined) issue('Group folds need a group column.', ['group']);
  if (args.group !== undefined && names && !names.includes(args.group)) issue(`There is no column "${args.group}".`, ['group']);
  const inferred = node.infer?.({
    inputs: { table: args.table },
    config: parsed.value,
    issue: (message: string, field?: ReadonlyArray<string | number>) => issue(message, ['learnerConfig', ...(field ?? [])]),
  }) as { model?: PortDescriptors['model'] } | undefined;
  const model = inferred?.model;
  const task = model?.task === 'classification' || model?.task === 'regression' ? model.task : undefined;
  return {
    ...(model ? { model } : {}),
    ...(task ? { task } : {}),
    metricNames: task ? foldMetricNames[task] : [],
    config: parsed.value,
  };
}

/** A context for part of a node's work: progress in [from, to] of the node's, everything else the node's own. */
export function partContext(ctx: NodeContext, from: number, to: number): NodeContext {
  return deriveContext(ctx, { progress: (f: number) => ctx.progress(from + (to - from) * Math.min(1, Math.max(0, f))) });
}
