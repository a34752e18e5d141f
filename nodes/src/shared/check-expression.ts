import { type ColumnType, type CompiledExpression, compileExpression, parseExpression, type TableSchema } from '@causeway/sdk';
import type { IssueReporter } from './check-columns';
import type { ConfigPath } from './column-ref';

/**
 * Design time: type-checks an expression against the input schema, reporting each problem (with its
 * position and suggestion) on the expression's field as EXPRESSION_INVALID. With `returns`, an
 * expression of another type is reported too. Without a schema only the syntax is checked (and
 * nothing is returned), so `temp_max >` is caught before the input's columns are known.
 *
 * @example
 * const where = checkExpression(config.where, inputs.table, ['where'], issue, 'boolean');
 */
export function checkExpression(
  text: string,
  schema: TableSchema | undefined,
  field: ConfigPath,
  issue: IssueReporter,
  returns?: ColumnType,
): CompiledExpression | undefined {
  if (schema === undefined) {
    const parsed = parseExpression(text);
    if (!parsed.ok) for (const problem of parsed.issues) issue(problem.message, field, 'EXPRESSION_INVALID');
    return undefined;
  }
  const compiled = compileExpression(text, schema);
  if (!compiled.ok) {
    for (const problem of compiled.issues) issue(problem.message, field, 'EXPRESSION_INVALID');
    return undefined;
  }
  if (returns !== undefined && compiled.value.type !== returns && compiled.value.ast.type !== 'null') {
    issue(`The expression gives ${compiled.value.type}, but ${returns} is needed.`, field, 'EXPRESSION_INVALID');
    return undefined;
  }
  return compiled.value;
}
