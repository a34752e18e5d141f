import { ColumnKeyer, type NullKeys } from './column-keyer';
import type { ColumnArrays } from './columns';
import { Float64Interner } from './float64-interner';

/**
 * Dense group ids per row (0 … count-1 in first-seen order; -1 = a dropped null key).
 *
 * @example
 * const { codes, count } = encodeKeys([readColumn(columnOf(t, 'store'))], 'group'); // codes[i] in 0 … count-1
 */
export interface KeyCodes {
  codes: Int32Array;
  count: number;
}

/**
 * Combines the ids of two key columns into dense ids of the pair, in first-seen order. A small product of
 * cardinalities uses a direct table, a large one a Float64 hash of `a * countB + b` (exact below 2^53).
 *
 * @example
 * const pairs = new PairKeyer(aCount, bCount, n);
 * const ids = pairs.encode(aIds, bIds);
 */
export class PairKeyer {
  private readonly table: Int32Array | null;
  private readonly interner: Float64Interner | null;
  count = 0;

  constructor(
    countA: number,
    private readonly countB: number,
    rows: number,
  ) {
    const product = countA * countB;
    const direct = product <= Math.max(1 << 16, rows * 2);
    this.table = direct ? new Int32Array(product).fill(-1) : null;
    this.interner = direct ? null : new Float64Interner(Math.min(rows, 1 << 20));
  }

  /** Pair ids of rows (a, b), adding new pairs; -1 where either side is -1. */
  encode(a: Int32Array, b: Int32Array): Int32Array {
    const n = a.length;
    const out = new Int32Array(n);
    const width = this.countB;
    const table = this.table;
    for (let i = 0; i < n; i++) {
      const x = a[i] as number;
      const y = b[i] as number;
      if (x < 0 || y < 0) {
        out[i] = -1;
      } else if (table) {
        const slot = x * width + y;
        let id = table[slot] as number;
        if (id < 0) {
          id = this.count++;
          table[slot] = id;
        }
        out[i] = id;
      } else {
        out[i] = (this.interner as Float64Interner).intern(x * width + y);
      }
    }
    if (this.interner) this.count = this.interner.size;
    return out;
  }

  /** Pair ids of rows (a, b) without adding; -1 for unseen pairs. */
  lookup(a: Int32Array, b: Int32Array): Int32Array {
    const n = a.length;
    const out = new Int32Array(n).fill(-1);
    const width = this.countB;
    for (let i = 0; i < n; i++) {
      const x = a[i] as number;
      const y = b[i] as number;
      if (x < 0 || y < 0) continue;
      out[i] = this.table ? (this.table[x * width + y] as number) : (this.interner as Float64Interner).find(x * width + y);
    }
    return out;
  }
}

/**
 * Dense group ids of the rows of one or more key columns (the core of group-by, distinct, partitions).
 *
 * @example
 * const { codes, count } = encodeKeys([readColumn(columnOf(t, 'country'))], 'group');
 */
export function encodeKeys(columns: readonly ColumnArrays[], nulls: NullKeys, length = columns[0]?.length ?? 0): KeyCodes {
  if (columns.length === 0) return { codes: new Int32Array(length), count: length > 0 ? 1 : 0 };
  let keyer = new ColumnKeyer(columns[0] as ColumnArrays);
  let codes = keyer.encode(nulls);
  let count = keyer.count;
  for (let k = 1; k < columns.length; k++) {
    keyer = new ColumnKeyer(columns[k] as ColumnArrays);
    const next = keyer.encode(nulls);
    const pairs = new PairKeyer(count, keyer.count, length);
    codes = pairs.encode(codes, next);
    count = pairs.count;
  }
  return { codes, count };
}
