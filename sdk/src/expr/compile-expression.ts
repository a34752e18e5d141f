import type { Result } from '../errors';
import type { ColumnType, TableSchema } from '../ports';
import type { TypeInfo } from './ast';
import type { CompiledExpression } from './compiled-expression';
import { parseExpression } from './parser';
import { type NameScope, typeCheck } from './type-check';

/** Expressions compiled lately, by text and scope: a graph checked again, or many alike, compile each once. */
const recent = new Map<string, CompiledExpression>();
const recentLimit = 512;

function compile(text: string, scope: NameScope): Result<CompiledExpression> {
  if (typeof text !== 'string') {
    return { ok: false, issues: [{ code: 'EXPRESSION_INVALID', path: [], message: 'expression must be text' }] };
  }
  const key = JSON.stringify([scope.noun, text, ...scope.names]);
  const known = recent.get(key);
  if (known !== undefined) return { ok: true, value: known };
  const compiled = compileUncached(text, scope);
  if (compiled.ok) {
    // The oldest entry goes first: a Map iterates in insertion order.
    if (recent.size >= recentLimit) recent.delete(recent.keys().next().value as string);
    recent.set(key, compiled.value);
  }
  return compiled;
}

function compileUncached(text: string, scope: NameScope): Result<CompiledExpression> {
  const parsed = parseExpression(text);
  if (!parsed.ok) return parsed;
  const checked = typeCheck(parsed.value, scope);
  if (!checked.ok) return checked;
  const { expr, names } = checked.value;
  // A bare `null` has no type of its own; it reads as a number that is always null.
  const type: ColumnType = expr.type === 'null' ? 'number' : expr.type;
  return { ok: true, value: { text, type, nullable: expr.nullable, columns: names, ast: expr } };
}

/**
 * Parses and type-checks an expression against a table schema. Never throws: syntax and type
 * errors come back as EXPRESSION_INVALID issues with their position and a suggestion.
 *
 * @example
 * const r = compileExpression('age > 30 and country == "NL"', schema);
 * if (!r.ok) r.issues[0].message // e.g. "unknown column 'agee' at column 1 — did you mean 'age'?"
 */
export function compileExpression(text: string, schema: TableSchema): Result<CompiledExpression> {
  const names = new Map<string, TypeInfo>();
  for (const column of schema.columns) names.set(column.name, { type: column.type, nullable: column.nullable });
  return compile(text, { noun: 'column', names });
}

/**
 * Compiles an expression over named scalar values (gates): dotted names such as `baseline.auc`
 * are plain keys. Every value is taken as possibly null.
 *
 * @example
 * compileScalarExpression('auc >= 0.85 and auc >= baseline.auc - 0.01', { auc: 'number', 'baseline.auc': 'number' })
 */
export function compileScalarExpression(text: string, types: Record<string, ColumnType>): Result<CompiledExpression> {
  const names = new Map<string, TypeInfo>();
  for (const [name, type] of Object.entries(types)) names.set(name, { type, nullable: true });
  return compile(text, { noun: 'value', names });
}
