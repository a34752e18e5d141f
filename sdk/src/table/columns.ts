/**
 * Reading Arrow columns as contiguous typed arrays, the shared input side of every table kernel.
 *
 * Validity convention: a `Uint8Array` with one byte per row, 1 = value present, 0 = null; `null` when
 * the column has no nulls at all (kernels take a fast path then). Bytes, not bits, because kernels index
 * validity in their inner loops and a byte read is cheaper than a shift-and-mask.
 *
 * A single-chunk Float64 column is read zero-copy; several chunks are concatenated once, other numeric
 * types are widened to Float64. Utf8 values are decoded to strings only when `get(i)` asks for them.
 */
import { type Data, type Table, Type, type Vector } from 'apache-arrow';
import { UserError } from '../errors';
import { columnTypeOf } from '../ports/arrow-schema';
import { decodeUtf8 } from './utf8';

/**
 * One byte per row (1 = present, 0 = null), or `null` when no row is null.
 *
 * @example
 * const valid: Validity = readValidity(vector); const present = (i: number) => !valid || valid[i] === 1;
 */
export type Validity = Uint8Array | null;

/**
 * A number, integer or date column as Float64 (dates in epoch milliseconds).
 *
 * @example
 * const col = readColumn(columnOf(table, 'price')); if (col.kind === 'number') total += col.values[0]!;
 */
export interface NumberColumn {
  kind: 'number';
  columnType: 'number' | 'integer' | 'date';
  length: number;
  values: Float64Array;
  valid: Validity;
}

/**
 * A boolean column, one byte per row (0 or 1).
 *
 * @example
 * const col = readColumn(columnOf(table, 'churned')); if (col.kind === 'boolean') yes = col.values.reduce((a, b) => a + b, 0);
 */
export interface BooleanColumn {
  kind: 'boolean';
  length: number;
  values: Uint8Array;
  valid: Validity;
}

/**
 * A string column; `get(i)` decodes row i ('' for a null row).
 *
 * @example
 * const col = readColumn(columnOf(table, 'comment')); if (col.kind === 'string') console.log(col.get(0));
 */
export interface StringColumn {
  kind: 'string';
  length: number;
  valid: Validity;
  get(index: number): string;
}

/**
 * A category (dictionary) column: `codes[i]` indexes `dictionary` (code of a null row is meaningless).
 *
 * @example
 * const col = readColumn(columnOf(table, 'plan')); if (col.kind === 'category') console.log(col.dictionary[col.codes[0]!]);
 */
export interface CategoryColumn {
  kind: 'category';
  length: number;
  codes: Int32Array;
  dictionary: readonly string[];
  valid: Validity;
}

/**
 * A column read for computation.
 *
 * @example
 * const col: ColumnArrays = readColumn(columnOf(table, 'age'));
 */
export type ColumnArrays = NumberColumn | BooleanColumn | StringColumn | CategoryColumn;

/**
 * The column of a table by name; a missing column is the user's error.
 *
 * @example
 * const age = columnOf(table, 'age');
 */
export function columnOf(table: Table, name: string): Vector {
  const index = table.schema.fields.findIndex((f) => f.name === name);
  const vector = index < 0 ? null : table.getChildAt(index);
  if (!vector) throw new UserError('SCHEMA_INVALID', `The table has no column "${name}".`, { details: { column: name } });
  return vector;
}

/**
 * The validity of a column, one byte per row, or `null` when it has no nulls.
 *
 * @example
 * readValidity(vectorFromArray([1, null])) // Uint8Array [1, 0]
 */
export function readValidity(vector: Vector): Validity {
  if (vector.nullCount === 0) return null;
  const valid = new Uint8Array(vector.length);
  let at = 0;
  for (const data of vector.data) {
    const bitmap = data.nullBitmap;
    const n = data.length;
    if (data.typeId === Type.Null) {
      // valid stays 0
    } else if (!bitmap || data.nullCount === 0) {
      valid.fill(1, at, at + n);
    } else {
      const off = data.offset;
      for (let i = 0; i < n; i++) {
        const bit = off + i;
        valid[at + i] = ((bitmap[bit >> 3] as number) >> (bit & 7)) & 1;
      }
    }
    at += n;
  }
  return valid;
}

/**
 * Reads a column for computation: numbers/dates as Float64, booleans as bytes, strings lazily, categories as codes.
 *
 * @example
 * const col = readColumn(columnOf(table, 'x'));
 * if (col.kind === 'number') for (let i = 0; i < col.length; i++) if (!col.valid || col.valid[i]) sum += col.values[i]!;
 */
export function readColumn(vector: Vector): ColumnArrays {
  const valid = readValidity(vector);
  const length = vector.length;
  const columnType = columnTypeOf(vector.type);
  switch (columnType) {
    case 'number':
    case 'integer':
    case 'date':
      return { kind: 'number', columnType, length, values: readNumbers(vector), valid };
    case 'boolean':
      return { kind: 'boolean', length, values: readBooleans(vector), valid };
    case 'category':
      return { kind: 'category', length, valid, ...readCodes(vector) };
    default:
      return { kind: 'string', length, valid, get: stringReader(vector) };
  }
}

const msPerDay = 86_400_000;
const two32 = 4294967296;

