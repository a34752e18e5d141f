import { type ColumnType, type CompiledExpression, compileExpression, tableSchemaOf, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import type { ConfigPath } from './column-ref';

/**
 * Run time: compiles an expression against the table it will run over, failing with
 * EXPRESSION_INVALID and the issues placed on the expression's config field (also when it does not
 * give the `returns` type).
 *
 * @example
 * const where = compileForTable(config.where, inputs.table, ['where']);
 */
export function compileForTable(text: string, table: Table, field: ConfigPath, returns?: ColumnType): CompiledExpression {
  const compiled = compileExpression(text, tableSchemaOf(table));
  if (compiled.ok && (returns === undefined || compiled.value.type === returns || compiled.value.ast.type === 'null')) {
    return compiled.value;
  }
  const problems = compiled.ok ? [{ message: `The expression gives ${compiled.value.type}, but ${returns} is needed.` }] : compiled.issues;
  const issues = problems.map((issue) => ({ code: 'EXPRESSION_INVALID' as const, path: ['config', ...field], message: issue.message }));
  throw new UserError('EXPRESSION_INVALID', issues.map((issue) => issue.message).join('; '), { issues });
}
