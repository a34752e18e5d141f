import type { Col, Valid } from './column';
import { scratchU8 } from './scratch';

type BoolCol = Extract<Col, { k: 'bool' }>;

/** A boolean column (constants broadcast). */
export function asBool(col: Col, n: number): BoolCol {
  if (col.k === 'bool') return col;
  if (col.k === 'const') {
    if (col.v === null) return { k: 'bool', v: new Uint8Array(n), valid: new Uint8Array(n), tmp: true };
    return { k: 'bool', v: new Uint8Array(n).fill(col.v ? 1 : 0), valid: null, tmp: true };
  }
  throw new Error('not a boolean column');
}

/** 1 where the value is true, 0 where false or null: how filters and `if` read a condition. */
export function truthMask(col: Col, n: number): Uint8Array {
  if (col.k === 'const') return new Uint8Array(n).fill(col.v === true ? 1 : 0);
  const b = asBool(col, n);
  if (b.valid === null) return b.tmp ? b.v : b.v.slice();
  const out = b.tmp ? b.v : scratchU8(n);
  const { v, valid } = b;
  for (let i = 0; i < n; i++) out[i] = (v[i] as number) & (valid[i] as number);
  return out;
}

/** `not a` (null stays null). */
export function not(a: Col, n: number): Col {
  if (a.k === 'const') return { k: 'const', v: a.v === null ? null : !a.v };
  const b = asBool(a, n);
  const out = b.tmp ? b.v : scratchU8(n);
  const v = b.v;
  for (let i = 0; i < n; i++) out[i] = (v[i] as number) ^ 1;
  return { k: 'bool', v: out, valid: b.valid, tmp: true };
}

/** SQL three-valued `and` / `or`: false and null = false, true or null = true, otherwise null wins. */
export function logical(op: 'and' | 'or', a: Col, b: Col, n: number): Col {
  if (a.k === 'const' && b.k === 'const') {
    const x = a.v as boolean | null;
    const y = b.v as boolean | null;
    if (op === 'and') return { k: 'const', v: x === false || y === false ? false : x === null || y === null ? null : true };
    return { k: 'const', v: x === true || y === true ? true : x === null || y === null ? null : false };
  }
  const l = asBool(a, n);
  const r = asBool(b, n);
  const out = l.tmp ? l.v : r.tmp ? r.v : scratchU8(n);
  const x = l.v;
  const y = r.v;
  if (l.valid === null && r.valid === null) {
    if (op === 'and') for (let i = 0; i < n; i++) out[i] = (x[i] as number) & (y[i] as number);
    else for (let i = 0; i < n; i++) out[i] = (x[i] as number) | (y[i] as number);
    return { k: 'bool', v: out, valid: null, tmp: true };
  }
  const vx = l.valid;
  const vy = r.valid;
  const valid = scratchU8(n);
  // The decisive value (false for and, true for or) wins over null.
  const decisive = op === 'and' ? 0 : 1;
  for (let i = 0; i < n; i++) {
    const px = vx === null ? 1 : (vx[i] as number);
    const py = vy === null ? 1 : (vy[i] as number);
    const xi = x[i] as number;
    const yi = y[i] as number;
    if ((px && xi === decisive) || (py && yi === decisive)) {
      out[i] = decisive;
      valid[i] = 1;
    } else if (px && py) {
      out[i] = decisive ^ 1;
      valid[i] = 1;
    } else {
      out[i] = 0;
      valid[i] = 0;
    }
  }
  return { k: 'bool', v: out, valid, tmp: true };
}

/** `a is null` / `a is not null`: never null itself. */
export function isNull(valid: Valid | 'const-null' | 'const-value', negated: boolean, n: number): Col {
  if (valid === 'const-null') return { k: 'const', v: !negated };
  if (valid === 'const-value' || valid === null) return { k: 'const', v: negated };
  const out = new Uint8Array(n);
  const flip = negated ? 0 : 1;
  for (let i = 0; i < n; i++) out[i] = (valid[i] as number) ^ flip;
  return { k: 'bool', v: out, valid: null, tmp: true };
}
