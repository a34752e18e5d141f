import type { ComparisonOp, TypedExpr } from './ast';
import type { Col, NumArray } from './column';
import { perDictionary } from './dictionary-cache';
import { compareValues } from './kernel-compare';
import { scratchU8 } from './scratch';

/** One `column op literal` term of a conjunction, ready for a fused loop. */
export type Term = { k: 'range'; x: NumArray; lo: number; hi: number } | { k: 'lut'; codes: NumArray; lut: Uint8Array; code: number };

const flipped: Record<ComparisonOp, ComparisonOp> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** The smallest double above x. */
function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Number.POSITIVE_INFINITY) return x;
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  i64[0] = (i64[0] as bigint) + (x > 0 ? 1n : -1n);
  return f64[0] as number;
}

function literalOf(node: TypedExpr): number | string | boolean | undefined {
  if (node.kind === 'literal') return node.value ?? undefined;
  if (node.kind === 'negate' && node.operand.kind === 'literal' && typeof node.operand.value === 'number') return -node.operand.value;
  return undefined;
}

/** `column op literal` (either way round) as its parts, or undefined when the node is not of that shape. */
export function simpleComparison(
  node: TypedExpr,
): { name: string; type: TypedExpr['type']; op: ComparisonOp; value: number | string | boolean } | undefined {
  if (node.kind !== 'binary' || node.op === '!=' || !['=', '<', '<=', '>', '>='].includes(node.op)) return undefined;
  const op = node.op as ComparisonOp;
  const right = literalOf(node.right);
  if (node.left.kind === 'column' && right !== undefined) return { name: node.left.name, type: node.left.type, op, value: right };
  const left = literalOf(node.left);
  if (node.right.kind === 'column' && left !== undefined)
    return { name: node.right.name, type: node.right.type, op: flipped[op], value: left };
  return undefined;
}

/** A fusable term for a block column without nulls, or undefined. */
export function termOf(col: Col, op: ComparisonOp, value: number | string | boolean): Term | undefined {
  if (col.k !== 'const' && col.valid !== null) return undefined;
  if (col.k === 'dict' && typeof value === 'string') {
    const dict = col.dict;
    const lut = perDictionary(dict, `${op}\u0000${value}`, () => Uint8Array.from(dict, (s) => (compareValues(op, s, value) ? 1 : 0)));
    // When exactly one entry matches (equality with a value in the dictionary), compare codes directly.
    const code = perDictionary(dict, lut, () => (lut.indexOf(1) === lut.lastIndexOf(1) ? lut.indexOf(1) : -1));
    return { k: 'lut', codes: col.codes, lut, code };
  }
  if ((col.k === 'num' || col.k === 'bool') && typeof value !== 'string') {
    const c = Number(value);
    // x op c as lo <= x <= hi: one form for every operator, NaN never inside.
    const [lo, hi] =
      op === '=' ? [c, c] : op === '<' ? [-inf, -nextUp(-c)] : op === '<=' ? [-inf, c] : op === '>' ? [nextUp(c), inf] : [c, inf];
    const empty = (op === '>' && c === inf) || (op === '<' && c === -inf);
    return { k: 'range', x: col.v, lo: empty ? inf : lo, hi: empty ? -inf : hi };
  }
  return undefined;
}

const inf = Number.POSITIVE_INFINITY;

// One-sided ranges (x > c, x <= c) take one comparison, as a hand-written loop would.
function first(t: Term, out: Uint8Array, n: number): void {
  if (t.k === 'lut') {
    const { codes, lut } = t;
    for (let i = 0; i < n; i++) out[i] = lut[codes[i] as number] as number;
    return;
  }
  const { x, lo, hi } = t;
  if (hi === inf) for (let i = 0; i < n; i++) out[i] = +((x[i] as number) >= lo);
  else if (lo === -inf) for (let i = 0; i < n; i++) out[i] = +((x[i] as number) <= hi);
  else for (let i = 0; i < n; i++) out[i] = +((x[i] as number) >= lo) & +((x[i] as number) <= hi);
}

function lutAndRange(a: Extract<Term, { k: 'lut' }>, b: Extract<Term, { k: 'range' }>, out: Uint8Array, n: number): void {
  const { codes, lut, code } = a;
  const { x, lo, hi } = b;
  if (code >= 0 && hi === inf) {
    for (let i = 0; i < n; i++) out[i] = +(codes[i] === code) & +((x[i] as number) >= lo);
    return;
  }
  if (hi === inf) for (let i = 0; i < n; i++) out[i] = (lut[codes[i] as number] as number) & +((x[i] as number) >= lo);
  else if (lo === -inf) for (let i = 0; i < n; i++) out[i] = (lut[codes[i] as number] as number) & +((x[i] as number) <= hi);
  else for (let i = 0; i < n; i++) out[i] = (lut[codes[i] as number] as number) & +((x[i] as number) >= lo) & +((x[i] as number) <= hi);
}

function pair(a: Term, b: Term, out: Uint8Array, n: number): void {
  if (a.k === 'lut' && b.k === 'range') lutAndRange(a, b, out, n);
  else if (a.k === 'range' && b.k === 'lut') lutAndRange(b, a, out, n);
  else if (a.k === 'lut' && b.k === 'lut') {
    const [ca, la, cb, lb] = [a.codes, a.lut, b.codes, b.lut];
    for (let i = 0; i < n; i++) out[i] = (la[ca[i] as number] as number) & (lb[cb[i] as number] as number);
  } else {
    first(a, out, n);
    andInto(b, out, n);
  }
}

function andInto(t: Term, out: Uint8Array, n: number): void {
  if (t.k === 'lut') {
    const { codes, lut } = t;
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) & (lut[codes[i] as number] as number);
  } else {
    const { x, lo, hi } = t;
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) & +((x[i] as number) >= lo) & +((x[i] as number) <= hi);
  }
}

/**
 * The conjunction of null-free `column op literal` terms in one or few passes: the first two terms
 * in a single fused loop, each further term and-ed in place.
 */
export function conjunction(terms: Term[], n: number, dest?: Uint8Array): Col {
  const out = dest ?? scratchU8(n);
  const [a, b] = terms;
  if (a === undefined) return { k: 'const', v: true };
  if (b === undefined) first(a, out, n);
  else pair(a, b, out, n);
  for (let t = 2; t < terms.length; t++) andInto(terms[t] as Term, out, n);
  return { k: 'bool', v: out, valid: null, tmp: true };
}
