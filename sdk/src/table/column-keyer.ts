import { UserError } from '../errors';
import type { ColumnArrays } from './columns';
import { Float64Interner } from './float64-interner';

/**
 * What happens to a null key: it forms its own group (SQL GROUP BY / DISTINCT) or gets no id (-1, joins).
 *
 * @example
 * encodeKeys([readColumn(columnOf(t, 'country'))], 'drop' satisfies NullKeys)
 */
export type NullKeys = 'group' | 'drop';

/**
 * Gives each distinct value of one key column a dense id in first-seen order, then looks up another
 * column's values against those ids (the probe side of a join). Numbers and booleans compare as
 * numbers, strings and categories as strings.
 *
 * @example
 * const keyer = new ColumnKeyer(readColumn(columnOf(right, 'id')));
 * const rightIds = keyer.encode('drop');
 * const leftIds = keyer.lookup(readColumn(columnOf(left, 'id'))); // -1 where there is no match
 */
export class ColumnKeyer {
  private readonly numbers: Float64Interner | null;
  private readonly strings: Map<string, number> | null;
  private nullId = -1;
  count = 0;

  constructor(private readonly column: ColumnArrays) {
    const numeric = column.kind === 'number' || column.kind === 'boolean';
    this.numbers = numeric ? new Float64Interner(Math.min(column.length, 1 << 16)) : null;
    this.strings = numeric ? null : new Map();
  }

  /** Ids of the column's rows; a null row gets the null group's id or -1. */
  encode(nulls: NullKeys): Int32Array {
    const col = this.column;
    const n = col.length;
    const out = new Int32Array(n);
    const valid = col.valid;
    if (col.kind === 'number' || col.kind === 'boolean') {
      const ids = this.numbers as Float64Interner;
      const values = col.values;
      for (let i = 0; i < n; i++) out[i] = valid && !valid[i] ? this.nullOf(nulls) : ids.intern(values[i] as number);
      this.count = ids.size;
    } else if (col.kind === 'category') {
      const dictionary = col.dictionary;
      // one slot per dictionary entry plus one for null, all unassigned (-3)
      const remap = new Int32Array(dictionary.length + 1).fill(-3);
      const strings = this.strings as Map<string, number>;
      const fresh = remapCodes(col.codes, valid, remap, out);
      for (const code of fresh) {
        if (code === dictionary.length) {
          remap[code] = this.nullOf(nulls);
          continue;
        }
        const text = dictionary[code] ?? '';
        let id = strings.get(text);
        if (id === undefined) {
          id = this.count++;
          strings.set(text, id);
        }
        remap[code] = id;
      }
      if (fresh.length > 0) remapCodes(col.codes, valid, remap, out);
    } else {
      for (let i = 0; i < n; i++) out[i] = valid && !valid[i] ? this.nullOf(nulls) : this.internString(col.get(i));
    }
    return out;
  }

  /** Ids of another column's rows under this column's ids; -1 for null rows and unseen values. */
  lookup(other: ColumnArrays): Int32Array {
    const n = other.length;
    const out = new Int32Array(n).fill(-1);
    const valid = other.valid;
    const numeric = other.kind === 'number' || other.kind === 'boolean';
    if (numeric !== (this.numbers !== null) || (other.kind === 'boolean') !== (this.column.kind === 'boolean')) {
      throw new UserError('SCHEMA_INVALID', `Cannot match ${other.kind} values against ${this.column.kind} values.`);
    }
    if (other.kind === 'number' || other.kind === 'boolean') {
      const ids = this.numbers as Float64Interner;
      const values = other.values;
      for (let i = 0; i < n; i++) if (!valid || valid[i]) out[i] = ids.find(values[i] as number);
    } else if (other.kind === 'category') {
      const remap = this.lookupDictionary(other.dictionary);
      const codes = other.codes;
      for (let i = 0; i < n; i++) if (!valid || valid[i]) out[i] = remap[codes[i] as number] as number;
    } else {
      const strings = this.strings as Map<string, number>;
      for (let i = 0; i < n; i++) if (!valid || valid[i]) out[i] = strings.get(other.get(i)) ?? -1;
    }
    return out;
  }

  /** Ids of a dictionary's entries under this (string or category) column's ids; -1 for unseen. */
  lookupDictionary(dictionary: readonly string[]): Int32Array {
    const strings = this.strings;
    if (!strings) throw new UserError('SCHEMA_INVALID', `Cannot match category values against ${this.column.kind} values.`);
    return Int32Array.from(dictionary, (s) => strings.get(s) ?? -1);
  }

  private internString(text: string): number {
    const strings = this.strings as Map<string, number>;
    let id = strings.get(text);
    if (id === undefined) {
      id = this.count++;
      strings.set(text, id);
    }
    return id;
  }

  private nullOf(nulls: NullKeys): number {
    if (nulls === 'drop') return -1;
    if (this.nullId < 0) this.nullId = this.numbers ? this.numbers.reserve() : this.count++;
    return this.nullId;
  }
}

// Writes remapped ids into out (null rows use the last slot); returns the slots first met unassigned, in row order.
function remapCodes(codes: Int32Array, valid: Uint8Array | null, remap: Int32Array, out: Int32Array): number[] {
  const fresh: number[] = [];
  const nullSlot = remap.length - 1;
  const n = codes.length;
  for (let i = 0; i < n; i++) {
    const slot = valid !== null && valid[i] === 0 ? nullSlot : (codes[i] as number);
    const id = remap[slot] as number;
    if (id === -3) {
      fresh.push(slot);
      remap[slot] = -2;
    }
    out[i] = id;
  }
  return fresh;
}
