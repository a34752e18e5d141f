import { columnOf, columnTypeOf, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import type { TrainControl } from '../learn/control';
import { type ClassTargets, type FeatureMatrix, takeRows } from '../learn/matrix';
import { fitStandardization, type Standardization } from '../learn/standardize';
import { type FeaturePlan, featureMatrix, fitFeaturePlan } from '../onnx/feature-plan';
import { chooseFeatures, readTarget, type SupervisedTask, type TargetColumn, taskOfTarget } from '../onnx/training-data';
import type { FittedModel } from '../onnx/write-model';

/** What a learner would train: the parts of a captured training run cross-validation uses. */
export interface LearnerRun {
  table: Table;
  target?: string;
  task?: 'auto' | SupervisedTask;
  features: readonly string[];
  scale: boolean;
  params: Record<string, unknown>;
  fit(x: FeatureMatrix, target: ClassTargets | Float64Array | undefined, control: TrainControl): Promise<FittedModel>;
}

/** A learner's data read once for all folds: the unscaled feature matrix and the target, rows with a target only. */
export interface PreparedData {
  x: FeatureMatrix;
  target: TargetColumn;
  task: SupervisedTask;
  plan: FeaturePlan;
  /** Standard-scale numeric features inside each fold (fitted on its training rows). */
  scale: boolean;
  /** The table rows each matrix row came from. */
  rows: Int32Array;
}

/**
 * Reads the features and target of a learner run once. Imputation and one-hot categories are fitted
 * on all rows; standard scaling is left to each fold ({@link foldMatrices}), so no test row shapes
 * the scaling of the rows a fold trains on.
 */
export function prepareData(run: LearnerRun): PreparedData {
  if (run.target === undefined)
    throw new UserError('CONFIG_INVALID', 'Cross-validation needs a learner with a target (clustering has none to score).');
  const columns = run.table.schema.fields.map((f) => f.name);
  const features = chooseFeatures(columns, run.features, run.target);
  const task: SupervisedTask =
    run.task && run.task !== 'auto' ? run.task : taskOfTarget(columnTypeOf(columnOf(run.table, run.target).type));
  const target = readTarget(run.table, run.target, task);
  const plan = fitFeaturePlan(run.table, features, { scale: false });
  let x = featureMatrix(run.table, plan);
  if (target.rows.length < run.table.numRows) x = takeRows(x, target.rows);
  return { x, target, task, plan, scale: run.scale, rows: target.rows };
}

/** The learner's target at some rows: classes (all of them, so every fold scores the same classes) or numbers. */
export function targetAt(target: TargetColumn, rows: Int32Array): ClassTargets | Float64Array {
  if (target.task === 'classification')
    return { y: Int32Array.from(rows, (i) => target.targets.y[i] as number), classes: target.targets.classes };
  return Float64Array.from(rows, (i) => target.y[i] as number);
}

/** Scales the first `numeric` columns in place: (x − mean) / scale, both from `fitted` (the matrices are the fold's own copies). */
function scaleInPlace(x: FeatureMatrix, fitted: Standardization, numeric: number): void {
  const { rows, data } = x;
  for (let j = 0; j < numeric; j++) {
    const m = fitted.mean[j] as number;
    const inv = 1 / (fitted.scale[j] as number);
    for (let i = j * rows; i < (j + 1) * rows; i++) data[i] = ((data[i] as number) - m) * inv;
  }
}

/** Training and test matrices of one fold, standard-scaled on the training rows when the learner scales. */
export function foldMatrices(data: PreparedData, train: Int32Array, test: Int32Array): { train: FeatureMatrix; test: FeatureMatrix } {
  const xTrain = takeRows(data.x, train);
  const xTest = takeRows(data.x, test);
  if (!data.scale) return { train: xTrain, test: xTest };
  // one-hot columns (after the numeric ones) stay 0/1, as the plan leaves them
  const numeric = data.plan.numeric.length;
  const fitted = fitStandardization(xTrain);
  scaleInPlace(xTrain, fitted, numeric);
  scaleInPlace(xTest, fitted, numeric);
  return { train: xTrain, test: xTest };
}
