import { parseNumberText } from '../table/parse-text';
import type { ExprType } from './ast';
import { andValid, type Col, numbers, texts, type Valid, validOf } from './column';
import type { Kernel } from './kernel-math';
import { checkTextSize } from './text-budget';

const msPerDay = 86_400_000;

/** How `to_string` and `concat` write a value of a given type. */
export function formatValue(value: number | boolean | string, type: ExprType): string {
  if (type === 'boolean') return value ? 'true' : 'false';
  if (type === 'date' && typeof value === 'number') {
    const iso = new Date(value).toISOString();
    return value % msPerDay === 0 ? iso.slice(0, 10) : iso;
  }
  return String(value);
}

/** Text of every row of a column of any type. */
export function toTexts(col: Col, type: ExprType, n: number): string[] {
  if (col.k === 'str' || col.k === 'dict' || type === 'string' || type === 'category') return texts(col, n);
  if (col.k === 'const') return new Array<string>(n).fill(col.v === null ? '' : formatValue(col.v, type));
  const x = numbers(col, n);
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = formatValue(type === 'boolean' ? x[i] === 1 : (x[i] as number), type);
  return out;
}

function validAll(args: Col[], n: number): Valid {
  let valid: Valid = null;
  for (const a of args) valid = andValid(valid, validOf(a, n), n);
  return valid;
}

/** Maps text arguments row by row through `f`; the result kind is string, number or boolean. */
function mapText<R extends string | number | boolean>(args: Col[], n: number, kind: 'str' | 'num' | 'bool', f: (xs: string[]) => R): Col {
  const columns = args.map((a) => texts(a, n));
  const valid = validAll(args, n);
  const row = new Array<string>(columns.length);
  const strs = kind === 'str' ? new Array<string>(n) : null;
  const nums = kind === 'num' ? new Float64Array(n) : null;
  const bools = kind === 'bool' ? new Uint8Array(n) : null;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < columns.length; j++) row[j] = (columns[j] as string[])[i] as string;
    const r = f(row);
    if (strs !== null) strs[i] = r as string;
    else if (nums !== null) nums[i] = r as number;
    else if (bools !== null) bools[i] = r ? 1 : 0;
  }
  if (strs !== null) return { k: 'str', v: strs, valid };
  if (nums !== null) return { k: 'num', v: nums, valid, tmp: true };
  return { k: 'bool', v: bools as Uint8Array, valid, tmp: true };
}

function substring(args: Col[], n: number): Col {
  const s = texts(args[0] as Col, n);
  const start = numbers(args[1] as Col, n);
  const length = args[2] === undefined ? null : numbers(args[2], n);
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    // 1-based like SQL: substring('hello', 0, 2) is 'h'.
    const from = (start[i] as number) - 1;
    const to = length === null ? Number.POSITIVE_INFINITY : from + Math.max(0, length[i] as number);
    out[i] = (s[i] as string).slice(Math.max(0, from), Math.max(0, to));
  }
  return { k: 'str', v: out, valid: validAll(args, n) };
}

function splitPart(args: Col[], n: number): Col {
  const s = texts(args[0] as Col, n);
  const separator = texts(args[1] as Col, n);
  const part = numbers(args[2] as Col, n);
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    // As in PostgreSQL: 1-based, negative counts from the end, out of range gives ''.
    const pieces = separator[i] === '' ? [s[i] as string] : (s[i] as string).split(separator[i] as string);
    const index = (part[i] as number) > 0 ? (part[i] as number) - 1 : pieces.length + (part[i] as number);
    out[i] = pieces[index] ?? '';
  }
  return { k: 'str', v: out, valid: validAll(args, n) };
}

function toNumber(args: Col[], n: number, types: ExprType[]): Col {
  const a = args[0] as Col;
  const type = types[0] ?? 'string';
  if (type !== 'string' && type !== 'category' && a.k !== 'str' && a.k !== 'dict') {
    const x = numbers(a, n);
    return { k: 'num', v: Float64Array.from(x), valid: validOf(a, n), tmp: true };
  }
  const s = toTexts(a, type, n);
  const out = new Float64Array(n);
  const present = validOf(a, n);
  const valid = present === null ? new Uint8Array(n).fill(1) : present.slice();
  for (let i = 0; i < n; i++) {
    const text = (s[i] as string).trim();
    // Decimal notation only, the grammar of the CSV reader and transform.cast: Number() would take 0x10.
    const value = parseNumberText(text);
    out[i] = value;
    if (!Number.isFinite(value)) valid[i] = 0;
  }
  return { k: 'num', v: out, valid, tmp: true };
}

/** `replace(s, from, to)` for every row, its result size counted before any of it is built. */
function replace(args: Col[], n: number): Col {
  const s = texts(args[0] as Col, n);
  const from = texts(args[1] as Col, n);
  const to = texts(args[2] as Col, n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const text = s[i] as string;
    const find = from[i] as string;
    let count = 0;
    if (find !== '') for (let at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + find.length)) count++;
    total += text.length + count * ((to[i] as string).length - find.length);
  }
  checkTextSize('replace', total);
  return mapText(args, n, 'str', ([text, find, by]) => (find === '' ? (text as string) : (text as string).split(find as string).join(by)));
}

/** `concat` of every row, its result size counted before any of it is built. */
function concat(args: Col[], n: number, types: ExprType[]): Col {
  const parts = args.map((c, i) =>
    c.k === 'str' || c.k === 'dict' ? c : { k: 'str' as const, v: toTexts(c, types[i] ?? 'string', n), valid: validOf(c, n) },
  );
  let total = 0;
  for (const part of parts) for (const text of texts(part, n)) total += text.length;
  checkTextSize('concat', total);
  return mapText(parts, n, 'str', (xs) => xs.join(''));
}

/** The string and conversion kernels, by function name. */
export const textKernels = new Map<string, Kernel>([
  ['lower', (a, n) => mapText(a, n, 'str', ([s]) => (s as string).toLowerCase())],
  ['upper', (a, n) => mapText(a, n, 'str', ([s]) => (s as string).toUpperCase())],
  ['trim', (a, n) => mapText(a, n, 'str', ([s]) => (s as string).trim())],
  ['length', (a, n) => mapText(a, n, 'num', ([s]) => (s as string).length)],
  ['contains', (a, n) => mapText(a, n, 'bool', ([s, p]) => (s as string).includes(p as string))],
  ['starts_with', (a, n) => mapText(a, n, 'bool', ([s, p]) => (s as string).startsWith(p as string))],
  ['ends_with', (a, n) => mapText(a, n, 'bool', ([s, p]) => (s as string).endsWith(p as string))],
  ['replace', replace],
  ['substring', substring],
  ['split_part', splitPart],
  ['concat', concat],
  ['to_string', (a, n, types) => ({ k: 'str', v: toTexts(a[0] as Col, types[0] ?? 'string', n), valid: validOf(a[0] as Col, n) })],
  ['to_number', toNumber],
]);
