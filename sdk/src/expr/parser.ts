import type { Result } from '../errors';
import type { BinaryOp, Expr, Span } from './ast';
import { type ExpressionIssue, expressionIssue, quoteText } from './expression-issue';
import { lexExpression, type Token } from './lexer';
import { expressionLimits } from './limits';

class ParseFailure {
  constructor(readonly issue: ExpressionIssue) {}
}

const comparisonOps = new Map<string, BinaryOp>([
  ['=', '='],
  ['==', '='],
  ['!=', '!='],
  ['<>', '!='],
  ['<', '<'],
  ['<=', '<='],
  ['>', '>'],
  ['>=', '>='],
]);
// Binding powers, low to high: or, and, not, comparison, + -, * / %, unary minus.
const bp = { or: 1, and: 2, not: 3, compare: 4, add: 5, mul: 6, unary: 7 } as const;

/** Joins two spans into the span from the start of `a` to the end of `b`. */
export function spanOver(a: Span, b: Span): Span {
  return { offset: a.offset, length: b.offset + b.length - a.offset, line: a.line, column: a.column };
}

function describe(token: Token): string {
  if (token.kind === 'eof') return 'end of expression';
  if (token.kind === 'string') return `string ${quoteText(token.text)}`;
  return quoteText(token.text);
}

/**
 * Parses expression text into a tree with spans (a Pratt parser). Never throws: syntax errors
 * and exceeded limits come back as issues with their position.
 *
 * @example
 * parseExpression('age > 30 and country == "NL"') // ok: { kind: 'logical', op: 'and', … }
 */
