/** The common subset of Java's SimpleDateFormat that ARFF date attributes use: yyyy yy MM dd HH mm ss SSS and literals. */

type Field = 'y' | 'M' | 'd' | 'H' | 'm' | 's' | 'S';
type Part = { field: Field; width: number } | { literal: string };

/**
 * A compiled date pattern: `parse` answers epoch milliseconds (UTC) or NaN; `hasTime` says
 * whether the pattern names a time of day (then the column is a timestamp, else a date).
 *
 * @example
 * const p = compileDatePattern('dd.MM.yyyy');
 * if (typeof p !== 'string') p.parse('12.06.1998'); // Date.UTC(1998, 5, 12)
 */
export interface DatePattern {
  pattern: string;
  hasTime: boolean;
  parse(text: string): number;
}

/** Weka's default when an attribute gives no pattern. */
export const defaultArffDatePattern = "yyyy-MM-dd'T'HH:mm:ss";

const fields = new Set<string>(['y', 'M', 'd', 'H', 'm', 's', 'S']);

/**
 * Compiles a pattern, or answers a message naming the letter that is not supported.
 *
 * @example
 * compileDatePattern('yyyy-MM-dd HH:mm') // a DatePattern with hasTime true
 */
export function compileDatePattern(pattern: string): DatePattern | string {
  const parts: Part[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === "'") {
      const close = pattern.indexOf("'", i + 1);
      if (close < 0) return `the date pattern "${pattern}" has an unclosed quote`;
      parts.push({ literal: close === i + 1 ? "'" : pattern.slice(i + 1, close) });
      i = close + 1;
    } else if (fields.has(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      parts.push({ field: c as Field, width: j - i });
      i = j;
    } else if (/[a-zA-Z]/.test(c)) {
      return `the date pattern "${pattern}" uses "${c}"; supported letters are y M d H m s S`;
    } else {
      parts.push({ literal: c });
      i++;
    }
  }
  const hasTime = parts.some((p) => 'field' in p && (p.field === 'H' || p.field === 'm' || p.field === 's' || p.field === 'S'));
  return { pattern, hasTime, parse: (text) => parseWith(parts, text) };
}

function parseWith(parts: readonly Part[], text: string): number {
  const v = { y: 1970, M: 1, d: 1, H: 0, m: 0, s: 0, S: 0 };
  let pos = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k] as Part;
    if ('literal' in part) {
      if (!text.startsWith(part.literal, pos)) return Number.NaN;
      pos += part.literal.length;
      continue;
    }
    // Digits run on unless the next part is another field, which fixes this one's width.
    const next = parts[k + 1];
    const limit = next !== undefined && 'field' in next ? part.width : 9;
    let end = pos;
    while (end < text.length && end - pos < limit) {
      const c = text.charCodeAt(end);
      if (c < 48 || c > 57) break;
      end++;
    }
    if (end === pos) return Number.NaN;
    let n = Number(text.slice(pos, end));
    if (part.field === 'y' && part.width === 2 && end - pos === 2) n += n < 70 ? 2000 : 1900;
    v[part.field] = n;
    pos = end;
  }
  if (pos !== text.length) return Number.NaN;
  if (v.M < 1 || v.M > 12 || v.d < 1 || v.H > 23 || v.m > 59 || v.s > 59) return Number.NaN;
  const ms = Date.UTC(v.y, v.M - 1, v.d, v.H, v.m, v.s, v.S);
  // Day 31 of a 30-day month would roll over into the next one.
  return new Date(ms).getUTCDate() === v.d ? ms : Number.NaN;
}
