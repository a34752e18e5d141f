import type { ArithmeticOp } from './ast';
import { andValid, type Col, type NumArray, numbers, type Valid } from './column';
import { scratchF64 } from './scratch';

/** One arithmetic step on plain numbers; null for division by zero. The scalar twin of {@link arithmetic}. */
export function arithmeticScalar(op: ArithmeticOp, x: number, y: number): number | null {
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? null : x / y;
    case '%':
      return y === 0 ? null : x % y;
  }
}

function output(a: Col, b: Col, n: number, dest: Float64Array | undefined): Float64Array {
  if (dest !== undefined) return dest;
  if (a.k === 'num' && a.tmp && a.v instanceof Float64Array) return a.v;
  if (b.k === 'num' && b.tmp && b.v instanceof Float64Array) return b.v;
  return scratchF64(n);
}

function loopArrays(op: ArithmeticOp, x: NumArray, y: NumArray, out: Float64Array, n: number): void {
  switch (op) {
    case '+':
      for (let i = 0; i < n; i++) out[i] = (x[i] as number) + (y[i] as number);
      return;
    case '-':
      for (let i = 0; i < n; i++) out[i] = (x[i] as number) - (y[i] as number);
      return;
    case '*':
      for (let i = 0; i < n; i++) out[i] = (x[i] as number) * (y[i] as number);
      return;
    case '/':
      for (let i = 0; i < n; i++) out[i] = (x[i] as number) / (y[i] as number);
      return;
    case '%':
      for (let i = 0; i < n; i++) out[i] = (x[i] as number) % (y[i] as number);
      return;
  }
}

function loopScalar(op: ArithmeticOp, x: NumArray, y: number, out: Float64Array, n: number): void {
  switch (op) {
    case '+':
      for (let i = 0; i < n; i++) out[i] = (x[i] as number) + y;
      return;
    case '-':
      for (let i = 0; i < n; i++) out[i] = (x[i] as number) - y;
      return;
    case '*':
      for (let i = 0; i < n; i++) out[i] = (x[i] as number) * y;
      return;
    case '/':
      for (let i = 0; i < n; i++) out[i] = (x[i] as number) / y;
      return;
    case '%':
      for (let i = 0; i < n; i++) out[i] = (x[i] as number) % y;
      return;
  }
}

// Rows divided by zero become null, as in SQL engines that do not raise.
function nullWhereZero(divisor: NumArray, valid: Valid, n: number): Valid {
  let out: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (divisor[i] === 0) {
      out ??= valid === null ? new Uint8Array(n).fill(1) : valid.slice();
      out[i] = 0;
    }
  }
  return out ?? valid;
}

/**
 * `a op b` over whole columns: float64 out (integers stay exact up to 2^53), nulls propagate.
 * Writes into `dest` when given (the final output), else reuses a temporary input buffer.
 */
export function arithmetic(op: ArithmeticOp, a: Col, b: Col, n: number, dest?: Float64Array): Col {
  if (a.k === 'const' && b.k === 'const') {
    return { k: 'const', v: a.v === null || b.v === null ? null : arithmeticScalar(op, Number(a.v), Number(b.v)) };
  }
  if ((a.k === 'const' && a.v === null) || (b.k === 'const' && b.v === null)) return { k: 'const', v: null };
  const divides = op === '/' || op === '%';
  if (b.k === 'const') {
    const y = Number(b.v);
    if (divides && y === 0) return { k: 'const', v: null };
    const x = numbers(a, n);
    const out = output(a, b, n, dest);
    loopScalar(op, x, y, out, n);
    return { k: 'num', v: out, valid: a.k === 'const' ? null : a.valid, tmp: true };
  }
  const x = a.k === 'const' && (op === '+' || op === '*') ? null : numbers(a, n);
  const y = numbers(b, n);
  let valid = andValid(a.k === 'const' ? null : a.valid, b.valid, n);
  // Before the loop: the result may overwrite the divisor's buffer.
  if (divides) valid = nullWhereZero(y, valid, n);
  const out = output(a, b, n, dest);
  if (x === null) loopScalar(op, y, Number(a.k === 'const' ? a.v : 0), out, n);
  else loopArrays(op, x, y, out, n);
  return { k: 'num', v: out, valid, tmp: true };
}

/**
 * `x * c + y` or `x * c - y` in one loop: the scaled sums derived columns are often made of.
 * Exactly the two-step result (IEEE multiplication and addition, rounded once each).
 */
export function scaledSum(x: NumArray, c: number, y: NumArray, subtract: boolean, valid: Valid, n: number, dest?: Float64Array): Col {
  const out = dest ?? scratchF64(n);
  if (subtract) for (let i = 0; i < n; i++) out[i] = (x[i] as number) * c - (y[i] as number);
  else for (let i = 0; i < n; i++) out[i] = (x[i] as number) * c + (y[i] as number);
  return { k: 'num', v: out, valid, tmp: true };
}
