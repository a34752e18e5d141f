import type { Result } from '../errors';
import type { Expr, ExprType, TypedExpr, TypeInfo } from './ast';
import { type ExpressionIssue, expressionIssue } from './expression-issue';
import { functionSpecs } from './functions';
import { didYouMean } from './suggest';
import { areComparable, isBoolean, isDate, isNumeric, isText, parseDateLiteral, unifyTypes } from './types';

/** What the checker needs to know about the names an expression may use. */
export interface NameScope {
  /** "column" for tables, "value" for gates: used in messages. */
  noun: string;
  names: ReadonlyMap<string, TypeInfo>;
}

/** A type-checked expression and the names it reads. */
export interface CheckedExpression {
  expr: TypedExpr;
  names: string[];
}

// Functions whose string-literal arguments read as dates when another argument is a date.
const dateFunctions = new Set(['date_diff_days', 'min', 'max', 'coalesce', 'if']);

const typed = (node: Expr, info: TypeInfo, patch: object = {}): TypedExpr => ({ ...node, ...patch, ...info }) as TypedExpr;

/**
 * Type-checks a parsed expression against the names in scope. Reports every problem it finds,
 * each with its position and, for unknown names, the closest known name.
 *
 * @example
 * typeCheck(parsed, { noun: 'column', names: new Map([['age', { type: 'integer', nullable: false }]]) })
 */
