import {
  boolVector,
  type ColumnType,
  dateVector,
  dictionaryVector,
  float64Vector,
  int32Vector,
  type ScoringPath,
  tableFromColumns,
  UserError,
  utf8Vector,
} from '@causeway/sdk';
import type { Table, Vector } from 'apache-arrow';

/** A column of `n` nulls of a Causeway type. */
export function nullColumn(type: ColumnType, n: number): Vector {
  const none = new Uint8Array(n);
  switch (type) {
    case 'number':
      return float64Vector(new Float64Array(n), none);
    case 'integer':
      return int32Vector(new Int32Array(n), none);
    case 'boolean':
      return boolVector(new Uint8Array(n), none);
    case 'date':
      return dateVector(new Float64Array(n), none);
    case 'category':
      return dictionaryVector(new Int32Array(n), [], none);
    default:
      return utf8Vector(new Array<string>(n).fill(''), none);
  }
}

/**
 * The raw table a scoring path starts from: every input column must be there (MODEL_INPUT_MISMATCH
 * names the first missing), columns the path reads but the model does not need are added as nulls.
 */
export function withRawColumns(path: ScoringPath, table: Table): Table {
  const names = new Set(table.schema.fields.map((f) => f.name));
  const missing = path.inputs.filter((c) => !names.has(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    throw new UserError(
      'MODEL_INPUT_MISMATCH',
      `The model takes raw column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}, which the table lacks.`,
      { details: { missing } },
    );
  }
  const added = path.fill.filter((c) => !names.has(c.name));
  if (added.length === 0) return table;
  const all = table.schema.fields.map((f, c) => [f.name, table.getChildAt(c) as Vector] as const);
  const n = table.numRows;
  const columns = [...all, ...added.map((c) => [c.name, nullColumn(c.type, n)] as const)];
  return tableFromColumns(
    columns.map(([name]) => name),
    columns.map(([, v]) => v),
  );
}
