import type { ComparisonOp } from './ast';
import { andValid, type Col, type ConstValue, type NumArray, numbers, texts } from './column';
import { perDictionary } from './dictionary-cache';
import { scratchU8 } from './scratch';

const flipped: Record<ComparisonOp, ComparisonOp> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** Compares two present values of one kind (booleans as 0/1). The scalar twin of {@link compare}. */
export function compareValues(op: ComparisonOp, x: number | string | boolean, y: number | string | boolean): boolean {
  const a = typeof x === 'boolean' ? Number(x) : x;
  const b = typeof y === 'boolean' ? Number(y) : y;
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

// Branch-free (+bool): random data would otherwise mispredict half the rows.
function numberVsScalar(op: ComparisonOp, x: NumArray, y: number, out: Uint8Array, n: number): void {
  switch (op) {
    case '=':
      for (let i = 0; i < n; i++) out[i] = +(x[i] === y);
      return;
    case '!=':
      for (let i = 0; i < n; i++) out[i] = +(x[i] !== y);
      return;
    case '<':
      for (let i = 0; i < n; i++) out[i] = +((x[i] as number) < y);
      return;
    case '<=':
      for (let i = 0; i < n; i++) out[i] = +((x[i] as number) <= y);
      return;
    case '>':
      for (let i = 0; i < n; i++) out[i] = +((x[i] as number) > y);
      return;
    case '>=':
      for (let i = 0; i < n; i++) out[i] = +((x[i] as number) >= y);
      return;
  }
}

function numberVsNumber(op: ComparisonOp, x: NumArray, y: NumArray, out: Uint8Array, n: number): void {
  switch (op) {
    case '=':
      for (let i = 0; i < n; i++) out[i] = +(x[i] === y[i]);
      return;
    case '!=':
      for (let i = 0; i < n; i++) out[i] = +(x[i] !== y[i]);
      return;
    case '<':
      for (let i = 0; i < n; i++) out[i] = +((x[i] as number) < (y[i] as number));
      return;
    case '<=':
      for (let i = 0; i < n; i++) out[i] = +((x[i] as number) <= (y[i] as number));
      return;
    case '>':
      for (let i = 0; i < n; i++) out[i] = +((x[i] as number) > (y[i] as number));
      return;
    case '>=':
      for (let i = 0; i < n; i++) out[i] = +((x[i] as number) >= (y[i] as number));
      return;
  }
}

/**
 * `a op b` over whole columns, giving a boolean column; null where either side is null. A category
 * against a string literal compares once per dictionary entry, then looks the answer up by code.
 */
export function compare(op: ComparisonOp, a: Col, b: Col, n: number): Col {
  if (a.k === 'const' && b.k === 'const') {
    return { k: 'const', v: a.v === null || b.v === null ? null : compareValues(op, a.v, b.v) };
  }
  if (a.k === 'const') return compare(flipped[op], b, a, n);
  if (b.k === 'const' && b.v === null) return { k: 'const', v: null };
  const out = scratchU8(n);
  const valid = andValid(a.valid, b.k === 'const' ? null : b.valid, n);
  const lit: ConstValue = b.k === 'const' ? b.v : null;
  if (a.k === 'dict' && typeof lit === 'string') {
    const dict = a.dict;
    const lut = perDictionary(dict, `${op}\u0000${lit}`, () => Uint8Array.from(dict, (s) => (compareValues(op, s, lit) ? 1 : 0)));
    const codes = a.codes;
    for (let i = 0; i < n; i++) out[i] = lut[codes[i] as number] as number;
  } else if (a.k === 'dict' || a.k === 'str') {
    const x = texts(a, n);
    if (typeof lit === 'string') for (let i = 0; i < n; i++) out[i] = compareValues(op, x[i] as string, lit) ? 1 : 0;
    else {
      const y = texts(b, n);
      for (let i = 0; i < n; i++) out[i] = compareValues(op, x[i] as string, y[i] as string) ? 1 : 0;
    }
  } else if (b.k === 'const') {
    numberVsScalar(op, numbers(a, n), Number(lit), out, n);
  } else {
    numberVsNumber(op, numbers(a, n), numbers(b, n), out, n);
  }
  return { k: 'bool', v: out, valid, tmp: true };
}
