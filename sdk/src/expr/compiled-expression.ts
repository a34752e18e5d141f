import type { ColumnType } from '../ports';
import type { TypedExpr } from './ast';

/**
 * A parsed and type-checked expression, ready to evaluate against tables of the schema it was
 * compiled for. `columns` lists the names it reads, in first-use order.
 *
 * @example
 * const r = compileExpression('income / 12', schema);
 * if (r.ok) console.log(r.value.type, r.value.columns); // 'number' ['income']
 */
export interface CompiledExpression {
  text: string;
  type: ColumnType;
  nullable: boolean;
  columns: string[];
  ast: TypedExpr;
}
