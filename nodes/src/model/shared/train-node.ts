import { type MetricsValue, type ModelValue, type NodeContext, type PortDescriptors, type TableSchema, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import { z } from 'zod';
import type { TrainControl } from '../../ml/learn/control';
import type { ClassTargets, FeatureMatrix } from '../../ml/learn/matrix';
import { cardFeaturesOf } from '../../ml/onnx/model-card';
import { trainModel } from '../../ml/onnx/train-model';
import { chooseFeatures, taskOfTarget } from '../../ml/onnx/training-data';
import type { FittedModel } from '../../ml/onnx/write-model';
import { unknownColumn } from '../../shared/unknown-column';
import { captured } from './capture-training';

/** Config fields every model node shares. */
export const featuresField = z
  .array(z.string().min(1))
  .max(10_000)
  .default([])
  .describe(
    'Feature columns; empty = every column but the target. Text and category columns are one-hot encoded, numbers imputed with the mean.',
  )
  .meta({ ui: 'columns' });

/** Config fields of supervised model nodes. */
export const supervisedFields = {
  target: z.string().min(1).describe('The column to predict.').meta({ ui: 'column' }),
  features: featuresField,
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0)
    .describe('Fixes every random choice, so a run can be repeated.'),
};

/** The task field of learners that do both (trees, forests, boosting). */
export const taskField = z
  .enum(['auto', 'classification', 'regression'])
  .default('auto')
  .describe('auto: classification for text, category and boolean targets, regression for numbers.');

interface InferInput {
  table: TableSchema | undefined;
  target: string | undefined;
  features: readonly string[];
  task: 'auto' | 'classification' | 'regression' | 'clustering';
  issue: (message: string, field?: ReadonlyArray<string | number>) => void;
}

/** Design-time model descriptor: task, target and features (with types) from the input schema. */
export function inferModel({ table, target, features, task, issue }: InferInput): {
  model?: PortDescriptors['model'];
  metrics?: PortDescriptors['metrics'];
} {
  if (!table) return {};
  const names = table.columns.map((c) => c.name);
  const targetColumn = target === undefined ? undefined : table.columns.find((c) => c.name === target);
  if (target !== undefined && !targetColumn) issue(unknownColumn(target, names), ['target']);
  features.forEach((f, k) => {
    if (!names.includes(f)) issue(unknownColumn(f, names), ['features', k]);
    else if (f === target) issue(`The target "${f}" cannot also be a feature.`, ['features', k]);
  });
  const chosen = features.length > 0 ? features : names.filter((n) => n !== target);
  const resolved = task === 'auto' ? (targetColumn ? taskOfTarget(targetColumn.type) : undefined) : task;
  if (resolved === 'regression' && targetColumn && taskOfTarget(targetColumn.type) === 'classification') {
    issue(`Regression needs a numeric target; "${targetColumn.name}" is ${targetColumn.type}.`, ['target']);
  }
  const metricNames =
    resolved === 'classification' ? ['accuracy', 'log_loss'] : resolved === 'regression' ? ['rmse', 'mae', 'r2'] : ['inertia'];
  return {
    model: {
      ...(resolved ? { task: resolved } : {}),
      features: cardFeaturesOf(table.columns, chosen),
      ...(target === undefined ? {} : { target }),
    },
    metrics: { names: metricNames },
  };
}

/** What one model node run hands to {@link runTraining}. */
export interface TrainingRun<M extends FittedModel> {
  table: Table;
  target?: string;
  task?: 'auto' | 'classification' | 'regression';
  features: readonly string[];
  scale: boolean;
  params: Record<string, unknown>;
  fit(x: FeatureMatrix, target: ClassTargets | Float64Array | undefined, control: TrainControl): Promise<M>;
  ctx: NodeContext;
}

/** Runs a model node: picks features, trains, writes ONNX; returns the node's outputs. */
export async function runTraining<M extends FittedModel>(run: TrainingRun<M>): Promise<{ model: ModelValue; metrics: MetricsValue }> {
  captured(run);
  const columns = run.table.schema.fields.map((f) => f.name);
  if (run.target !== undefined && !columns.includes(run.target)) throw new UserError('SCHEMA_INVALID', unknownColumn(run.target, columns));
  for (const f of run.features) if (!columns.includes(f)) throw new UserError('SCHEMA_INVALID', unknownColumn(f, columns));
  const features = chooseFeatures(columns, run.features, run.target);
  const trained = await trainModel({
    table: run.table,
    features,
    ...(run.target === undefined ? {} : { target: run.target }),
    ...(run.task === undefined ? {} : { task: run.task }),
    scale: run.scale,
    params: run.params,
    fit: run.fit,
    ctx: run.ctx,
  });
  run.ctx.log(
    'info',
    `Trained ${trained.fitted.kind} on ${trained.rows} rows and ${features.length} features; ONNX ${trained.model.onnx.byteLength} bytes.`,
  );
  return { model: trained.model, metrics: trained.metrics };
}

/** Narrows a learner target: classification nodes get classes. */
export function classesOf(target: ClassTargets | Float64Array | undefined, learner: string): ClassTargets {
  if (target === undefined || target instanceof Float64Array)
    throw new UserError('SCHEMA_INVALID', `${learner} needs a text, category or boolean target.`);
  return target;
}

/** Narrows a learner target: regression nodes get numbers. */
export function numbersOf(target: ClassTargets | Float64Array | undefined, learner: string): Float64Array {
  if (!(target instanceof Float64Array)) throw new UserError('SCHEMA_INVALID', `${learner} needs a numeric target.`);
  return target;
}
