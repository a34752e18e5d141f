import type { ColumnType } from '../ports';

/**
 * Where a piece of expression text sits: 0-based offset and length, 1-based line and column.
 *
 * @example
 * const span: Span = { offset: 4, length: 3 }; // the text `age` in `1 + age`
 */
export interface Span {
  offset: number;
  length: number;
  line: number;
  column: number;
}

/**
 * The type of an expression value: a column type, or `null` for a bare `null` literal.
 *
 * @example
 * const type: ExprType = 'number';
 */
export type ExprType = ColumnType | 'null';

/** A literal value as written in the text (dates are epoch milliseconds). */
export type LiteralValue = number | string | boolean | null;

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';
export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type BinaryOp = ArithmeticOp | ComparisonOp;

/**
 * The expression tree. `Extra` is what a later pass adds to every node: nothing after parsing,
 * `{ type, nullable }` after type checking ({@link TypedExpr}).
 */
export type ExprNode<Extra = unknown> = Extra &
  (
    | { kind: 'literal'; value: LiteralValue; integer: boolean; span: Span }
    | { kind: 'column'; name: string; span: Span }
    | { kind: 'negate'; operand: ExprNode<Extra>; span: Span }
    | { kind: 'binary'; op: BinaryOp; left: ExprNode<Extra>; right: ExprNode<Extra>; span: Span }
    | { kind: 'logical'; op: 'and' | 'or'; left: ExprNode<Extra>; right: ExprNode<Extra>; span: Span }
    | { kind: 'not'; operand: ExprNode<Extra>; span: Span }
    | { kind: 'in'; negated: boolean; operand: ExprNode<Extra>; items: ExprNode<Extra>[]; span: Span }
    | { kind: 'between'; negated: boolean; operand: ExprNode<Extra>; low: ExprNode<Extra>; high: ExprNode<Extra>; span: Span }
    | { kind: 'is-null'; negated: boolean; operand: ExprNode<Extra>; span: Span }
    | { kind: 'call'; name: string; args: ExprNode<Extra>[]; span: Span }
    | { kind: 'case'; whens: { when: ExprNode<Extra>; then: ExprNode<Extra> }[]; otherwise: ExprNode<Extra> | null; span: Span }
  );

/** A parsed expression, before type checking. */
export type Expr = ExprNode;

/** What the type checker knows about every node. */
export interface TypeInfo {
  type: ExprType;
  nullable: boolean;
}

/**
 * A type-checked expression: every node carries its type and whether it may be null.
 *
 * @example
 * const r = compileExpression('age * 2', schema); if (r.ok) console.log(r.value.expr.info.type);
 */
export type TypedExpr = ExprNode<TypeInfo>;
