import { type Data, type Dictionary, Type, type Vector } from 'apache-arrow';
import { UserError } from '../errors';
import type { ExprType } from './ast';
import { type Col, type NumArray, readValid, unpackBits } from './column';

const decoder = new TextDecoder();
// Arrow data is immutable: a dictionary is decoded once, and lookup tables keyed by the decoded
// array are reused by later evaluations over the same column.
const decoded = new WeakMap<Vector, string[]>();
const msPerDay = 86_400_000;
const timestampToMs = [1000, 1, 1e-3, 1e-6];

function concatNumbers(chunks: readonly Data[], n: number): NumArray {
  const first = chunks[0]?.values as NumArray | undefined;
  // Builders pad their buffers: view exactly the rows.
  if (chunks.length === 1 && first !== undefined) return first.length === n ? first : first.subarray(0, n);
  const Ctor = (first?.constructor ?? Float64Array) as new (n: number) => NumArray;
  const out = new Ctor(n);
  let at = 0;
  for (const d of chunks) {
    out.set((d.values as NumArray).subarray(0, d.length), at);
    at += d.length;
  }
  return out;
}

// 64-bit integers, decimals, half floats and dates become float64 (exact for integers up to 2^53).
function readAsFloat(vector: Vector, n: number, scale: number, typeId: Type): Float64Array {
  const out = new Float64Array(n);
  let at = 0;
  for (const d of vector.data) {
    const values = d.values as ArrayLike<number | bigint>;
    const plain = typeId === Type.Int || typeId === Type.Date || typeId === Type.Timestamp;
    for (let i = 0; i < d.length; i++) {
      const raw = plain ? values[i] : undefined;
      const value = raw === undefined ? vector.get(at + i) : raw;
      out[at + i] = value === null || value === undefined ? 0 : Number(value) * scale;
    }
    at += d.length;
  }
  return out;
}

function readBool(chunks: readonly Data[], n: number): Uint8Array {
  const out = new Uint8Array(n);
  let at = 0;
  for (const d of chunks) {
    unpackBits(d.values as Uint8Array, d.offset, d.length, out, at);
    at += d.length;
  }
  return out;
}

function readStrings(vector: Vector, chunks: readonly Data[], n: number): string[] {
  const out = new Array<string>(n);
  let at = 0;
  for (const d of chunks) {
    const offsets = d.valueOffsets as Int32Array | undefined;
    const bytes = d.values as Uint8Array | undefined;
    for (let i = 0; i < d.length; i++) {
      if (d.typeId === Type.Utf8 && offsets !== undefined && bytes !== undefined) {
        out[at + i] = decoder.decode(bytes.subarray(offsets[i], offsets[i + 1]));
      } else {
        const value: unknown = vector.get(at + i);
        out[at + i] = value === null || value === undefined ? '' : String(value);
      }
    }
    at += d.length;
  }
  return out;
}

function readDictionary(vector: Vector, chunks: readonly Data[], n: number): Col {
  const valid = readValid(chunks, n);
  const dictionary = chunks[0]?.dictionary;
  if (dictionary !== undefined && chunks.every((d) => d.dictionary === dictionary)) {
    let dict = decoded.get(dictionary);
    if (dict === undefined) {
      dict = Array.from(dictionary.toArray() as ArrayLike<unknown>, (x) => (x === null || x === undefined ? '' : String(x)));
      decoded.set(dictionary, dict);
    }
    const source = { type: vector.type as Dictionary, dictionary };
    return { k: 'dict', codes: concatNumbers(chunks, n), dict, valid, source };
  }
  return { k: 'str', v: readStrings(vector, chunks, n), valid };
}

const fits = (expected: ExprType, actual: ExprType) =>
  expected === actual || (expected === 'number' && actual === 'integer') || (expected === 'string' && actual === 'category');

/**
 * Reads an Arrow column as a whole-column intermediate, zero-copy where the storage allows.
 * Throws a UserError when the column's type is not the one the expression was compiled for.
 */
export function readColumn(name: string, vector: Vector | null, expected: ExprType, actual: ExprType): Col {
  if (vector === null) throw new UserError('SCHEMA_INVALID', `The table has no column '${name}'.`);
  if (!fits(expected, actual)) {
    throw new UserError('SCHEMA_INVALID', `Column '${name}' is ${actual}, but the expression was checked with it as ${expected}.`);
  }
  const n = vector.length;
  const chunks = vector.data;
  const typeId = vector.type.typeId as Type;
  const valid = readValid(chunks, n);
  switch (actual) {
    case 'boolean':
      return { k: 'bool', v: readBool(chunks, n), valid, tmp: false };
    case 'category':
      return readDictionary(vector, chunks, n);
    case 'string':
      return { k: 'str', v: readStrings(vector, chunks, n), valid };
    case 'date': {
      const unit = (vector.type as { unit?: number }).unit ?? 1;
      const scale = typeId === Type.Timestamp ? (timestampToMs[unit] ?? 1) : unit === 0 ? msPerDay : 1;
      return { k: 'num', v: readAsFloat(vector, n, scale, Type.Date), valid, tmp: false };
    }
    default: {
      const bits = (vector.type as { bitWidth?: number }).bitWidth;
      const direct =
        (typeId === Type.Int && bits !== 64) || (typeId === Type.Float && (vector.type as { precision?: number }).precision !== 0);
      const v = direct ? concatNumbers(chunks, n) : readAsFloat(vector, n, 1, typeId);
      return { k: 'num', v, valid, tmp: false };
    }
  }
}
