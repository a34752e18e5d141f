import type { ExprType } from './ast';
import { type Col, numbers, texts, type Valid, validOf } from './column';

function pickValid(mask: Uint8Array, a: Valid, b: Valid, n: number): Valid {
  if (a === null && b === null) return null;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = mask[i] ? (a === null ? 1 : (a[i] as number)) : b === null ? 1 : (b[i] as number);
  return out;
}

/**
 * Row by row `mask ? a : b` over whole columns, with the result in the representation of `type`.
 * Used by `if`, `case` and `coalesce`.
 */
export function select(mask: Uint8Array, a: Col, b: Col, type: ExprType, n: number): Col {
  if (type === 'null') return { k: 'const', v: null };
  const valid = pickValid(mask, validOf(a, n), validOf(b, n), n);
  if (type === 'string' || type === 'category') {
    const x = texts(a, n);
    const y = texts(b, n);
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = mask[i] ? (x[i] as string) : (y[i] as string);
    return { k: 'str', v: out, valid };
  }
  const x = numbers(a, n);
  const y = numbers(b, n);
  if (type === 'boolean') {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = mask[i] ? (x[i] as number) : (y[i] as number);
    return { k: 'bool', v: out, valid, tmp: true };
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = mask[i] ? (x[i] as number) : (y[i] as number);
  return { k: 'num', v: out, valid, tmp: true };
}
