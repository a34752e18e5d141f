import type { Table, Vector } from 'apache-arrow';
import { columnTypeOf } from '../ports';
import type { ExprType } from './ast';
import type { Col } from './column';
import type { CompiledExpression } from './compiled-expression';
import { evaluateNode } from './evaluate-node';
import { readColumn } from './read-column';
import { toVector } from './to-vector';

/** Evaluates the expression over every row of a table, reading each column once. */
export function evaluateColumns(compiled: CompiledExpression, table: Table): Col {
  const n = table.numRows;
  const cache = new Map<string, Col>();
  const column = (name: string, type: ExprType): Col => {
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    const vector = table.getChild(name);
    const col = readColumn(name, vector, type, vector === null ? type : columnTypeOf(vector.type));
    cache.set(name, col);
    return col;
  };
  return evaluateNode(compiled.ast, { n, column });
}

/**
 * Evaluates a compiled expression over a table, column-at-a-time over the typed arrays. Returns one
 * Arrow vector of `numRows` values (one chunk). Throws a UserError (SCHEMA_INVALID) when the table
 * lacks a column the expression reads or has it with another type.
 *
 * @example
 * const r = compileExpression('monthly * 12', tableSchemaOf(table));
 * if (r.ok) evaluateExpression(r.value, table).toArray() // Float64Array
 */
export function evaluateExpression(compiled: CompiledExpression, table: Table): Vector {
  const ast = compiled.ast;
  // A bare column is returned as it is, without a copy, when it is already one chunk.
  if (ast.kind === 'column') {
    const vector = table.getChild(ast.name);
    if (vector !== null && vector.data.length === 1 && columnTypeOf(vector.type) === compiled.type) return vector;
  }
  return toVector(evaluateColumns(compiled, table), compiled.type, table.numRows);
}
