import type { Table, Vector } from 'apache-arrow';
import { columnTypeOf } from '../ports';
import { collectBlocks } from './collect-blocks';
import type { CompiledExpression } from './compiled-expression';
import { columnReader, evaluateBlocks } from './evaluate-blocks';
import { withTextLimit } from './text-budget';
import { toVector } from './to-vector';

/**
 * Evaluates a compiled expression over a table, column-at-a-time over the typed arrays. Returns one
 * Arrow vector of `numRows` values (one chunk). Throws a UserError (SCHEMA_INVALID) when the table
 * lacks a column the expression reads or has it with another type, and INPUT_LIMIT when a text
 * function would build more than `options.maxTextChars` characters for a block of rows.
 *
 * @example
 * const r = compileExpression('monthly * 12', tableSchemaOf(table));
 * if (r.ok) evaluateExpression(r.value, table).toArray() // Float64Array
 */
export function evaluateExpression(compiled: CompiledExpression, table: Table, options: { maxTextChars?: number } = {}): Vector {
  const ast = compiled.ast;
  const n = table.numRows;
  if (ast.kind === 'column') {
    const vector = table.getChild(ast.name);
    // A bare column is returned as it is, without a copy, when it is already one chunk.
    if (vector !== null && vector.data.length === 1 && columnTypeOf(vector.type) === compiled.type) return vector;
    return toVector(columnReader(table)(ast.name, ast.type), compiled.type, n);
  }
  const out = collectBlocks(ast.type, n);
  withTextLimit(options.maxTextChars, () => evaluateBlocks(compiled, table, out.add, out.destination));
  return toVector(out.finish(), compiled.type, n);
}