export function parseExpression(text: string): Result<Expr> {
  const lexed = lexExpression(text);
  if (!lexed.ok) return lexed;
  const tokens = lexed.value;
  let index = 0;
  let nodes = 0;
  const depth = new WeakMap<Expr, number>();

  const peek = (): Token => tokens[index] ?? (tokens[tokens.length - 1] as Token);
  const next = (): Token => {
    const token = peek();
    if (index < tokens.length - 1) index++;
    return token;
  };
  const fail = (message: string, span: Span): never => {
    throw new ParseFailure(expressionIssue(message, span));
  };
  const unexpected = (token: Token, expected?: string): never =>
    fail(`unexpected ${describe(token)}${expected === undefined ? '' : ` (expected ${expected})`}`, token.span);
  const isKeyword = (token: Token, word: string) => token.kind === 'keyword' && token.text === word;
  const isOp = (token: Token, op: string) => token.kind === 'op' && token.text === op;
  const expectOp = (op: string): Token => (isOp(peek(), op) ? next() : unexpected(peek(), `"${op}"`));
  const expectKeyword = (word: string): Token => (isKeyword(peek(), word) ? next() : unexpected(peek(), `"${word}"`));

  // Every node goes through here, so size and depth are bounded whatever the shape of the tree.
  const make = (node: Expr, children: Expr[]): Expr => {
    nodes++;
    if (nodes > expressionLimits.maxNodes) fail(`expression has more than ${expressionLimits.maxNodes} parts`, node.span);
    let d = 0;
    for (const child of children) d = Math.max(d, depth.get(child) ?? 0);
    if (d + 1 > expressionLimits.maxDepth) fail(`expression is nested more than ${expressionLimits.maxDepth} levels deep`, node.span);
    depth.set(node, d + 1);
    return node;
  };

  const parseList = (): { items: Expr[]; end: Token } => {
    const items: Expr[] = [];
    if (isOp(peek(), ')')) return { items, end: next() };
    for (;;) {
      items.push(parse(0, 0));
      if (isOp(peek(), ',')) {
        next();
        continue;
      }
      return { items, end: expectOp(')') };
    }
  };

  const parsePrefix = (level: number): Expr => {
    const token = next();
    const span = token.span;
    switch (token.kind) {
      case 'number':
        return make(
          { kind: 'literal', value: Number(token.text), integer: token.integer && Number.isSafeInteger(Number(token.text)), span },
          [],
        );
      case 'string':
        return make({ kind: 'literal', value: token.text, integer: false, span }, []);
      case 'name': {
        if (!isOp(peek(), '(')) return make({ kind: 'column', name: token.text, span }, []);
        next();
        const { items, end } = parseList();
        return make({ kind: 'call', name: token.text.toLowerCase(), args: items, span: spanOver(span, end.span) }, items);
      }
      case 'keyword':
        if (token.text === 'true' || token.text === 'false' || token.text === 'null') {
          const value = token.text === 'null' ? null : token.text === 'true';
          return make({ kind: 'literal', value, integer: false, span }, []);
        }
        if (token.text === 'not') {
          const operand = parse(bp.not, level + 1);
          return make({ kind: 'not', operand, span: spanOver(span, operand.span) }, [operand]);
        }
        if (token.text === 'case') return parseCase(token, level);
        return unexpected(token);
      case 'op':
        if (token.text === '(') {
          const inner = parse(0, level + 1);
          expectOp(')');
          return inner;
        }
        if (token.text === '-') {
          const operand = parse(bp.unary, level + 1);
          return make({ kind: 'negate', operand, span: spanOver(span, operand.span) }, [operand]);
        }
        return unexpected(token);
      default:
        return unexpected(token);
    }
  };

  const parseCase = (start: Token, level: number): Expr => {
    const whens: { when: Expr; then: Expr }[] = [];
    const children: Expr[] = [];
    while (isKeyword(peek(), 'when')) {
      next();
      const when = parse(0, level + 1);
      expectKeyword('then');
      const then = parse(0, level + 1);
      whens.push({ when, then });
      children.push(when, then);
    }
    if (whens.length === 0) unexpected(peek(), '"when"');
    let otherwise: Expr | null = null;
    if (isKeyword(peek(), 'else')) {
      next();
      otherwise = parse(0, level + 1);
      children.push(otherwise);
    }
    const end = expectKeyword('end');
    return make({ kind: 'case', whens, otherwise, span: spanOver(start.span, end.span) }, children);
  };

  const parse = (minBp: number, level: number): Expr => {
    if (level > expressionLimits.maxDepth) fail(`expression is nested more than ${expressionLimits.maxDepth} levels deep`, peek().span);
    let left = parsePrefix(level);
    let compared = false;
    for (;;) {
      const token = peek();
      const compareOp = token.kind === 'op' ? comparisonOps.get(token.text) : undefined;
      const isCompare =
        compareOp !== undefined ||
        isKeyword(token, 'in') ||
        isKeyword(token, 'between') ||
        isKeyword(token, 'is') ||
        isKeyword(token, 'not');
      if (isCompare) {
        if (bp.compare < minBp) return left;
        if (compared) fail(`comparisons cannot be chained; join them with "and"`, token.span);
        compared = true;
        next();
        left = parseComparison(left, token, compareOp, level);
        continue;
      }
      if (token.kind === 'keyword' && (token.text === 'and' || token.text === 'or')) {
        const power = token.text === 'and' ? bp.and : bp.or;
        if (power < minBp) return left;
        next();
        const right = parse(power + 1, level + 1);
        left = make({ kind: 'logical', op: token.text, left, right, span: spanOver(left.span, right.span) }, [left, right]);
        continue;
      }
      if (token.kind === 'op' && ['+', '-', '*', '/', '%'].includes(token.text)) {
        const power = token.text === '+' || token.text === '-' ? bp.add : bp.mul;
        if (power < minBp) return left;
        next();
        const right = parse(power + 1, level + 1);
        const op = token.text as BinaryOp;
        left = make({ kind: 'binary', op, left, right, span: spanOver(left.span, right.span) }, [left, right]);
        continue;
      }
      return left;
    }
  };

  const parseComparison = (left: Expr, token: Token, op: BinaryOp | undefined, level: number): Expr => {
    if (op !== undefined) {
      const right = parse(bp.compare + 1, level + 1);
      return make({ kind: 'binary', op, left, right, span: spanOver(left.span, right.span) }, [left, right]);
    }
    if (token.text === 'is') {
      const negated = isKeyword(peek(), 'not');
      if (negated) next();
      const end = expectKeyword('null');
      return make({ kind: 'is-null', negated, operand: left, span: spanOver(left.span, end.span) }, [left]);
    }
    const negated = token.text === 'not';
    const word = negated ? next() : token;
    if (isKeyword(word, 'in')) {
      expectOp('(');
      const { items, end } = parseList();
      if (items.length === 0) fail('"in" needs at least one value', end.span);
      return make({ kind: 'in', negated, operand: left, items, span: spanOver(left.span, end.span) }, [left, ...items]);
    }
    if (isKeyword(word, 'between')) {
      const low = parse(bp.add, level + 1);
      expectKeyword('and');
      const high = parse(bp.add, level + 1);
      return make({ kind: 'between', negated, operand: left, low, high, span: spanOver(left.span, high.span) }, [left, low, high]);
    }
    return unexpected(word, '"in" or "between"');
  };

  try {
    const expr = parse(0, 0);
    const rest = peek();
    if (rest.kind !== 'eof') unexpected(rest);
    return { ok: true, value: expr };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, issues: [error.issue] };
    if (error instanceof RangeError) return { ok: false, issues: [expressionIssue('expression is too deeply nested', peek().span)] };
    throw error;
  }
}
