import type { Result } from '../errors';
import type { ExprType } from './ast';
import type { Col } from './column';
import type { CompiledExpression } from './compiled-expression';
import { evaluateNode, valueAt } from './evaluate-node';
import { parseDateLiteral } from './types';

/**
 * A value a gate expression reads or returns (dates are epoch milliseconds).
 *
 * @example
 * const values: ScalarValue[] = [1.5, 'red', true, null];
 */
export type ScalarValue = number | string | boolean | null;

function toCol(value: ScalarValue, type: ExprType): Col | string {
  if (value === null) return { k: 'const', v: null };
  if (type === 'number' || type === 'integer') {
    if (typeof value !== 'number') return 'a number';
    if (type === 'integer' && !Number.isInteger(value)) return 'an integer';
    return { k: 'num', v: Float64Array.of(value), valid: null, tmp: false };
  }
  if (type === 'boolean')
    return typeof value === 'boolean' ? { k: 'bool', v: Uint8Array.of(value ? 1 : 0), valid: null, tmp: false } : 'a boolean';
  if (type === 'date') {
    const ms = typeof value === 'number' ? value : typeof value === 'string' ? parseDateLiteral(value) : undefined;
    return ms === undefined ? 'a date' : { k: 'num', v: Float64Array.of(ms), valid: null, tmp: false };
  }
  return typeof value === 'string' ? { k: 'str', v: [value], valid: null } : 'a string';
}

/**
 * Evaluates an expression from {@link compileScalarExpression} over named values, e.g. a model
 * gate over metrics. A missing value reads as null; a value of the wrong type is an issue.
 *
 * @example
 * const r = compileScalarExpression('auc >= 0.85 and auc >= baseline.auc - 0.01', { auc: 'number', 'baseline.auc': 'number' });
 * if (r.ok) evaluateScalar(r.value, { auc: 0.9, 'baseline.auc': 0.88 }) // { ok: true, value: true }
 */
export function evaluateScalar(compiled: CompiledExpression, values: Readonly<Record<string, ScalarValue>>): Result<ScalarValue> {
  let problem: string | undefined;
  const column = (name: string, type: ExprType): Col => {
    const value = Object.hasOwn(values, name) ? values[name] : null;
    const col = toCol(value ?? null, type);
    if (typeof col !== 'string') return col;
    problem ??= `value '${name}' must be ${col}, got ${JSON.stringify(value)?.slice(0, 40)}`;
    return { k: 'const', v: null };
  };
  const result = evaluateNode(compiled.ast, { n: 1, column });
  if (problem !== undefined) return { ok: false, issues: [{ code: 'EXPRESSION_INVALID', path: [], message: problem }] };
  return { ok: true, value: valueAt(result, 0, compiled.ast.type) };
}
