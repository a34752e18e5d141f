import { type ColumnBuilder, Kind } from './column-builder';

const LF = 10;
const CR = 13;
const pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The common numeric field, `[-]digits[.digits]` of at most 15 digits, parsed while it is scanned
 * and stored into the column. Returns the offset of the byte that ends the field (delimiter, LF or
 * the end), or -1 to leave the field to the general path. Fifteen digits and a power of ten up to
 * 1e15 are exact doubles, so the one division is correctly rounded.
 */
export function fastNumber(bytes: Uint8Array, pos: number, n: number, delimiter: number, column: ColumnBuilder): number {
  let i = pos;
  let b = bytes[i] as number;
  const negative = b === 45;
  if (negative) b = bytes[++i] as number;
  let mantissa = 0;
  let digits = 0;
  let scale = -1;
  while (b >= 48 && b <= 57) {
    mantissa = mantissa * 10 + (b - 48);
    digits++;
    b = bytes[++i] as number;
  }
  if (b === 46) {
    scale = 0;
    b = bytes[++i] as number;
    while (b >= 48 && b <= 57) {
      mantissa = mantissa * 10 + (b - 48);
      digits++;
      scale++;
      b = bytes[++i] as number;
    }
  }
  if (b === CR && bytes[i + 1] === LF) b = bytes[++i] as number;
  if (digits === 0 || digits > 15 || (b !== delimiter && b !== LF && i < n)) return -1;
  if (column.kind === Kind.integer) {
    if (scale >= 0 || mantissa > 2147483647 || (negative && mantissa === 0)) return -1;
    column.reserve();
    column.ints[column.length] = negative ? -mantissa : mantissa;
  } else {
    const value = scale > 0 ? mantissa / (pow10[scale] as number) : mantissa;
    column.reserve();
    column.floats[column.length] = negative ? -value : value;
  }
  column.commit();
  return i;
}

/**
 * An unquoted field of a dictionary-encoded text column, hashed while it is scanned. Returns the
 * offset that ends the field, or -1 for the general path (a quote, a CR, a null token, a big field).
 */
export function fastText(
  bytes: Uint8Array,
  pos: number,
  n: number,
  delimiter: number,
  column: ColumnBuilder,
  isNull: (bytes: Uint8Array, start: number, end: number) => boolean,
  maxField: number,
): number {
  let i = pos;
  let h = 0x811c9dc5;
  let b = bytes[i] as number;
  if (b === 34) return -1;
  while (b !== delimiter && b !== LF && i < n) {
    h = Math.imul(h ^ b, 0x01000193);
    b = bytes[++i] as number;
  }
  if ((i > pos && bytes[i - 1] === CR) || i - pos > maxField || isNull(bytes, pos, i)) return -1;
  column.pushHashed(bytes, pos, i, h);
  return i;
}
