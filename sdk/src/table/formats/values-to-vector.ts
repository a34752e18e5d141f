import { Int64, makeData, makeVector, TimestampMillisecond, type Vector } from 'apache-arrow';
import { UserError } from '../../errors/errors';
import {
  boolVector,
  dateVector,
  dictionaryVector,
  float64Vector,
  int32Vector,
  nullVector,
  packValidity,
  utf8Vector,
} from '../build-vector';

/**
 * How JS values of one column become an Arrow vector.
 *
 * @example
 * const options: ValuesOptions = { nested: 'json', categoryMaxDistinct: 1000, categoryMaxRatio: 0.5 };
 */
export interface ValuesOptions {
  /** Objects and arrays: `'json'` keeps them as JSON text, `'fail'` refuses them with INPUT_INVALID. */
  nested: 'json' | 'fail';
  /** A text column becomes a category when it has at most this many distinct values… */
  categoryMaxDistinct: number;
  /** …and at most this fraction of its rows are distinct. */
  categoryMaxRatio: number;
  /** `false` keeps date-like texts as text (a column whose type is known to be text); default true. */
  dates?: boolean;
}

/**
 * The defaults of {@link ValuesOptions}, the same as the CSV reader's.
 *
 * @example
 * valuesToVector(rows.map((r) => r.age), 'age', { ...defaultValuesOptions, categoryMaxDistinct: 50 })
 */
export const defaultValuesOptions: ValuesOptions = { nested: 'json', categoryMaxDistinct: 1000, categoryMaxRatio: 0.5 };

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const dateTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

enum Seen {
  Boolean = 1,
  Number = 2,
  String = 4,
  Date = 8,
  Nested = 16,
  Bigint = 32,
}

/** ISO dates and date-times without a zone are read as UTC, so results do not depend on the host's zone. */
function isoMillis(text: string): number {
  if (dateOnly.test(text)) return Date.parse(`${text}T00:00:00Z`);
  const iso = text.replace(' ', 'T');
  return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`);
}

function timestampVector(ms: Float64Array, valid: Uint8Array | null): Vector {
  const base = dateVector(ms, valid);
  return makeVector(
    makeData({ type: new TimestampMillisecond('UTC'), length: ms.length, data: base.data[0]?.values, ...packValidity(valid, ms.length) }),
  );
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}

function textVector(values: ArrayLike<unknown>, valid: Uint8Array | null, options: ValuesOptions): Vector {
  const n = values.length;
  const texts: (string | null)[] = new Array(n);
  const codes = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) texts[i] = null;
    else {
      const t = textOf(v);
      texts[i] = t;
      if (codes.size <= options.categoryMaxDistinct && !codes.has(t)) codes.set(t, codes.size);
    }
  }
  const present = n - (valid ? valid.reduce((s, b) => s + (b === 0 ? 1 : 0), 0) : 0);
  if (present > 0 && codes.size <= options.categoryMaxDistinct && codes.size <= present * options.categoryMaxRatio) {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const t = texts[i];
      out[i] = t === null || t === undefined ? 0 : (codes.get(t) as number);
    }
    return dictionaryVector(out, [...codes.keys()], valid);
  }
  return utf8Vector(texts, valid);
}

function int64Vector(values: ArrayLike<unknown>, valid: Uint8Array | null): Vector {
  const n = values.length;
  const bigs = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    bigs[i] = typeof v === 'bigint' ? v : typeof v === 'number' ? BigInt(v) : 0n;
  }
  const { nullBitmap, nullCount } = packValidity(valid, n);
  return makeVector(makeData({ type: new Int64(), length: n, data: bigs, nullBitmap, nullCount }));
}

/**
 * One column of JS values (from JSON, Parquet or a database driver) as an Arrow vector, with the
 * CSV reader's types: Int32 when every number is a 32-bit integer, Int64 when a bigint is beyond
 * ±2^53 (exact text when fractions share its column), else Float64; Bool; DateMillisecond
 * for `YYYY-MM-DD` texts, Timestamp (ms, UTC) for ISO date-times and `Date`s; Dictionary<Utf8> for
 * repetitive text, else Utf8. Mixed kinds become text. `column` names the column in errors.
 *
 * @example
 * valuesToVector([1, 2, null], 'age') // Int32 [1, 2, null]
 */
export function valuesToVector(values: ArrayLike<unknown>, column: string, options: ValuesOptions = defaultValuesOptions): Vector {
  const n = values.length;
  let seen = 0;
  let nulls = 0;
  let integers = true;
  // A bigint beyond ±2^53 has no exact double: the column becomes Int64 (or exact text beside fractions).
  let beyondDoubles = false;
  let fractions = false;
  let onlyDates = options.dates !== false;
  let withTime = false;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) nulls++;
    else if (typeof v === 'number') {
      seen |= Seen.Number;
      if (!Number.isInteger(v)) fractions = true;
      if (integers && !(Number.isInteger(v) && v >= -2147483648 && v <= 2147483647)) integers = false;
    } else if (typeof v === 'bigint') {
      seen |= Seen.Bigint;
      if (integers && !(v >= -2147483648n && v <= 2147483647n)) integers = false;
      if (v > 9007199254740991n || v < -9007199254740991n) beyondDoubles = true;
    } else if (typeof v === 'boolean') seen |= Seen.Boolean;
    else if (typeof v === 'string') {
      seen |= Seen.String;
      if (onlyDates) {
        if (dateTime.test(v) && !Number.isNaN(isoMillis(v))) withTime = true;
        else if (!dateOnly.test(v) || Number.isNaN(isoMillis(v))) onlyDates = false;
      }
    } else if (v instanceof Date) {
      seen |= Seen.Date;
      if (v.getTime() % 86400000 !== 0) withTime = true;
    } else if (typeof v === 'object') {
      if (options.nested === 'fail') {
        throw new UserError(
          'INPUT_INVALID',
          `Column "${column}" row ${i + 1} holds a nested value (object or list); set nested values to JSON text to keep it.`,
        );
      }
      seen |= Seen.Nested;
    } else seen |= Seen.String;
  }
  let valid: Uint8Array | null = null;
  if (nulls > 0) {
    valid = new Uint8Array(n);
    for (let i = 0; i < n; i++) valid[i] = values[i] === null || values[i] === undefined ? 0 : 1;
  }
  if (seen === 0) return nullVector(n);
  if (seen === Seen.Boolean) {
    const flags = new Uint8Array(n);
    for (let i = 0; i < n; i++) flags[i] = values[i] === true ? 1 : 0;
    return boolVector(flags, valid);
  }
  if ((seen & ~(Seen.Number | Seen.Bigint)) === 0 && !(beyondDoubles && fractions)) {
    if (beyondDoubles) return int64Vector(values, valid);
    if (integers) {
      const ints = new Int32Array(n);
      for (let i = 0; i < n; i++) ints[i] = Number(values[i] ?? 0);
      return int32Vector(ints, valid);
    }
    const floats = new Float64Array(n);
    for (let i = 0; i < n; i++) floats[i] = Number(values[i] ?? 0);
    return float64Vector(floats, valid);
  }
  if (seen === Seen.Date || (seen === Seen.String && onlyDates)) {
    const ms = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      ms[i] = v instanceof Date ? v.getTime() : typeof v === 'string' ? isoMillis(v) : 0;
    }
    return withTime ? timestampVector(ms, valid) : dateVector(ms, valid);
  }
  return textVector(values, valid, options);
}