export function typeCheck(root: Expr, scope: NameScope): Result<CheckedExpression> {
  const issues: ExpressionIssue[] = [];
  const used = new Set<string>();
  const report = (message: string, node: Expr, suffix = ''): undefined => {
    issues.push(expressionIssue(message, node.span, suffix));
    return undefined;
  };

  // A string literal compared with a date is read as a date, once, here.
  const asDate = (node: TypedExpr, other: TypedExpr): TypedExpr | undefined => {
    if (other.type !== 'date' || node.kind !== 'literal' || typeof node.value !== 'string') return node;
    const ms = parseDateLiteral(node.value);
    if (ms === undefined) return report(`'${node.value.slice(0, 40)}' is not a date (write 'YYYY-MM-DD')`, node);
    return { ...node, value: ms, type: 'date', nullable: false };
  };
  const comparable = (a: TypedExpr, b: TypedExpr, at: Expr): [TypedExpr, TypedExpr] | undefined => {
    const left = asDate(a, b);
    const right = asDate(b, a);
    if (left === undefined || right === undefined) return undefined;
    if (!areComparable(left.type, right.type)) return report(`cannot compare ${left.type} with ${right.type}`, at);
    return [left, right];
  };

  const visit = (node: Expr): TypedExpr | undefined => {
    switch (node.kind) {
      case 'literal': {
        const v = node.value;
        const type: ExprType =
          v === null ? 'null' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : node.integer ? 'integer' : 'number';
        return typed(node, { type, nullable: v === null });
      }
      case 'column': {
        const info = scope.names.get(node.name);
        if (info === undefined)
          return report(`unknown ${scope.noun} '${node.name.slice(0, 64)}'`, node, didYouMean(node.name, scope.names.keys()));
        used.add(node.name);
        return typed(node, info);
      }
      case 'negate': {
        const operand = visit(node.operand);
        if (operand === undefined) return undefined;
        if (!isNumeric(operand.type)) return report(`cannot negate ${operand.type}`, node);
        return typed(node, { type: operand.type === 'integer' ? 'integer' : 'number', nullable: operand.nullable }, { operand });
      }
      case 'not': {
        const operand = visit(node.operand);
        if (operand === undefined) return undefined;
        if (!isBoolean(operand.type)) return report(`"not" needs a boolean, not ${operand.type}`, node);
        return typed(node, { type: 'boolean', nullable: operand.nullable }, { operand });
      }
      case 'logical': {
        const left = visit(node.left);
        const right = visit(node.right);
        if (left === undefined || right === undefined) return undefined;
        for (const side of [left, right]) if (!isBoolean(side.type)) return report(`"${node.op}" needs booleans, not ${side.type}`, side);
        return typed(node, { type: 'boolean', nullable: left.nullable || right.nullable }, { left, right });
      }
      case 'binary': {
        const l = visit(node.left);
        const r = visit(node.right);
        if (l === undefined || r === undefined) return undefined;
        const nullable = l.nullable || r.nullable;
        if (node.op === '=' || node.op === '!=' || node.op === '<' || node.op === '<=' || node.op === '>' || node.op === '>=') {
          const pair = comparable(l, r, node);
          return pair && typed(node, { type: 'boolean', nullable }, { left: pair[0], right: pair[1] });
        }
        if (!isNumeric(l.type) || !isNumeric(r.type)) {
          const hint = node.op === '+' && (isText(l.type) || isText(r.type)) ? ' (use concat(a, b) to join strings)' : '';
          const hint2 = node.op === '-' && isDate(l.type) && isDate(r.type) ? ' (use date_diff_days(end, start))' : '';
          return report(`cannot apply "${node.op}" to ${l.type} and ${r.type}`, node, hint + hint2);
        }
        const integer = l.type !== 'number' && r.type !== 'number' && node.op !== '/';
        const safeDivisor = r.kind === 'literal' && typeof r.value === 'number' && r.value !== 0;
        const divides = node.op === '/' || node.op === '%';
        return typed(
          node,
          { type: integer ? 'integer' : 'number', nullable: nullable || (divides && !safeDivisor) },
          { left: l, right: r },
        );
      }
      case 'in': {
        let operand = visit(node.operand);
        const items = node.items.map(visit);
        if (operand === undefined) return undefined;
        const checked: TypedExpr[] = [];
        for (const item of items) {
          if (item === undefined) return undefined;
          const pair = comparable(operand, item, item);
          if (pair === undefined) return undefined;
          operand = pair[0];
          checked.push(pair[1]);
        }
        const nullable = operand.nullable || checked.some((i) => i.nullable);
        return typed(node, { type: 'boolean', nullable }, { operand, items: checked });
      }
      case 'between': {
        const operand = visit(node.operand);
        const low = visit(node.low);
        const high = visit(node.high);
        if (operand === undefined || low === undefined || high === undefined) return undefined;
        const lo = comparable(operand, low, node.low);
        const hi = comparable(operand, high, node.high);
        if (lo === undefined || hi === undefined) return undefined;
        const nullable = operand.nullable || low.nullable || high.nullable;
        return typed(node, { type: 'boolean', nullable }, { operand, low: lo[1], high: hi[1] });
      }
      case 'is-null': {
        const operand = visit(node.operand);
        return operand && typed(node, { type: 'boolean', nullable: false }, { operand });
      }
      case 'case': {
        const whens: { when: TypedExpr; then: TypedExpr }[] = [];
        let type: ExprType | undefined = 'null';
        let nullable = node.otherwise === null;
        let failed = false;
        for (const branch of node.whens) {
          const when = visit(branch.when);
          const then = visit(branch.then);
          if (when === undefined || then === undefined) {
            failed = true;
            continue;
          }
          if (!isBoolean(when.type)) report(`"when" needs a boolean, not ${when.type}`, branch.when);
          whens.push({ when, then });
        }
        const otherwise = node.otherwise === null ? null : visit(node.otherwise);
        if (failed || otherwise === undefined) return undefined;
        for (const value of [...whens.map((w) => w.then), ...(otherwise === null ? [] : [otherwise])]) {
          const next: ExprType | undefined = unifyTypes(type, value.type);
          if (next === undefined) return report(`case branches mix ${type} and ${value.type}`, value);
          type = next;
          nullable ||= value.nullable;
        }
        return typed(node, { type, nullable }, { whens, otherwise });
      }
      case 'call': {
        const fn = functionSpecs.get(node.name);
        const args = node.args.map(visit);
        if (fn === undefined)
          return report(`unknown function '${node.name.slice(0, 64)}'`, node, didYouMean(node.name, functionSpecs.keys()));
        if (args.length < fn.minArgs || args.length > fn.maxArgs) {
          const count =
            fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs >= 64 ? `at least ${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
          return report(
            `${node.name} takes ${count} argument${fn.maxArgs === 1 ? '' : 's'}, got ${args.length}`,
            node,
            ` — ${fn.signature}`,
          );
        }
        const checked: TypedExpr[] = [];
        const dateArg = dateFunctions.has(node.name) ? args.find((a) => a?.type === 'date') : undefined;
        for (const arg of args) {
          const value = arg && dateArg ? asDate(arg, dateArg) : arg;
          if (value === undefined) return undefined;
          checked.push(value);
        }
        const type = fn.result(checked.map((a) => a.type));
        if (!columnOrNull(type)) return report(`${node.name}: ${type}`, node, ` — ${fn.signature}`);
        return typed(node, { type, nullable: fn.nullable(checked) }, { args: checked });
      }
    }
  };

  const expr = visit(root);
  if (expr === undefined || issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { expr, names: [...used] } };
}

const exprTypes = new Set<string>(['number', 'integer', 'string', 'category', 'boolean', 'date', 'null']);
function columnOrNull(type: string): type is ExprType {
  return exprTypes.has(type);
}
