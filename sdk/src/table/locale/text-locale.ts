import type { Issue, Result } from '../../errors/issue';
import { compileDatePattern, type DatePattern } from './date-pattern';

/**
 * How numbers (and, with `dateFormat`, dates) are written in a text column: shared by the CSV reader
 * and `transform.cast`. Absent fields mean the plain grammar (`1234.5`, ISO 8601 dates).
 *
 * @example
 * const german: TextLocale = { decimal: ',', thousands: '.' }; // '1.234,5' → 1234.5
 */
export interface TextLocale {
  /** The decimal mark: `.` (default) or `,`. */
  decimal?: '.' | ',';
  /** A thousands separator, grouping the integer part in threes: `,` `.` space `'` `_`, no-break or narrow no-break space. */
  thousands?: string;
  /** How dates are written, e.g. `MM/DD/YYYY`, `DD.MM.YYYY`, `MMM d yyyy` (see `compileDatePattern`); ISO 8601 is read too. */
  dateFormat?: string;
}

/**
 * A {@link TextLocale} checked and turned into bytes.
 *
 * @example
 * const resolved = resolveTextLocale({ decimal: ',', thousands: '.' });
 * if (resolved.ok) resolved.value.decimal // 44, the byte of ','
 */
export interface ResolvedTextLocale {
  /** The decimal mark's byte. */
  decimal: number;
  /** The thousands separator's UTF-8 bytes, or null for none. */
  thousands: Uint8Array | null;
  /** The date pattern, or null for ISO 8601 only. */
  date: DatePattern | null;
}

/**
 * The thousands separators accepted.
 *
 * @example
 * thousandsSeparators.includes("'") // true
 */
export const thousandsSeparators: readonly string[] = [',', '.', ' ', "'", '_', '\u00a0', '\u202f'];

/** Whether numbers need the locale path at all (the plain grammar is the reader's fast path). */
export function isPlainLocale(locale: ResolvedTextLocale): boolean {
  return locale.decimal === 46 && locale.thousands === null;
}

/**
 * Checks a locale; `path` prefixes the field named in an issue (e.g. `['config']`).
 *
 * @example
 * resolveTextLocale({ decimal: ',', thousands: ',' }, ['config']) // ok: false, issue at config.thousands
 */
export function resolveTextLocale(locale: TextLocale = {}, path: (string | number)[] = []): Result<ResolvedTextLocale> {
  const issues: Issue[] = [];
  const decimal = locale.decimal ?? '.';
  if (decimal !== '.' && decimal !== ',')
    issues.push({ code: 'CONFIG_INVALID', path: [...path, 'decimal'], message: 'The decimal mark must be "." or ",".' });
  const thousands = locale.thousands;
  if (thousands !== undefined && !thousandsSeparators.includes(thousands)) {
    issues.push({
      code: 'CONFIG_INVALID',
      path: [...path, 'thousands'],
      message: `The thousands separator must be one of , . space ' _ or a no-break space, not ${JSON.stringify(thousands)}.`,
    });
  } else if (thousands === decimal) {
    issues.push({
      code: 'CONFIG_INVALID',
      path: [...path, 'thousands'],
      message: `The thousands separator cannot be the decimal mark "${decimal}": every number would be ambiguous.`,
    });
  }
  let date: DatePattern | null = null;
  if (locale.dateFormat !== undefined) {
    const compiled = compileDatePattern(locale.dateFormat);
    if (compiled.ok) date = compiled.value;
    else issues.push({ code: 'CONFIG_INVALID', path: [...path, 'dateFormat'], message: compiled.message });
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: { decimal: decimal.charCodeAt(0), thousands: thousands === undefined ? null : new TextEncoder().encode(thousands), date },
  };
}
