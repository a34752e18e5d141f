/**
 * Building single-chunk Arrow vectors from typed arrays, zero-copy: the given arrays become the vector's buffers.
 * Validity follows the convention of ./columns (one byte per row, 1 = present; null = no nulls).
 */
import {
  Bool,
  type Data,
  DateMillisecond,
  Dictionary,
  Float32,
  Float64,
  Int32,
  makeData,
  makeVector,
  Null,
  Utf8,
  type Vector,
} from 'apache-arrow';
import type { Validity } from './columns';
import { encodeUtf8 } from './utf8';

/**
 * Packs byte validity into an Arrow null bitmap; no bitmap when nothing is null.
 *
 * @example
 * packValidity(new Uint8Array([1, 0, 1]), 3) // { nullBitmap: Uint8Array [5], nullCount: 1 }
 */
export function packValidity(valid: Validity, length: number): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  if (!valid) return { nullBitmap: undefined, nullCount: 0 };
  let present = 0;
  for (let i = 0; i < length; i++) present += valid[i] === 0 ? 0 : 1;
  if (present === length) return { nullBitmap: undefined, nullCount: 0 };
  return { nullBitmap: packBits(valid, length), nullCount: length - present };
}

/**
 * Packs one byte per row (non-zero = 1) into an Arrow bitmap, padded to 64 bits.
 *
 * @example
 * packBits(new Uint8Array([1, 0, 1]), 3) // Uint8Array [5, 0, 0, 0, 0, 0, 0, 0]
 */
export function packBits(bytes: Uint8Array, length: number): Uint8Array {
  const bitmap = new Uint8Array(((length + 63) >> 6) << 3);
  const whole = length & ~7;
  let i = 0;
  for (; i < whole; i += 8) {
    bitmap[i >> 3] =
      (bytes[i] ? 1 : 0) |
      (bytes[i + 1] ? 2 : 0) |
      (bytes[i + 2] ? 4 : 0) |
      (bytes[i + 3] ? 8 : 0) |
      (bytes[i + 4] ? 16 : 0) |
      (bytes[i + 5] ? 32 : 0) |
      (bytes[i + 6] ? 64 : 0) |
      (bytes[i + 7] ? 128 : 0);
  }
  for (; i < length; i++) if (bytes[i]) bitmap[i >> 3] = (bitmap[i >> 3] as number) | (1 << (i & 7));
  return bitmap;
}

/**
 * A Float64 vector over `values` (not copied).
 *
 * @example
 * float64Vector(new Float64Array([1.5, 0]), new Uint8Array([1, 0])) // [1.5, null]
 */
export function float64Vector(values: Float64Array, valid: Validity = null): Vector<Float64> {
  return makeVector(makeData({ type: new Float64(), length: values.length, data: values, ...packValidity(valid, values.length) }));
}

/**
 * A Float32 vector over `values` (not copied): for numbers that are float32 already, such as a
 * model's scores, at half the memory of Float64. Readers see a `number` column.
 *
 * @example
 * float32Vector(new Float32Array([0.25, 0.75])) // [0.25, 0.75]
 */
export function float32Vector(values: Float32Array, valid: Validity = null): Vector<Float32> {
  return makeVector(float32Data(values, valid));
}

/**
 * The Data of {@link float32Vector}, for {@link tableFromColumns}. Assembling a table from Data skips
 * building a Vector over the new buffer. Measured in Node 20: scoring table after table, building an
 * Arrow Vector over each new score buffer doubled the full garbage collections; Data did not.
 *
 * @example
 * tableFromColumns(['score'], [float32Data(scores)])
 */
export function float32Data(values: Float32Array, valid: Validity = null): Data<Float32> {
  return makeData({ type: new Float32(), length: values.length, data: values, ...packValidity(valid, values.length) });
}

/**
 * An Int32 vector over `values` (not copied).
 *
 * @example
 * int32Vector(new Int32Array([1, 2])) // [1, 2]
 */
