/**
 * Value parsers that read straight from bytes, so no JS string is made per cell. Each returns its
 * value, or NaN when the bytes are not of that type; `parsed` carries what the caller must know besides.
 */
export const parsed = { isInteger: false, hasTime: false };

const pow10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];
// Above this, mantissa * 10 + digit may no longer be exact in a double.
const exactLimit = 900719925474099;
const infinity = [73, 110, 102, 105, 110, 105, 116, 121];

function isSpace(c: number | undefined): boolean {
  return c === 32 || c === 9;
}

function slowNumber(bytes: Uint8Array, s: number, e: number): number {
  let text = '';
  for (let i = s; i < e; i++) text += String.fromCharCode(bytes[i] as number);
  return Number(text);
}

function parseInfinity(bytes: Uint8Array, s: number, e: number, sign: number): number {
  if (e - s !== 8) return Number.NaN;
  for (let k = 0; k < 8; k++) if (bytes[s + k] !== infinity[k]) return Number.NaN;
  return sign * Number.POSITIVE_INFINITY;
}

/**
 * Parses `[+-]digits[.digits][e[+-]digits]` (or `Infinity`), surrounding spaces allowed. Correctly
 * rounded: exact mantissas with small exponents use one IEEE operation, the rest go through Number().
 */
export function parseNumber(bytes: Uint8Array, start: number, end: number): number {
  let s = start;
  let e = end;
  while (s < e && isSpace(bytes[s])) s++;
  while (e > s && isSpace(bytes[e - 1])) e--;
  let i = s;
  let sign = 1;
  const first = bytes[i];
  if (first === 45) {
    sign = -1;
    i++;
  } else if (first === 43) i++;
  let mantissa = 0;
  let digits = 0;
  let exact = true;
  let exponent = 0;
  let integer = true;
  let c = bytes[i] as number;
  while (i < e && c >= 48 && c <= 57) {
    if (mantissa >= exactLimit) exact = false;
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    c = bytes[++i] as number;
  }
  if (i < e && c === 46) {
    integer = false;
    c = bytes[++i] as number;
    while (i < e && c >= 48 && c <= 57) {
      if (mantissa >= exactLimit) exact = false;
      mantissa = mantissa * 10 + (c - 48);
      exponent--;
      digits++;
      c = bytes[++i] as number;
    }
  }
  if (digits === 0) {
    parsed.isInteger = false;
    return integer && c === 73 ? parseInfinity(bytes, i, e, sign) : Number.NaN;
  }
  if (i < e && (c === 101 || c === 69)) {
    integer = false;
    c = bytes[++i] as number;
    let expSign = 1;
    if (c === 45 || c === 43) {
      if (c === 45) expSign = -1;
      c = bytes[++i] as number;
    }
    let expDigits = 0;
    let exp = 0;
    while (i < e && c >= 48 && c <= 57) {
      if (exp < 100000) exp = exp * 10 + (c - 48);
      expDigits++;
      c = bytes[++i] as number;
    }
    if (expDigits === 0) return Number.NaN;
    exponent += expSign * exp;
  }
  if (i !== e) return Number.NaN;
  // -0 cannot live in an Int32 column.
  parsed.isInteger = integer && !(sign === -1 && mantissa === 0);
  if (exact && exponent >= -22 && exponent <= 22) {
    const m = sign * mantissa;
    return exponent < 0 ? m / (pow10[-exponent] as number) : exponent === 0 ? m : m * (pow10[exponent] as number);
  }
  return slowNumber(bytes, s, e);
}

// | 0x20 lower-cases ASCII letters.
function lower(bytes: Uint8Array, at: number): number {
  return (bytes[at] as number) | 0x20;
}

/**
 * A boolean in any letter case: `true`/`false`, `yes`/`no`, `1`/`0` → 1/0; anything else NaN (single
 * letters such as `t`, `y`, `n` are not: they are too often column names or codes). The one boolean grammar of the reader and `transform.cast` (a column of only 1 and 0 is
 * still inferred as integers: numbers are tried first).
 */
