import type { ResolvedTextLocale } from './text-locale';

function isSpace(c: number | undefined): boolean {
  return c === 32 || c === 9;
}

function separatorAt(bytes: Uint8Array, at: number, end: number, sep: Uint8Array): boolean {
  if (at + sep.length > end) return false;
  for (let k = 0; k < sep.length; k++) if (bytes[at + k] !== sep[k]) return false;
  return true;
}

/**
 * Rewrites a number written in `locale` (`1.234,5` with `,` and `.`) into the plain grammar
 * (`1234.5`) in `out`, returning its length, or -1 when the text is not a number of that locale.
 * Strict: separators only between digits of the integer part, every group after the first exactly
 * three digits (`1,23` is not a number with `,` as thousands separator), the other mark (`.` when the
 * decimal mark is `,`) never accepted. What is copied is left for the plain parser to judge. `out` must
 * hold `end - start` bytes.
 *
 * @example
 * const text = new TextEncoder().encode('1.234,5');
 * const out = new Uint8Array(text.length);
 * const german = resolveTextLocale({ decimal: ',', thousands: '.' });
 * if (german.ok) localNumber(text, 0, text.length, german.value, out) // 6: out holds '1234.5'
 */
export function localNumber(bytes: Uint8Array, start: number, end: number, locale: ResolvedTextLocale, out: Uint8Array): number {
  let s = start;
  let e = end;
  while (s < e && isSpace(bytes[s])) s++;
  while (e > s && isSpace(bytes[e - 1])) e--;
  const sep = locale.thousands;
  let n = 0;
  let i = s;
  if (bytes[i] === 45 || bytes[i] === 43) out[n++] = bytes[i++] as number;
  let group = 0;
  let grouped = false;
  for (; i < e; ) {
    const c = bytes[i] as number;
    if (c >= 48 && c <= 57) {
      out[n++] = c;
      group++;
      i++;
    } else if (sep !== null && separatorAt(bytes, i, e, sep)) {
      if (group === 0 || group > 3 || (grouped && group !== 3)) return -1;
      grouped = true;
      group = 0;
      i += sep.length;
    } else break;
  }
  if (grouped && group !== 3) return -1;
  if (i < e && bytes[i] === locale.decimal) {
    out[n++] = 46;
    i++;
    while (i < e && (bytes[i] as number) >= 48 && (bytes[i] as number) <= 57) out[n++] = bytes[i++] as number;
  }
  // The rest may only be an exponent or `Infinity`: letters, signs and digits, no mark of either kind.
  for (; i < e; i++) {
    const c = bytes[i] as number;
    if (c === 46 || c === 44 || c > 127 || isSpace(c)) return -1;
    out[n++] = c;
  }
  return n;
}
