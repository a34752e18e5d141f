/**
 * Feature matrices for the learners.
 *
 * Layout: COLUMN-MAJOR. The value of row `i`, column `j` is `data[j * rows + i]`, so each feature is one
 * contiguous run of `rows` numbers — the shape of an Arrow column, filled without a transpose, and the
 * order in which the learners scan (per-feature sorts and histograms, per-column dot products).
 *
 * Values are numbers that are already encoded (the model nodes impute, encode and scale). NaN is
 * allowed in the matrix; each learner states what it does with it: the linear and logistic models and
 * k-means refuse it with INPUT_INVALID, the trees send it to the right (`>`) side of every split.
 */
import { UserError } from '@causeway/sdk';

/** A numeric, column-major feature matrix (see the file header for the layout). */
export interface FeatureMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
  readonly names: readonly string[];
}

/** Class labels as indexes into `classes`. */
export interface ClassTargets {
  readonly y: Int32Array;
  readonly classes: readonly string[];
}

/** Builds a matrix from one array per feature (copied into one column-major buffer). */
export function matrixFromColumns(names: readonly string[], columns: readonly ArrayLike<number>[]): FeatureMatrix {
  const rows = columns[0]?.length ?? 0;
  const data = new Float64Array(rows * columns.length);
  columns.forEach((column, j) => {
    if (column.length !== rows) throw new UserError('INPUT_INVALID', `Feature "${names[j]}" has ${column.length} rows, expected ${rows}.`);
    data.set(column, j * rows);
  });
  return { rows, cols: columns.length, data, names: [...names] };
}

/** Builds a matrix from row arrays (tests and small data only). */
export function matrixFromRows(names: readonly string[], rowsOf: readonly (readonly number[])[]): FeatureMatrix {
  const rows = rowsOf.length;
  const cols = names.length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = rowsOf[i] as readonly number[];
    for (let j = 0; j < cols; j++) data[j * rows + i] = row[j] ?? Number.NaN;
  }
  return { rows, cols, data, names: [...names] };
}

/** Keeps the given rows, in the given order. */
export function takeRows(x: FeatureMatrix, index: ArrayLike<number>): FeatureMatrix {
  const n = index.length;
  const data = new Float64Array(n * x.cols);
  for (let j = 0; j < x.cols; j++) {
    const src = j * x.rows;
    const dst = j * n;
    for (let k = 0; k < n; k++) data[dst + k] = x.data[src + (index[k] as number)] as number;
  }
  return { rows: n, cols: x.cols, data, names: x.names };
}

/** Checks the shape of a matrix against its targets; returns the matrix for chaining. */
export function checkShape(x: FeatureMatrix, targetRows: number): FeatureMatrix {
  if (x.data.length !== x.rows * x.cols || x.names.length !== x.cols) {
    throw new UserError(
      'INPUT_INVALID',
      `The feature matrix says ${x.rows} × ${x.cols} but holds ${x.data.length} values and ${x.names.length} names.`,
    );
  }
  if (targetRows !== x.rows) throw new UserError('INPUT_INVALID', `There are ${x.rows} feature rows but ${targetRows} targets.`);
  if (x.rows === 0) throw new UserError('INPUT_INVALID', 'There are no rows to train on.');
  return x;
}

/** Refuses NaN and infinities (for learners that cannot use them). */
export function requireFinite(x: FeatureMatrix, learner: string): void {
  const { data, rows } = x;
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k] as number)) {
      const name = x.names[Math.floor(k / rows)] ?? '?';
      throw new UserError(
        'INPUT_INVALID',
        `${learner} cannot use missing or infinite values: feature "${name}" has one at row ${k % rows}. Impute it first.`,
      );
    }
  }
}

/** Checks that every class index is within `classes`. */
export function checkClasses(t: ClassTargets): void {
  const k = t.classes.length;
  for (let i = 0; i < t.y.length; i++) {
    const c = t.y[i] as number;
    if (c < 0 || c >= k) throw new UserError('INPUT_INVALID', `Target row ${i} has class index ${c}, outside the ${k} classes.`);
  }
}

/** Checks that a model's feature count matches the matrix it scores. */
export function checkFeatures(x: FeatureMatrix, expected: number): void {
  if (x.cols !== expected || x.data.length !== x.rows * x.cols) {
    throw new UserError('INPUT_INVALID', `The model wants ${expected} features; the matrix has ${x.cols}.`);
  }
}