export function int32Vector(values: Int32Array, valid: Validity = null): Vector<Int32> {
  return makeVector(makeData({ type: new Int32(), length: values.length, data: values, ...packValidity(valid, values.length) }));
}

/**
 * A Bool vector from one byte per row (non-zero = true).
 *
 * @example
 * boolVector(new Uint8Array([1, 0, 1])) // [true, false, true]
 */
export function boolVector(values: Uint8Array, valid: Validity = null): Vector<Bool> {
  const bits = packBits(values, values.length);
  return makeVector(makeData({ type: new Bool(), length: values.length, data: bits, ...packValidity(valid, values.length) }));
}

/**
 * A Utf8 vector from Arrow's Utf8 layout (offsets of length n + 1, bytes), not copied.
 *
 * @example
 * utf8VectorFromParts(new Int32Array([0, 1]), new Uint8Array([97])) // ['a']
 */
export function utf8VectorFromParts(offsets: Int32Array, bytes: Uint8Array, valid: Validity = null): Vector<Utf8> {
  const length = offsets.length - 1;
  return makeVector(makeData({ type: new Utf8(), length, valueOffsets: offsets, data: bytes, ...packValidity(valid, length) }));
}

/**
 * A Utf8 vector from strings; a `null` entry is a null row.
 *
 * @example
 * utf8Vector(['a', null]) // ['a', null]
 */
export function utf8Vector(strings: ArrayLike<string | null>, valid: Validity = null): Vector<Utf8> {
  let validity = valid;
  if (!validity) {
    for (let i = 0; i < strings.length; i++) {
      if (strings[i] === null) {
        validity = new Uint8Array(strings.length);
        for (let k = 0; k < strings.length; k++) validity[k] = strings[k] === null ? 0 : 1;
        break;
      }
    }
  }
  const { offsets, bytes } = encodeUtf8(strings);
  return utf8VectorFromParts(offsets, bytes, validity);
}

/**
 * A Dictionary<Utf8, Int32> vector: `codes` (not copied) index `dictionary`.
 *
 * @example
 * dictionaryVector(new Int32Array([0, 1, 0]), ['a', 'b']) // ['a', 'b', 'a']
 */
export function dictionaryVector(
  codes: Int32Array,
  dictionary: readonly string[],
  valid: Validity = null,
): Vector<Dictionary<Utf8, Int32>> {
  return makeVector(dictionaryData(codes, dictionary, valid));
}

/**
 * The Data of {@link dictionaryVector}, for {@link tableFromColumns} (see {@link float32Data}).
 *
 * @example
 * tableFromColumns(['label'], [dictionaryData(new Int32Array([0, 1]), ['no', 'yes'])])
 */
export function dictionaryData(codes: Int32Array, dictionary: readonly string[], valid: Validity = null): Data<Dictionary<Utf8, Int32>> {
  const type = new Dictionary(new Utf8(), new Int32());
  return makeData({ type, length: codes.length, data: codes, dictionary: utf8Vector(dictionary), ...packValidity(valid, codes.length) });
}

/**
 * A DateMillisecond vector from epoch milliseconds (whole numbers).
 *
 * @example
 * dateVector(new Float64Array([Date.UTC(2024, 0, 1)])) // [2024-01-01]
 */
export function dateVector(ms: Float64Array, valid: Validity = null): Vector<DateMillisecond> {
  const words = new Int32Array(ms.length * 2);
  for (let i = 0; i < ms.length; i++) {
    const v = Math.trunc(ms[i] as number) || 0;
    const hi = Math.floor(v / 4294967296);
    words[2 * i] = v - hi * 4294967296;
    words[2 * i + 1] = hi;
  }
  const data = new BigInt64Array(words.buffer, 0, ms.length);
  return makeVector(makeData({ type: new DateMillisecond(), length: ms.length, data, ...packValidity(valid, ms.length) }));
}

/**
 * A vector of `length` nulls.
 *
 * @example
 * nullVector(3).nullCount // 3
 */
export function nullVector(length: number): Vector<Null> {
  return makeVector(makeData({ type: new Null(), length }));
}
