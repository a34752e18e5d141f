import type { ColumnType } from '../ports/table-schema';

const dayMs = 86_400_000;

/**
 * A date (milliseconds since 1970 UTC, as Arrow date columns hold them) as ISO text: the day alone
 * at midnight, else the instant in UTC without zero milliseconds.
 *
 * @example
 * formatDate(1325376000000) // '2012-01-01'
 * formatDate(Date.UTC(2012, 0, 1, 9, 30)) // '2012-01-01T09:30:00Z'
 */
export function formatDate(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return String(ms);
  // Suffixes, not fixed offsets: years past 9999 or before 0 are written with six digits and a sign.
  const iso = date.toISOString();
  if (ms % dayMs === 0) return iso.slice(0, -'T00:00:00.000Z'.length);
  return iso.endsWith('.000Z') ? `${iso.slice(0, -'.000Z'.length)}Z` : iso;
}

/**
 * A number with `digits` significant digits (default 6), never fewer than its whole part needs;
 * integers exactly, very large or very small magnitudes in exponent form, no trailing zeros.
 *
 * @example
 * formatNumber(1.23456789) // '1.23457'
 * formatNumber(123456789.123) // '123456789.12'
 * formatNumber(0.1 + 0.2) // '0.3'
 * formatNumber(0.8765432, 4) // '0.8765'
 */
export function formatNumber(x: number, digits = 6): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '∞' : '−∞';
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return String(x);
  const magnitude = Math.abs(x);
  if (magnitude >= 1e15 || magnitude < 1e-6) return trimExponent(x.toExponential(Math.max(0, digits - 3)));
  const whole = magnitude >= 1 ? Math.floor(Math.log10(magnitude)) + 1 : 0;
  return String(Number(x.toPrecision(Math.min(21, Math.max(digits, whole + 2)))));
}

function trimExponent(text: string): string {
  return text.replace(/\.?0+e/, 'e').replace('e+', 'e');
}

/**
 * One cell as people read it, by the column's type: dates as ISO text (not epoch milliseconds),
 * numbers with sensible precision, big integers exactly, nested values as JSON; null as ''.
 * The one formatter of the grid, the column profile, charts and CSV text.
 *
 * @example
 * formatValue(1325376000000, 'date') // '2012-01-01'
 * formatValue(0.30000000000000004, 'number') // '0.3'
 * formatValue(null, 'string') // ''
 */
export function formatValue(value: unknown, type?: ColumnType): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatDate(value.getTime());
  if (type === 'date' && (typeof value === 'number' || typeof value === 'bigint')) return formatDate(Number(value));
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object') return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}

/**
 * A count with its noun, singular for one: `1 row`, `2 rows`, `1,234 rows`.
 *
 * @example
 * countText(1, 'row') // '1 row'
 * countText(1234, 'row') // '1,234 rows'
 * countText(2, 'class', 'classes') // '2 classes'
 */
export function countText(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? noun : plural}`;
}
