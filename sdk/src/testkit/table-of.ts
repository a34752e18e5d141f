import {
  Bool,
  type DataType,
  DateMillisecond,
  Dictionary,
  Field,
  Float64,
  Int32,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { InternalError, UserError } from '../errors/errors';
import type { ColumnType } from '../ports/table-schema';

/**
 * A JS value a test table cell may hold.
 *
 * @example
 * const cells: TableCell[] = [1, 'a', true, new Date('2026-01-01'), null];
 */
export type TableCell = number | string | boolean | Date | null | undefined;

const int32 = (v: number): boolean => Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;

function inferType(name: string, values: readonly TableCell[]): ColumnType {
  const kinds = new Set<string>();
  let integers = true;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    kinds.add(v instanceof Date ? 'date' : typeof v);
    if (typeof v === 'number' && !int32(v)) integers = false;
  }
  if (kinds.size > 1) throw new UserError('INPUT_INVALID', `Column "${name}" mixes ${[...kinds].join(' and ')} values; give its type.`);
  const [kind = 'string'] = kinds;
  if (kind === 'number') return integers ? 'integer' : 'number';
  return kind as ColumnType;
}

function toDateMs(name: string, v: TableCell): number {
  const ms = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : typeof v === 'number' ? v : Number.NaN;
  if (!Number.isFinite(ms)) throw new UserError('INPUT_INVALID', `Column "${name}": ${String(v)} is not a date.`);
  return ms;
}

const checks: Record<Exclude<ColumnType, 'date'>, (v: TableCell) => boolean> = {
  number: (v) => typeof v === 'number',
  integer: (v) => typeof v === 'number' && int32(v),
  string: (v) => typeof v === 'string',
  category: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
};

const arrowTypes: Record<ColumnType, () => DataType> = {
  number: () => new Float64(),
  integer: () => new Int32(),
  string: () => new Utf8(),
  category: () => new Dictionary(new Utf8(), new Int32()),
  boolean: () => new Bool(),
  date: () => new DateMillisecond(),
};

function cellsOf(name: string, type: ColumnType, values: readonly TableCell[]): unknown[] {
  return values.map((v) => {
    if (v === null || v === undefined) return null;
    if (type === 'date') return toDateMs(name, v);
    if (!checks[type](v)) throw new UserError('INPUT_INVALID', `Column "${name}": ${JSON.stringify(v)} is not a ${type}.`);
    return v;
  });
}

/**
 * Builds a real Arrow table from columns of JS values, for tests. Types are inferred (integers
 * that fit 32 bits → `integer`, other numbers → `number`, strings, booleans, `Date`s) or given per
 * column: `category` → Dictionary<Utf8, Int32>, `integer` → Int32, `number` → Float64,
 * `date` → DateMillisecond (from Date, epoch ms or ISO text). `null` is a missing value; a field
 * is nullable when its column holds one.
 *
 * @example
 * const people = tableOf({ age: [31, null, 40], name: ['a', 'b', null] }, { name: 'category' });
 * people.numRows; // 3
 */
export function tableOf(columns: Record<string, readonly TableCell[]>, types: Partial<Record<string, ColumnType>> = {}): Table {
  const entries = Object.entries(columns);
  const length = entries[0]?.[1].length ?? 0;
  const fields: Field[] = [];
  const children = entries.map(([name, values]) => {
    if (values.length !== length) {
      throw new UserError('INPUT_INVALID', `Column "${name}" has ${values.length} values; the first column has ${length}.`);
    }
    const type = (Object.hasOwn(types, name) ? types[name] : undefined) ?? inferType(name, values);
    const vector = vectorFromArray(cellsOf(name, type, values), arrowTypes[type]());
    const [chunk] = vector.data;
    if (!chunk || vector.data.length !== 1) throw new InternalError(`Column "${name}" was not built as one chunk.`);
    fields.push(new Field(name, chunk.type, chunk.nullCount > 0));
    return chunk;
  });
  const schema = new Schema(fields);
  const data = makeData({ type: new Struct(fields), length, nullCount: 0, children });
  return new Table(schema, [new RecordBatch(schema, data)]);
}
