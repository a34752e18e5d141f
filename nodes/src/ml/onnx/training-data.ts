import { type ColumnType, categoryText, columnOf, columnTypeOf, readColumn, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import type { ClassTargets } from '../learn/matrix';

/** The learning task a target implies. */
export type SupervisedTask = 'classification' | 'regression';

/** Classification for text, category and boolean targets; regression for numbers and dates. */
export function taskOfTarget(type: ColumnType): SupervisedTask {
  return type === 'string' || type === 'category' || type === 'boolean' ? 'classification' : 'regression';
}

/** A target read for training: rows with a value, and the classes or numbers at those rows. */
export type TargetColumn =
  | { task: 'classification'; rows: Int32Array; targets: ClassTargets }
  | { task: 'regression'; rows: Int32Array; y: Float64Array };

/**
 * Reads the target column: class indexes into sorted class labels (as text) for classification,
 * numbers for regression. Null targets are left out (`rows` lists the rows kept).
 *
 * @example
 * const target = readTarget(train, 'churn', 'classification');
 */
export function readTarget(table: Table, name: string, task: SupervisedTask): TargetColumn {
  const column = readColumn(columnOf(table, name));
  const n = column.length;
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (!column.valid || column.valid[i]) kept.push(i);
  const rows = Int32Array.from(kept);
  if (rows.length === 0) throw new UserError('INPUT_INVALID', `The target "${name}" has no values to learn from.`);
  if (task === 'regression') {
    if (column.kind !== 'number' && column.kind !== 'boolean') {
      throw new UserError('SCHEMA_INVALID', `Regression needs a numeric target; "${name}" is ${columnTypeOf(columnOf(table, name).type)}.`);
    }
    return { task, rows, y: Float64Array.from(rows, (i) => column.values[i] as number) };
  }
  const text = categoryText(column);
  const labels = Array.from(rows, (i) => text(i));
  const classes = [...new Set(labels)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (classes.length < 2)
    throw new UserError('INPUT_INVALID', `The target "${name}" has only one class (${classes[0]}); classification needs two or more.`);
  const index = new Map(classes.map((c, k) => [c, k]));
  return { task, rows, targets: { y: Int32Array.from(labels, (l) => index.get(l) as number), classes } };
}

/**
 * The features a model uses: the configured list, or every column but the target.
 *
 * @example
 * chooseFeatures(['age', 'plan', 'churn'], [], 'churn') // ['age', 'plan']
 */
export function chooseFeatures(columns: readonly string[], configured: readonly string[], target: string | undefined): string[] {
  const features = configured.length > 0 ? [...configured] : columns.filter((c) => c !== target);
  if (target !== undefined && features.includes(target))
    throw new UserError('CONFIG_INVALID', `The target "${target}" cannot also be a feature.`);
  if (features.length === 0) throw new UserError('CONFIG_INVALID', 'There are no feature columns: the table has only the target.');
  return features;
}
