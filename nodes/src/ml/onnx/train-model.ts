import { columnOf, columnTypeOf, type MetricsValue, type ModelCard, type ModelValue, type NodeContext, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import { impurityImportance } from '../explain/impurity-importance';
import type { TrainControl } from '../learn/control';
import { type ClassTargets, type FeatureMatrix, takeRows } from '../learn/matrix';
import { type FeaturePlan, featureMatrix, fitFeaturePlan } from './feature-plan';
import { buildModelCard } from './model-card';
import { predictInProcess } from './predict-in-process';
import { readTarget, type SupervisedTask, taskOfTarget } from './training-data';
import { trainingMetrics } from './training-metrics';
import { type FittedModel, writeModel } from './write-model';

/** What a model node asks of {@link trainModel}. */
export interface TrainSpec<M extends FittedModel> {
  table: Table;
  features: readonly string[];
  /** Absent for clustering. */
  target?: string;
  /** 'auto' takes the task from the target's type. */
  task?: 'auto' | SupervisedTask;
  /** Standard-scale numeric features (linear models, k-means). */
  scale: boolean;
  params: Record<string, unknown>;
  fit(x: FeatureMatrix, target: ClassTargets | Float64Array | undefined, control: TrainControl): Promise<M>;
  ctx: Pick<NodeContext, 'signal' | 'progress' | 'log'>;
}

/** A trained model: the port value (ONNX + card), training metrics, and the pieces for checks. */
export interface TrainedModel<M extends FittedModel> {
  model: ModelValue;
  metrics: MetricsValue;
  fitted: M;
  plan: FeaturePlan;
  /** Rows the learner was fitted on: the table's, less those left out for a null target. */
  rows: number;
}

function taskOf<M extends FittedModel>(spec: TrainSpec<M>): SupervisedTask | undefined {
  if (spec.target === undefined) return undefined;
  if (spec.task && spec.task !== 'auto') return spec.task;
  return taskOfTarget(columnTypeOf(columnOf(spec.table, spec.target).type));
}

/**
 * Fits preprocessing and a learner on a table and writes both as one ONNX model with its card.
 * Rows with a null target are left out of the fit (and logged); nulls in features are imputed.
 *
 * @example
 * const { model, metrics } = await trainModel({ table, features: ['age'], target: 'churn', scale: true, params: { C: 1 }, fit: (x, t) => fitLogisticRegression(x, t as ClassTargets), ctx });
 */
export async function trainModel<M extends FittedModel>(spec: TrainSpec<M>): Promise<TrainedModel<M>> {
  const task = taskOf(spec);
  const target = spec.target === undefined || task === undefined ? undefined : readTarget(spec.table, spec.target, task);
  const plan = fitFeaturePlan(spec.table, spec.features, { scale: spec.scale });
  let x = featureMatrix(spec.table, plan);
  if (target && target.rows.length < spec.table.numRows) {
    spec.ctx.log('warn', `${spec.table.numRows - target.rows.length} rows with no "${spec.target}" were left out of training.`);
    x = takeRows(x, target.rows);
  }
  if (x.rows === 0) throw new UserError('INPUT_INVALID', 'There are no rows to train on.');
  const learnerTarget = target === undefined ? undefined : target.task === 'classification' ? target.targets : target.y;
  const control: TrainControl = { signal: spec.ctx.signal, progress: (f) => spec.ctx.progress(0.9 * f) };
  const fitted = await spec.fit(x, learnerTarget, control);
  const scores = predictInProcess(fitted, x);
  const values = trainingMetrics(scores, target?.task === 'classification' ? target.targets.y : target?.y);
  const card: ModelCard = buildModelCard({
    task: task ?? 'clustering',
    model: fitted.kind,
    table: spec.table,
    features: spec.features,
    ...(spec.target === undefined ? {} : { target: spec.target }),
    ...(target?.task === 'classification' ? { classes: target.targets.classes } : {}),
    params: spec.params,
    rows: x.rows,
  });
  card.trainingMetrics = values;
  const truth = target === undefined ? undefined : target.task === 'classification' ? target.targets.y : target.y;
  const impurity = truth === undefined ? undefined : impurityImportance(fitted, plan, x, truth);
  if (impurity) card.importance = { impurity };
  const onnx = writeModel(plan, fitted, card);
  spec.ctx.progress(1);
  return { model: { onnx, card }, metrics: { values, dataset: 'train' }, fitted, plan, rows: x.rows };
}
