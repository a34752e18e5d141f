import {
  Bool,
  DateMillisecond,
  Dictionary,
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import type { ExprType } from './ast';
import { type Col, type NumArray, numbers, packBits, texts, type Valid, validOf } from './column';

function bitmap(valid: Valid, n: number): { nullCount: number; nullBitmap?: Uint8Array } {
  if (valid === null) return { nullCount: 0 };
  let present = 0;
  for (let i = 0; i < n; i++) present += valid[i] as number;
  return present === n ? { nullCount: 0 } : { nullCount: n - present, nullBitmap: packBits(valid, n) };
}

const int32Fits = (x: NumArray, valid: Valid, n: number) => {
  if (x instanceof Int32Array || x instanceof Int16Array || x instanceof Int8Array || x instanceof Uint16Array || x instanceof Uint8Array)
    return true;
  for (let i = 0; i < n; i++)
    if ((valid === null || valid[i]) && ((x[i] as number) > 2147483647 || (x[i] as number) < -2147483648)) return false;
  return true;
};

/**
 * Turns an intermediate column into an Arrow vector of one chunk: float64 for numbers, int32 (or
 * int64 when a value does not fit) for integers, bool, date (ms), utf8, or the source dictionary.
 */
export function toVector(col: Col, type: ExprType, n: number): Vector {
  const valid = validOf(col, n);
  const nulls = bitmap(valid, n);
  if (type === 'category' && col.k === 'dict' && col.source !== undefined) {
    const codes = col.codes instanceof Int32Array ? col.codes : Int32Array.from(col.codes);
    const type = new Dictionary(col.source.type.dictionary, new Int32(), col.source.type.id, col.source.type.isOrdered);
    return makeVector(makeData({ type, length: n, ...nulls, data: codes, dictionary: col.source.dictionary }));
  }
  if (type === 'string' || type === 'category') {
    const s = texts(col, n);
    return vectorFromArray(valid === null ? s : s.map((x, i) => (valid[i] ? x : null)), new Utf8());
  }
  const x = numbers(col, n);
  if (type === 'boolean') {
    const bytes = x instanceof Uint8Array ? x : Uint8Array.from(x);
    return makeVector(makeData({ type: new Bool(), length: n, ...nulls, data: packBits(bytes, n) }));
  }
  if (type === 'date') {
    const data = new BigInt64Array(n);
    for (let i = 0; i < n; i++) if (valid === null || valid[i]) data[i] = BigInt(Math.round(x[i] as number));
    return makeVector(makeData({ type: new DateMillisecond(), length: n, ...nulls, data }));
  }
  if (type === 'integer') {
    if (int32Fits(x, valid, n)) {
      const data = x instanceof Int32Array ? x : Int32Array.from(x);
      return makeVector(makeData({ type: new Int32(), length: n, ...nulls, data }));
    }
    const data = new BigInt64Array(n);
    for (let i = 0; i < n; i++) if ((valid === null || valid[i]) && Number.isFinite(x[i])) data[i] = BigInt(x[i] as number);
    return makeVector(makeData({ type: new Int64(), length: n, ...nulls, data }));
  }
  const data = x instanceof Float64Array ? x : Float64Array.from(x);
  return makeVector(makeData({ type: new Float64(), length: n, ...nulls, data }));
}
