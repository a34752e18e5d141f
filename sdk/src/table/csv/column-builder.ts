import type { ColumnType } from '../../ports/table-schema';
import { type DatePattern, parseDatePattern } from '../locale/date-pattern';
import { localNumber } from '../locale/locale-number';
import { isPlainLocale, type ResolvedTextLocale } from '../locale/text-locale';
import { growFloat64, growInt32, growUint8 } from './grow';
import { parseBoolean, parseDate, parsed, parseNumber } from './parse-values';
import { StringColumn } from './string-column';

/**
 * What a column holds so far; inference only ever moves a column along `integer → number`, to `int64`
 * (an integer beyond ±2^53, which a double would round; from `number` only while every value is whole),
 * or to text (an integer beyond Int64, or a fraction in an `int64` column: exact text, never rounded).
 */
export const Kind = { empty: 0, integer: 1, number: 2, boolean: 3, date: 4, text: 5, retry: 6, int64: 7 } as const;
type KindCode = (typeof Kind)[keyof typeof Kind];

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

function isInt32(value: number): boolean {
  return value <= 2147483647 && value >= -2147483648;
}

/** The exact value of an integer numeral (`[+-]digits`, spaces around) within Int64, else undefined. */
export function exactInt64(bytes: Uint8Array, start: number, end: number): bigint | undefined {
  let text = '';
  for (let i = start; i < end; i++) {
    const c = bytes[i] as number;
    if (c !== 32 && c !== 9 && c !== 43) text += String.fromCharCode(c);
  }
  if (!/^-?\d+$/.test(text)) return undefined;
  const big = BigInt(text);
  return big < int64Min || big > int64Max ? undefined : big;
}

/**
 * Builds one column row by row into typed arrays, inferring its type unless one is forced.
 * A value that needs the column to become text after numbers, booleans or dates were stored turns
 * it into `retry`: the original texts are gone, so the parse runs again with the column as text.
 */
export class ColumnBuilder {
  kind: KindCode = Kind.empty;
  length = 0;
  nullCount = 0;
  hasTime = false;
  /** The row whose value last set or changed the kind (or first gave a time of day); -1 if none did. */
  kindChangedAt = -1;
  ints: Int32Array = new Int32Array(0);
  floats: Float64Array = new Float64Array(0);
  bigs: BigInt64Array = new BigInt64Array(0);
  flags: Uint8Array = new Uint8Array(0);
  text: StringColumn | null = null;
  validity: Uint8Array | null = null;
  /** Rows the typed arrays have room for. */
  capacity: number;
  private readonly forced: ColumnType | 'text' | undefined;
  private readonly maxDistinct: number;
  /** Null for the plain grammar; else numbers are rewritten into `plain` before they are parsed. */
  private readonly locale: ResolvedTextLocale | null;
  /** Dates in this form are read besides ISO 8601. */
  private readonly datePattern: DatePattern | null;
  private plain = new Uint8Array(64);

  constructor(forced: ColumnType | 'text' | undefined, capacity: number, maxDistinct: number, locale?: ResolvedTextLocale) {
    this.forced = forced;
    this.locale = locale === undefined || isPlainLocale(locale) ? null : locale;
    this.datePattern = locale?.date ?? null;
    this.capacity = Math.max(16, capacity);
    this.maxDistinct = maxDistinct;
    if (forced !== undefined)
      this.become(
        forced === 'integer'
          ? Kind.integer
          : forced === 'number'
            ? Kind.number
            : forced === 'boolean'
              ? Kind.boolean
              : forced === 'date'
                ? Kind.date
                : Kind.text,
      );
  }

  private become(kind: KindCode): void {
    this.kind = kind;
    const n = this.capacity;
    if (kind === Kind.integer) this.ints = new Int32Array(n);
    else if (kind === Kind.number || kind === Kind.date) this.floats = new Float64Array(n);
    else if (kind === Kind.int64) this.bigs = new BigInt64Array(n);
    else if (kind === Kind.boolean) this.flags = new Uint8Array(n);
    else if (kind === Kind.text)
      this.text = new StringColumn(
        this.forced === 'category' ? 'category' : this.forced === 'string' ? 'string' : 'auto',
        n,
        this.maxDistinct,
      );
    // Rows before the first value were all null.
    if (this.length > 0 && kind === Kind.text) for (let r = 0; r < this.length; r++) this.text?.pushNull(r);
  }