function readNumbers(vector: Vector): Float64Array {
  const only = vector.data.length === 1 ? vector.data[0] : undefined;
  if (only && only.typeId === Type.Float && only.values instanceof Float64Array) return only.values.subarray(0, only.length);
  const out = new Float64Array(vector.length);
  let at = 0;
  for (const data of vector.data) {
    numbersInto(data, out, at, vector, at);
    at += data.length;
  }
  return out;
}

function numbersInto(data: Data, out: Float64Array, at: number, vector: Vector, base: number): void {
  const n = data.length;
  const values = data.values as unknown;
  const type = data.type as { unit?: number };
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    const words = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
    const signed = values instanceof BigInt64Array;
    let factor = 1;
    if (data.typeId === Type.Timestamp) factor = [1000, 1, 1e-3, 1e-6][type.unit ?? 1] ?? 1;
    for (let i = 0; i < n; i++) {
      const lo = (words[2 * i] as number) >>> 0;
      const hiWord = words[2 * i + 1] as number;
      out[at + i] = (lo + (signed ? hiWord : hiWord >>> 0) * two32) * factor;
    }
  } else if (data.typeId === Type.Date && values instanceof Int32Array) {
    for (let i = 0; i < n; i++) out[at + i] = (values[i] as number) * msPerDay;
  } else if (data.typeId === Type.Int || (data.typeId === Type.Float && !(values instanceof Uint16Array))) {
    out.set((values as Int32Array).subarray(0, n), at);
  } else {
    for (let i = 0; i < n; i++) {
      const v = vector.get(base + i) as unknown;
      out[at + i] = v === null || v === undefined ? 0 : Number(v);
    }
  }
}

function readBooleans(vector: Vector): Uint8Array {
  const out = new Uint8Array(vector.length);
  let at = 0;
  for (const data of vector.data) {
    const bits = data.values as Uint8Array;
    const off = data.offset;
    for (let i = 0; i < data.length; i++) {
      const bit = off + i;
      out[at + i] = ((bits[bit >> 3] as number) >> (bit & 7)) & 1;
    }
    at += data.length;
  }
  return out;
}

function dictionaryStrings(dictionary: Vector): string[] {
  const reader = stringReader(dictionary);
  const out: string[] = new Array(dictionary.length);
  for (let i = 0; i < dictionary.length; i++) out[i] = reader(i);
  return out;
}

function readCodes(vector: Vector): { codes: Int32Array; dictionary: readonly string[] } {
  const chunks = vector.data;
  const first = chunks[0]?.dictionary;
  const shared = chunks.every((d) => d.dictionary === first);
  const only = chunks.length === 1 ? chunks[0] : undefined;
  if (only && first && only.values instanceof Int32Array)
    return { codes: only.values.subarray(0, only.length), dictionary: dictionaryStrings(first) };
  const codes = new Int32Array(vector.length);
  if (shared) {
    let at = 0;
    for (const data of chunks) {
      codes.set((data.values as Int32Array).subarray(0, data.length), at);
      at += data.length;
    }
    return { codes, dictionary: first ? dictionaryStrings(first) : [] };
  }
  // Chunks carry different dictionaries: remap every chunk's codes onto one dictionary of distinct strings.
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  let at = 0;
  for (const data of chunks) {
    const local = data.dictionary ? dictionaryStrings(data.dictionary) : [];
    const remap = local.map((s) => {
      let code = index.get(s);
      if (code === undefined) {
        code = dictionary.length;
        index.set(s, code);
        dictionary.push(s);
      }
      return code;
    });
    const values = data.values as ArrayLike<number>;
    for (let i = 0; i < data.length; i++) codes[at + i] = remap[values[i] as number] ?? 0;
    at += data.length;
  }
  return { codes, dictionary };
}

function stringReader(vector: Vector): (index: number) => string {
  const only = vector.data.length === 1 ? vector.data[0] : undefined;
  if (only && only.typeId === Type.Utf8 && only.valueOffsets instanceof Int32Array) {
    const offsets = only.valueOffsets;
    const bytes = only.values as Uint8Array;
    return (i) => decodeUtf8(bytes, offsets[i] as number, offsets[i + 1] as number);
  }
  if (vector.data.length > 1 && vector.data.every((d) => d.typeId === Type.Utf8 && d.valueOffsets instanceof Int32Array)) {
    const readers = vector.data.map((d) => ({ length: d.length, offsets: d.valueOffsets as Int32Array, bytes: d.values as Uint8Array }));
    const chunkOf = new Int32Array(vector.length);
    const startOf = new Int32Array(vector.length);
    let at = 0;
    readers.forEach((r, c) => {
      chunkOf.fill(c, at, at + r.length);
      for (let i = 0; i < r.length; i++) startOf[at + i] = at;
      at += r.length;
    });
    return (i) => {
      const r = readers[chunkOf[i] as number];
      if (!r) return '';
      const local = i - (startOf[i] as number);
      return decodeUtf8(r.bytes, r.offsets[local] as number, r.offsets[local + 1] as number);
    };
  }
  return (i) => {
    const v = vector.get(i) as unknown;
    return v === null || v === undefined ? '' : String(v);
  };
}
