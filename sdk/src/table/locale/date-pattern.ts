import { daysFromCivil, parsed } from '../csv/parse-values';

type Step =
  | { kind: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond'; min: number; max: number }
  | { kind: 'monthName'; full: boolean }
  | { kind: 'literal'; bytes: Uint8Array };

/**
 * A compiled date pattern: the steps that read a date, and whether it gives a time of day.
 *
 * @example
 * const pattern = compileDatePattern('DD.MM.YYYY'); // { ok: true, value: { source: 'DD.MM.YYYY', … } }
 */
export interface DatePattern {
  source: string;
  steps: readonly Step[];
  hasTime: boolean;
}

// Longest token first: `MMMM` before `MMM` before `MM` before `M`. Year and day in either case, as
// people write both `DD.MM.YYYY` and `dd.MM.yyyy`; `M` is the month and `m` the minute.
const tokens: [string, Step][] = [
  ['YYYY', { kind: 'year', min: 4, max: 4 }],
  ['yyyy', { kind: 'year', min: 4, max: 4 }],
  ['MMMM', { kind: 'monthName', full: true }],
  ['MMM', { kind: 'monthName', full: false }],
  ['MM', { kind: 'month', min: 2, max: 2 }],
  ['M', { kind: 'month', min: 1, max: 2 }],
  ['DD', { kind: 'day', min: 2, max: 2 }],
  ['dd', { kind: 'day', min: 2, max: 2 }],
  ['D', { kind: 'day', min: 1, max: 2 }],
  ['d', { kind: 'day', min: 1, max: 2 }],
  ['HH', { kind: 'hour', min: 2, max: 2 }],
  ['H', { kind: 'hour', min: 1, max: 2 }],
  ['mm', { kind: 'minute', min: 2, max: 2 }],
  ['ss', { kind: 'second', min: 2, max: 2 }],
  ['SSS', { kind: 'millisecond', min: 3, max: 3 }],
];

const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const encoder = new TextEncoder();

/**
 * Compiles a date pattern: `YYYY` (or `yyyy`) a four-digit year, `MM` a two-digit month, `M` one or
 * two digits, `MMM` an English month abbreviation (`Jun`), `MMMM` a full month name (`June`), any
 * letter case; `DD`/`dd` a two-digit day, `D`/`d` one or two digits; `HH`/`H` hour 0–23, `mm`
 * minutes, `ss` seconds, `SSS` milliseconds. Other characters match themselves; letters must be
 * quoted (`YYYY-MM-DD'T'HH:mm`). Hand-read: the pattern never becomes a regular expression.
 * Fails naming what is wrong: an unknown letter, an unclosed quote, a field twice, no year, month or day.
 *
 * @example
 * compileDatePattern('MMM d yyyy') // reads 'Jun 12 1998'
 */
export function compileDatePattern(source: string): { ok: true; value: DatePattern } | { ok: false; message: string } {
  const steps: Step[] = [];
  const seen = new Set<string>();
  let literal = '';
  const flush = () => {
    if (literal !== '') steps.push({ kind: 'literal', bytes: encoder.encode(literal) });
    literal = '';
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === "'") {
      const close = source.indexOf("'", i + 1);
      if (close < 0) return { ok: false, message: `The quote at character ${i + 1} is not closed.` };
      literal += close === i + 1 ? "'" : source.slice(i + 1, close);
      i = close + 1;
      continue;
    }
    const token = tokens.find(([text]) => source.startsWith(text, i));
    if (token !== undefined) {
      const [text, step] = token;
      const field = step.kind === 'monthName' ? 'month' : step.kind;
      if (seen.has(field)) return { ok: false, message: `"${text}" at character ${i + 1} repeats the ${field}.` };
      seen.add(field);
      flush();
      steps.push(step);
      i += text.length;
      continue;
    }
    if (/[A-Za-z]/.test(c))
      return { ok: false, message: `"${c}" at character ${i + 1} is not a date field; quote letters meant literally ('${c}').` };
    literal += c;
    i++;
  }
  flush();
  for (const field of ['year', 'month', 'day']) if (!seen.has(field)) return { ok: false, message: `The pattern has no ${field}.` };
  if ((seen.has('second') || seen.has('millisecond')) && !seen.has('minute'))
    return { ok: false, message: 'Seconds need minutes in the pattern.' };
  if (seen.has('minute') && !seen.has('hour')) return { ok: false, message: 'Minutes need an hour in the pattern.' };
  return { ok: true, value: { source, steps, hasTime: seen.has('hour') } };
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The month (1–12) whose English name (full, or its first three letters) starts at `at`, and its end; -1 if none. */
function monthAt(bytes: Uint8Array, at: number, end: number, full: boolean): { month: number; next: number } {
  for (let m = 0; m < 12; m++) {
    const name = monthNames[m] as string;
    const length = full ? name.length : 3;
    if (at + length > end) continue;
    let k = 0;
    while (k < length && ((bytes[at + k] as number) | 0x20) === name.charCodeAt(k)) k++;
    if (k === length) return { month: m + 1, next: at + length };
  }
  return { month: -1, next: at };
}

/**
 * Reads a date written in `pattern` from UTF-8 bytes (surrounding spaces allowed) → milliseconds since
 * the epoch, UTC; sets `parsed.hasTime`. NaN when the text is not exactly a valid date of the pattern.
 *
 * @example
 * parseDatePattern(new TextEncoder().encode('31.01.2024'), 0, 10, dotted) // Date.UTC(2024, 0, 31)
 */
export function parseDatePattern(bytes: Uint8Array, start: number, end: number, pattern: DatePattern): number {
  let s = start;
  let e = end;
  while (s < e && (bytes[s] === 32 || bytes[s] === 9)) s++;
  while (e > s && (bytes[e - 1] === 32 || bytes[e - 1] === 9)) e--;
  let year = -1;
  let month = -1;
  let day = -1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let i = s;
  for (const step of pattern.steps) {
    if (step.kind === 'literal') {
      const lit = step.bytes;
      if (i + lit.length > e) return Number.NaN;
      for (let k = 0; k < lit.length; k++) if (bytes[i + k] !== lit[k]) return Number.NaN;
      i += lit.length;
    } else if (step.kind === 'monthName') {
      const found = monthAt(bytes, i, e, step.full);
      if (found.month < 0) return Number.NaN;
      month = found.month;
      i = found.next;
    } else {
      let value = 0;
      let digits = 0;
      while (digits < step.max && i < e && (bytes[i] as number) >= 48 && (bytes[i] as number) <= 57) {
        value = value * 10 + ((bytes[i] as number) - 48);
        digits++;
        i++;
      }
      if (digits < step.min) return Number.NaN;
      if (step.kind === 'year') year = value;
      else if (step.kind === 'month') month = value;
      else if (step.kind === 'day') day = value;
      else if (step.kind === 'hour') hour = value;
      else if (step.kind === 'minute') minute = value;
      else if (step.kind === 'second') second = value;
      else ms = value;
    }
  }
  if (i !== e || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (monthDays[month - 1] as number) + (leap ? 1 : 0)) return Number.NaN;
  parsed.hasTime = pattern.hasTime;
  return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}