  private ensure(row: number): void {
    if (row < this.capacity) return;
    const next = this.capacity * 2;
    if (this.kind === Kind.integer) this.ints = growInt32(this.ints, row, next);
    else if (this.kind === Kind.number || this.kind === Kind.date) this.floats = growFloat64(this.floats, row, next);
    else if (this.kind === Kind.boolean) this.flags = growUint8(this.flags, row, next);
    else if (this.kind === Kind.int64) {
      const bigs = new BigInt64Array(next);
      bigs.set(this.bigs.subarray(0, row));
      this.bigs = bigs;
    }
    if (this.validity !== null) this.validity = growUint8(this.validity, this.validity.length, (next >> 3) + 1);
    this.capacity = next;
  }

  /** Adds one value; false when it does not convert to a forced type. */
  push(bytes: Uint8Array, start: number, end: number, escaped: boolean): boolean {
    const kind = this.kind;
    if (this.locale !== null && (kind === Kind.integer || kind === Kind.number || kind === Kind.int64)) {
      const n = this.toPlain(bytes, start, end, this.locale);
      return this.store(this.plain, 0, n, escaped);
    }
    return this.store(bytes, start, end, escaped);
  }

  private store(bytes: Uint8Array, start: number, end: number, escaped: boolean): boolean {
    const row = this.length;
    if (row >= this.capacity) this.ensure(row);
    const kind = this.kind;
    if (kind === Kind.integer || kind === Kind.number) {
      const value = parseNumber(bytes, start, end);
      if (Number.isNaN(value)) {
        if (this.forced !== undefined) return false;
        this.toRetry();
      } else if (parsed.isInteger && this.forced !== 'number' && !(kind === Kind.integer ? isInt32(value) : Number.isSafeInteger(value))) {
        // An inferred column widens to doubles while they are exact; beyond 2^53, or when declared integer, to Int64.
        if (kind === Kind.integer && this.forced === undefined && Number.isSafeInteger(value)) this.widenToNumber(row, value);
        else if (!this.toInt64(row, bytes, start, end)) {
          if (this.forced !== undefined) return false;
          this.toRetry();
        }
      } else if (kind === Kind.integer) {
        if (parsed.isInteger && isInt32(value)) this.ints[row] = value;
        else if (this.forced !== undefined) return false;
        else this.widenToNumber(row, value);
      } else this.floats[row] = value;
    } else if (kind === Kind.int64) {
      const value = parseNumber(bytes, start, end);
      const big = !Number.isNaN(value) && parsed.isInteger ? exactInt64(bytes, start, end) : undefined;
      if (big !== undefined) this.bigs[row] = big;
      else if (this.forced !== undefined) return false;
      else this.toRetry();
    } else if (kind === Kind.text) {
      this.text?.push(row, bytes, start, end, escaped);
    } else if (kind === Kind.boolean) {
      const value = parseBoolean(bytes, start, end);
      if (Number.isNaN(value)) {
        if (this.forced !== undefined) return false;
        this.toRetry();
      } else this.flags[row] = value;
    } else if (kind === Kind.date) {
      const value = this.parseDate(bytes, start, end);
      if (Number.isNaN(value)) {
        if (this.forced !== undefined) return false;
        this.toRetry();
      } else {
        this.floats[row] = value;
        if (parsed.hasTime && !this.hasTime) {
          this.hasTime = true;
          this.kindChangedAt = row;
        }
      }
    } else if (kind === Kind.empty) {
      this.kindChangedAt = row;
      this.become(this.kindOf(bytes, start, end));
      return this.push(bytes, start, end, escaped);
    }
    if (this.validity !== null) this.validity[row >> 3] = (this.validity[row >> 3] as number) | (1 << (row & 7));
    this.length = row + 1;
    return true;
  }

  /**
   * Rewrites a number written in the locale into `plain` and returns its length; text that is not a
   * number of the locale becomes the empty range, which no number parser reads as a value.
   */
  private toPlain(bytes: Uint8Array, start: number, end: number, locale: ResolvedTextLocale): number {
    if (end - start > this.plain.length) this.plain = new Uint8Array((end - start) * 2);
    return Math.max(0, localNumber(bytes, start, end, locale, this.plain));
  }

  /** Makes room for the next row; the scanner's fast path then writes `ints`/`floats` itself. */
  reserve(): void {
    if (this.length >= this.capacity) this.ensure(this.length);
  }

