/** A cell rectangle, 0-based and inclusive; `lastRow`/`lastColumn` are Infinity for a range open to the end. */
export interface CellRange {
  firstRow: number;
  firstColumn: number;
  lastRow: number;
  lastColumn: number;
}

/** The 0-based column of letters (`A` → 0, `AA` → 26), read by hand. */
function columnOf(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

function cellOf(text: string): { row: number; column: number } | undefined {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) >= 65 && text.charCodeAt(i) <= 90) i++;
  const letters = text.slice(0, i);
  const digits = text.slice(i);
  if (letters.length < 1 || letters.length > 3 || digits.length < 1 || digits.length > 7) return undefined;
  for (let k = 0; k < digits.length; k++) if (digits.charCodeAt(k) < 48 || digits.charCodeAt(k) > 57) return undefined;
  const row = Number(digits) - 1;
  const column = columnOf(letters);
  // Excel's limits: 1,048,576 rows, 16,384 columns (XFD).
  if (row < 0 || row >= 1_048_576 || column >= 16_384) return undefined;
  return { row, column };
}

/**
 * An A1 range (`B2:D100`, or one cell `B2` as the top-left corner of a table open to the end) →
 * 0-based bounds; undefined when it is not one, or its corners are reversed.
 *
 * @example
 * parseA1Range('C3:E5') // { firstRow: 2, firstColumn: 2, lastRow: 4, lastColumn: 4 }
 */
export function parseA1Range(text: string): CellRange | undefined {
  const [from, to, extra] = text.toUpperCase().split(':');
  if (from === undefined || extra !== undefined) return undefined;
  const a = cellOf(from);
  if (a === undefined) return undefined;
  if (to === undefined) return { firstRow: a.row, firstColumn: a.column, lastRow: Infinity, lastColumn: Infinity };
  const b = cellOf(to);
  if (b === undefined || b.row < a.row || b.column < a.column) return undefined;
  return { firstRow: a.row, firstColumn: a.column, lastRow: b.row, lastColumn: b.column };
}