export function parseBoolean(bytes: Uint8Array, start: number, end: number): number {
  let s = start;
  let e = end;
  while (s < e && isSpace(bytes[s])) s++;
  while (e > s && isSpace(bytes[e - 1])) e--;
  const n = e - s;
  if (n === 1) return bytes[s] === 49 ? 1 : bytes[s] === 48 ? 0 : Number.NaN;
  if (n === 2) return lower(bytes, s) === 110 && lower(bytes, s + 1) === 111 ? 0 : Number.NaN;
  if (n === 3) return lower(bytes, s) === 121 && lower(bytes, s + 1) === 101 && lower(bytes, s + 2) === 115 ? 1 : Number.NaN;
  if (n === 4 && lower(bytes, s) === 116 && lower(bytes, s + 1) === 114 && lower(bytes, s + 2) === 117 && lower(bytes, s + 3) === 101)
    return 1;
  if (
    n === 5 &&
    lower(bytes, s) === 102 &&
    lower(bytes, s + 1) === 97 &&
    lower(bytes, s + 2) === 108 &&
    lower(bytes, s + 3) === 115 &&
    lower(bytes, s + 4) === 101
  ) {
    return 0;
  }
  return Number.NaN;
}

function digitsAt(bytes: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let k = 0; k < count; k++) {
    const d = (bytes[at + k] as number) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `YYYY-MM-DD` or `YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|±HH[[:]MM]]` → milliseconds since the epoch, read
 * as UTC unless an offset is given; sets `parsed.hasTime`. NaN when not a valid date.
 */
export function parseDate(bytes: Uint8Array, start: number, end: number): number {
  let s = start;
  let e = end;
  while (s < e && isSpace(bytes[s])) s++;
  while (e > s && isSpace(bytes[e - 1])) e--;
  if (e - s < 10 || bytes[s + 4] !== 45 || bytes[s + 7] !== 45) return Number.NaN;
  const year = digitsAt(bytes, s, 4);
  const month = digitsAt(bytes, s + 5, 2);
  const day = digitsAt(bytes, s + 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return Number.NaN;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (monthDays[month - 1] as number) + (leap ? 1 : 0)) return Number.NaN;
  let ms = daysFromCivil(year, month, day) * 86_400_000;
  if (e - s === 10) {
    parsed.hasTime = false;
    return ms;
  }
  let i = s + 10;
  if ((bytes[i] !== 84 && bytes[i] !== 32) || e - i < 6 || bytes[i + 3] !== 58) return Number.NaN;
  const hour = digitsAt(bytes, i + 1, 2);
  const minute = digitsAt(bytes, i + 4, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
  ms += hour * 3_600_000 + minute * 60_000;
  i += 6;
  if (i < e && bytes[i] === 58) {
    const second = digitsAt(bytes, i + 1, 2);
    if (second < 0 || second > 59 || i + 3 > e) return Number.NaN;
    ms += second * 1000;
    i += 3;
    if (i < e && bytes[i] === 46) {
      let scale = 100;
      let fraction = 0;
      i++;
      const from = i;
      for (let c = bytes[i] as number; i < e && c >= 48 && c <= 57; c = bytes[i] as number) {
        fraction += (c - 48) * scale;
        scale /= 10;
        i++;
      }
      if (i === from) return Number.NaN;
      ms += Math.floor(fraction);
    }
  }
  if (i < e && bytes[i] === 90) i++;
  else if (i < e && (bytes[i] === 43 || bytes[i] === 45)) {
    const sign = bytes[i] === 45 ? -1 : 1;
    const hours = i + 3 <= e ? digitsAt(bytes, i + 1, 2) : -1;
    i += 3;
    let minutes = 0;
    if (i < e) {
      if (bytes[i] === 58) i++;
      minutes = i + 2 <= e ? digitsAt(bytes, i, 2) : -1;
      i += 2;
    }
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Number.NaN;
    ms -= sign * (hours * 60 + minutes) * 60_000;
  }
  if (i !== e) return Number.NaN;
  parsed.hasTime = true;
  return ms;
}
