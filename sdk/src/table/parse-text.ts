import { parseBoolean, parseDate, parseNumber } from './csv/parse-values';
import { type DatePattern, parseDatePattern } from './locale/date-pattern';
import { localNumber } from './locale/locale-number';
import { isPlainLocale, type ResolvedTextLocale } from './locale/text-locale';

const encoder = new TextEncoder();

// Every grammar below is ASCII; a string with any other character is not a value of it.
let scratch = new Uint8Array(64);

function asciiBytes(text: string): Uint8Array | undefined {
  if (text.length > scratch.length) scratch = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return undefined;
    scratch[i] = c;
  }
  return scratch;
}

function parseWith(parse: (bytes: Uint8Array, start: number, end: number) => number, text: string): number {
  const bytes = asciiBytes(text);
  return bytes === undefined ? Number.NaN : parse(bytes, 0, text.length);
}

/**
 * A number in decimal notation (`[+-]digits[.digits][e[+-]digits]` or `Infinity`, surrounding spaces
 * allowed), the grammar the CSV reader uses; NaN for anything else, `0x10`, `0b11` and `1_000` included.
 * With a `locale` (see `resolveTextLocale`), numbers written with its decimal mark and thousands separator.
 *
 * @example
 * parseNumberText('1.5e3') // 1500
 * parseNumberText('0x10') // NaN
 */
export function parseNumberText(text: string, locale?: ResolvedTextLocale): number {
  if (locale === undefined || isPlainLocale(locale)) return parseWith(parseNumber, text);
  // The locale's separators may be beyond ASCII (a no-break space): the rewrite reads UTF-8.
  const bytes = encoder.encode(text);
  const out = new Uint8Array(bytes.length);
  const n = localNumber(bytes, 0, bytes.length, locale, out);
  return n < 0 ? Number.NaN : parseNumber(out, 0, n);
}

/**
 * A boolean as the CSV reader reads one: true/false, yes/no, 1/0 in any letter case → 1/0;
 * NaN for anything else.
 *
 * @example
 * parseBooleanText('Yes') // 1
 */
export function parseBooleanText(text: string): number {
  return parseWith(parseBoolean, text);
}

/**
 * An ISO 8601 date or timestamp as the CSV reader reads one (`YYYY-MM-DD`, then optionally
 * `[T ]HH:MM[:SS[.fff]]` and `Z` or an offset `±HH[:MM]`) → milliseconds since the epoch (UTC when no
 * offset is given), or a date in `pattern` when one is given (see `compileDatePattern`); NaN for anything else.
 *
 * @example
 * parseDateText('2024-03-01T12:00:00+02:00') // Date.UTC(2024, 2, 1, 10)
 */
export function parseDateText(text: string, pattern?: DatePattern | null): number {
  if (pattern) {
    const bytes = encoder.encode(text);
    const value = parseDatePattern(bytes, 0, bytes.length, pattern);
    if (!Number.isNaN(value)) return value;
  }
  return parseWith(parseDate, text);
}
