import { type ColumnType, type CompiledExpression, compileExpression, tableSchemaOf, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import type { ConfigPath } from './column-ref';

const maxCompiled = 512;
const compiledByShape = new Map<string, CompiledExpression>();

/**
 * Run time: compiles an expression against the table it will run over, failing with
 * EXPRESSION_INVALID and the issues placed on the expression's config field (also when it does not
 * give the `returns` type).
 *
 * @example
 * const where = compileForTable(config.where, inputs.table, ['where']);
 */
export function compileForTable(text: string, table: Table, field: ConfigPath, returns?: ColumnType): CompiledExpression {
  // A served model runs the same expressions over same-shaped one-request tables: compile once per shape.
  let key = `${returns ?? ''}\u0000${text}`;
  for (const f of table.schema.fields) key += `\u0000${f.name}\u0001${f.type.typeId}\u0001${f.type.toString()}\u0001${f.nullable}`;
  const cached = compiledByShape.get(key);
  if (cached !== undefined) return cached;
  const compiled = compileExpression(text, tableSchemaOf(table));
  if (compiled.ok && (returns === undefined || compiled.value.type === returns || compiled.value.ast.type === 'null')) {
    if (compiledByShape.size >= maxCompiled) compiledByShape.clear();
    compiledByShape.set(key, compiled.value);
    return compiled.value;
  }
  const problems = compiled.ok ? [{ message: `The expression gives ${compiled.value.type}, but ${returns} is needed.` }] : compiled.issues;
  const issues = problems.map((issue) => ({ code: 'EXPRESSION_INVALID' as const, path: ['config', ...field], message: issue.message }));
  throw new UserError('EXPRESSION_INVALID', issues.map((issue) => issue.message).join('; '), { issues });
}
