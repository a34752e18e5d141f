import { ByteDictionary } from './byte-dictionary';
import { copyUnescaped, growInt32, growUint8 } from './grow';

let scratch = new Uint8Array(256);

/**
 * The text of one column, kept dictionary-encoded while it has few distinct values (a category)
 * and as plain UTF-8 bytes and offsets once it has many. Rows are pushed in order; null rows hold
 * code -1 or an empty value, the builder's validity bitmap says which are null.
 */
export class StringColumn {
  dictionary: ByteDictionary | null;
  codes: Int32Array;
  data: Uint8Array;
  offsets: Int32Array;
  private readonly maxDistinct: number;

  constructor(mode: 'auto' | 'category' | 'string', capacity: number, maxDistinct: number) {
    this.maxDistinct = mode === 'category' ? Number.POSITIVE_INFINITY : maxDistinct;
    this.dictionary = mode === 'string' ? null : new ByteDictionary();
    this.codes = new Int32Array(mode === 'string' ? 0 : capacity);
    this.offsets = new Int32Array(mode === 'string' ? capacity + 1 : 1);
    this.data = new Uint8Array(mode === 'string' ? capacity * 8 : 0);
  }

  /** Stores row `row`'s value; `escaped` when the field held `""` pairs to undo. */
  push(row: number, bytes: Uint8Array, start: number, end: number, escaped: boolean): void {
    let source = bytes;
    let s = start;
    let e = end;
    if (escaped) {
      if (scratch.length < end - start) scratch = new Uint8Array(Math.max(end - start, scratch.length * 2));
      source = scratch;
      s = 0;
      e = copyUnescaped(bytes, start, end, scratch, 0);
    }
    const dictionary = this.dictionary;
    if (dictionary !== null) {
      if (row >= this.codes.length) this.codes = growInt32(this.codes, row, row + 1);
      this.codes[row] = dictionary.codeOf(source, s, e);
      if (dictionary.size > this.maxDistinct) this.toPlain(row + 1);
      return;
    }
    if (row + 1 >= this.offsets.length) this.offsets = growInt32(this.offsets, row + 1, row + 2);
    const at = this.offsets[row] as number;
    if (at + e - s > this.data.length) this.data = growUint8(this.data, at, at + e - s);
    this.data.set(source.subarray(s, e), at);
    this.offsets[row + 1] = at + e - s;
  }

  /** Dictionary mode: stores the code of bytes whose hash is known. */
  pushHashed(row: number, bytes: Uint8Array, start: number, end: number, hash: number): void {
    const dictionary = this.dictionary as ByteDictionary;
    if (row >= this.codes.length) this.codes = growInt32(this.codes, row, row + 1);
    this.codes[row] = dictionary.codeOfHashed(bytes, start, end, hash);
    if (dictionary.size > this.maxDistinct) this.toPlain(row + 1);
  }

  pushNull(row: number): void {
    if (this.dictionary !== null) {
      if (row >= this.codes.length) this.codes = growInt32(this.codes, row, row + 1);
      this.codes[row] = -1;
      return;
    }
    if (row + 1 >= this.offsets.length) this.offsets = growInt32(this.offsets, row + 1, row + 2);
    this.offsets[row + 1] = this.offsets[row] as number;
  }

  /** Leaves the dictionary: writes every row's bytes out (rows [0, rows) are filled). */
  toPlain(rows: number): void {
    const dictionary = this.dictionary;
    if (dictionary === null) return;
    const offsets = new Int32Array(Math.max(this.codes.length, rows) + 1);
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const code = this.codes[r] as number;
      if (code >= 0) total += (dictionary.offsets[code + 1] as number) - (dictionary.offsets[code] as number);
      offsets[r + 1] = total;
    }
    // Room for the rest of the column, guessed from the rows so far, but never more than twice what is known:
    // a few long values early on would otherwise ask for gigabytes (appends grow it when needed).
    const guess = rows > 0 ? (total / rows) * offsets.length * 1.1 : 1024;
    const data = new Uint8Array(Math.ceil(Math.min(guess, total * 2 + 65_536)) + 16);
    for (let r = 0; r < rows; r++) {
      const code = this.codes[r] as number;
      if (code >= 0) data.set(dictionary.data.subarray(dictionary.offsets[code], dictionary.offsets[code + 1]), offsets[r]);
    }
    this.data = data;
    this.offsets = offsets;
    this.dictionary = null;
    this.codes = new Int32Array(0);
  }

  /** True when the column should stay a category at `rows` rows. */
  isCategory(rows: number, maxRatio: number): boolean {
    const d = this.dictionary;
    return d !== null && (this.maxDistinct === Number.POSITIVE_INFINITY || d.size <= rows * maxRatio);
  }
}