  /** Adds a text value whose FNV-1a hash the scanner already computed (dictionary mode only). */
  pushHashed(bytes: Uint8Array, start: number, end: number, hash: number): void {
    this.reserve();
    (this.text as StringColumn).pushHashed(this.length, bytes, start, end, hash);
    this.commit();
  }

  /** Counts a value the scanner's fast path stored at row `length`. */
  commit(): void {
    const row = this.length;
    if (this.validity !== null) this.validity[row >> 3] = (this.validity[row >> 3] as number) | (1 << (row & 7));
    this.length = row + 1;
  }

  pushNull(): void {
    const row = this.length;
    if (row >= this.capacity) this.ensure(row);
    if (this.validity === null) {
      this.validity = new Uint8Array((this.capacity >> 3) + 1);
      this.validity.fill(255, 0, row >> 3);
      for (let r = row & ~7; r < row; r++) this.validity[r >> 3] = (this.validity[r >> 3] as number) | (1 << (r & 7));
    }
    this.validity[row >> 3] = (this.validity[row >> 3] as number) & ~(1 << (row & 7));
    if (this.kind === Kind.text) this.text?.pushNull(row);
    this.nullCount++;
    this.length = row + 1;
  }

  /** Drops the current row's value (a bad row); at most one value per row is ever dropped. */
  truncate(rows: number): void {
    if (this.length <= rows) return;
    const validity = this.validity;
    if (validity !== null && ((validity[rows >> 3] as number) & (1 << (rows & 7))) === 0) this.nullCount--;
    this.length = rows;
  }

  /**
   * Moves an `integer` or whole `number` column to Int64 and stores this row's value; false when the
   * value is beyond Int64 or the column holds a fraction (the caller then fails the row or reads text).
   */
  private toInt64(row: number, bytes: Uint8Array, start: number, end: number): boolean {
    const big = exactInt64(bytes, start, end);
    if (big === undefined) return false;
    const bigs = new BigInt64Array(this.capacity);
    if (this.kind === Kind.integer) for (let r = 0; r < row; r++) bigs[r] = BigInt(this.ints[r] as number);
    else
      for (let r = 0; r < row; r++) {
        const f = this.floats[r] as number;
        if (!Number.isSafeInteger(f)) return false;
        bigs[r] = BigInt(f);
      }
    bigs[row] = big;
    this.bigs = bigs;
    this.ints = new Int32Array(0);
    this.floats = new Float64Array(0);
    this.kind = Kind.int64;
    this.kindChangedAt = row;
    return true;
  }

  private widenToNumber(row: number, value: number): void {
    this.kindChangedAt = row;
    this.floats = new Float64Array(this.capacity);
    for (let r = 0; r < row; r++) this.floats[r] = this.ints[r] as number;
    this.ints = new Int32Array(0);
    this.kind = Kind.number;
    this.floats[row] = value;
  }

  private kindOf(bytes: Uint8Array, start: number, end: number): KindCode {
    let nb = bytes;
    let ns = start;
    let ne = end;
    if (this.locale !== null) {
      ne = this.toPlain(bytes, start, end, this.locale);
      nb = this.plain;
      ns = 0;
    }
    const number = parseNumber(nb, ns, ne);
    if (!Number.isNaN(number) && parsed.isInteger && !Number.isSafeInteger(number))
      return exactInt64(nb, ns, ne) === undefined ? Kind.text : Kind.int64;
    if (!Number.isNaN(number)) return parsed.isInteger && isInt32(number) ? Kind.integer : Kind.number;
    if (!Number.isNaN(parseBoolean(bytes, start, end))) return Kind.boolean;
    if (!Number.isNaN(this.parseDate(bytes, start, end))) return Kind.date;
    return Kind.text;
  }

  private parseDate(bytes: Uint8Array, start: number, end: number): number {
    if (this.datePattern !== null) {
      const value = parseDatePattern(bytes, start, end, this.datePattern);
      if (!Number.isNaN(value)) return value;
    }
    return parseDate(bytes, start, end);
  }

  private toRetry(): void {
    this.kindChangedAt = this.length;
    this.kind = Kind.retry;
    this.bigs = new BigInt64Array(0);
    this.ints = new Int32Array(0);
    this.floats = new Float64Array(0);
    this.flags = new Uint8Array(0);
  }
}
