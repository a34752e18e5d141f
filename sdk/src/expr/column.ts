import type { Data, Dictionary, Vector } from 'apache-arrow';
import { scratchU8 } from './scratch';

/** A numeric typed array as Arrow stores it. */
export type NumArray = Float64Array | Float32Array | Int32Array | Int16Array | Int8Array | Uint32Array | Uint16Array | Uint8Array;

/** Validity, one byte per row (1 = present); null when every row is present. Never written after it is made. */
export type Valid = Uint8Array | null;

/**
 * A whole column of intermediate values. Numbers, integers and dates (epoch ms) are `num`;
 * `tmp` marks a buffer this evaluation owns and may overwrite in place.
 */
export type Col =
  | { k: 'num'; v: NumArray; valid: Valid; tmp: boolean }
  | { k: 'bool'; v: Uint8Array; valid: Valid; tmp: boolean }
  | { k: 'str'; v: string[]; valid: Valid }
  | { k: 'dict'; codes: NumArray; dict: string[]; valid: Valid; source?: { type: Dictionary; dictionary: Vector } }
  | { k: 'const'; v: number | string | boolean | null };

export type ConstValue = number | string | boolean | null;

export const constant = (v: ConstValue): Col => ({ k: 'const', v });

/** Validity of rows present in both inputs. */
export function andValid(a: Valid, b: Valid, n: number): Valid {
  if (a === null) return b;
  if (b === null) return a;
  const out = scratchU8(n);
  for (let i = 0; i < n; i++) out[i] = (a[i] as number) & (b[i] as number);
  return out;
}

/** A writable copy of a validity (all present when null). */
export function copyValid(valid: Valid, n: number): Uint8Array {
  return valid === null ? new Uint8Array(n).fill(1) : valid.slice();
}

/** The validity of a column (null = all present); for a constant, null or all-absent. */
export function validOf(col: Col, n: number): Valid {
  if (col.k === 'const') return col.v === null ? new Uint8Array(n) : null;
  return col.valid;
}

/** Unpacks an Arrow bit-packed bitmap into bytes, starting at bit `offset`, into `out` at `at`. */
export function unpackBits(bits: Uint8Array, offset: number, length: number, out: Uint8Array, at: number): void {
  for (let i = 0; i < length; i++) {
    const bit = offset + i;
    out[at + i] = ((bits[bit >> 3] as number) >> (bit & 7)) & 1;
  }
}

/** Packs byte flags into an Arrow bitmap. */
export function packBits(bytes: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(((n + 63) >> 6) << 3);
  for (let i = 0; i < n; i++) if (bytes[i]) (out[i >> 3] as number) |= 1 << (i & 7);
  return out;
}

/** Validity of a chunked column as bytes, or null when it has no nulls. */
export function readValid(chunks: readonly Data[], n: number): Valid {
  if (chunks.every((d) => d.nullCount === 0)) return null;
  const out = new Uint8Array(n).fill(1);
  let at = 0;
  for (const d of chunks) {
    if (d.nullCount > 0 && d.nullBitmap !== undefined && d.nullBitmap.length > 0) unpackBits(d.nullBitmap, d.offset, d.length, out, at);
    else if (d.nullCount === d.length) out.fill(0, at, at + d.length);
    at += d.length;
  }
  return out;
}

/** Text of every row (absent rows hold ''). */
export function texts(col: Col, n: number): string[] {
  switch (col.k) {
    case 'str':
      return col.v;
    case 'dict': {
      const out = new Array<string>(n);
      const { codes, dict } = col;
      for (let i = 0; i < n; i++) out[i] = dict[codes[i] as number] ?? '';
      return out;
    }
    case 'const':
      return new Array<string>(n).fill(col.v === null ? '' : String(col.v));
    default:
      throw new Error('not a text column');
  }
}

/** Numbers (or 0/1 booleans) of every row as a typed array. */
export function numbers(col: Col, n: number): NumArray {
  if (col.k === 'num' || col.k === 'bool') return col.v;
  if (col.k === 'const') return new Float64Array(n).fill(col.v === null ? 0 : Number(col.v));
  throw new Error('not a numeric column');
}
