import { type ColumnType, type CompiledExpression, compileExpression, type TableSchema } from '@causeway/sdk';
import type { IssueReporter } from './check-columns';
import type { ConfigPath } from './column-ref';

/**
 * Design time: type-checks an expression against the input schema, reporting each problem (with its
 * position and suggestion) on the expression's field. With `returns`, an expression of another type
 * is reported too.
 *
 * @example
 * const where = checkExpression(config.where, inputs.table, ['where'], issue, 'boolean');
 */
export function checkExpression(
  text: string,
  schema: TableSchema,
  field: ConfigPath,
  issue: IssueReporter,
  returns?: ColumnType,
): CompiledExpression | undefined {
  const compiled = compileExpression(text, schema);
  if (!compiled.ok) {
    for (const problem of compiled.issues) issue(problem.message, field);
    return undefined;
  }
  if (returns !== undefined && compiled.value.type !== returns && compiled.value.ast.type !== 'null') {
    issue(`The expression gives ${compiled.value.type}, but ${returns} is needed.`, field);
    return undefined;
  }
  return compiled.value;
}
