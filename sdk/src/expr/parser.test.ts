import { describe, expect, it } from 'vitest';
import type { Expr } from './ast';
import { parseExpression } from './parser';

/** Writes a tree as a fully parenthesised s-expression, so precedence is visible. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return typeof e.value === 'string' ? JSON.stringify(e.value) : String(e.value);
    case 'column':
      return e.name;
    case 'negate':
      return `(neg ${show(e.operand)})`;
    case 'not':
      return `(not ${show(e.operand)})`;
    case 'binary':
    case 'logical':
      return `(${e.op} ${show(e.left)} ${show(e.right)})`;
    case 'in':
      return `(${e.negated ? 'not-in' : 'in'} ${show(e.operand)} ${e.items.map(show).join(' ')})`;
    case 'between':
      return `(${e.negated ? 'not-between' : 'between'} ${show(e.operand)} ${show(e.low)} ${show(e.high)})`;
    case 'is-null':
      return `(${e.negated ? 'is-not-null' : 'is-null'} ${show(e.operand)})`;
    case 'call':
      return `(${e.name} ${e.args.map(show).join(' ')})`;
    case 'case':
      return `(case ${e.whens.map((w) => `${show(w.when)}→${show(w.then)}`).join(' ')} else ${e.otherwise === null ? '-' : show(e.otherwise)})`;
  }
}

const parse = (text: string) => {
  const r = parseExpression(text);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return show(r.value);
};
const error = (text: string) => {
  const r = parseExpression(text);
  if (r.ok) throw new Error(`expected an error for ${text}`);
  expect(r.issues[0]?.code).toBe('EXPRESSION_INVALID');
  return r.issues[0]?.message;
};

describe('parseExpression', () => {
  it('follows precedence: or < and < not < comparison < + - < * / % < unary minus', () => {
    expect(parse('a or b and not c = 1 + 2 * -d')).toBe('(or a (and b (not (= c (+ 1 (* 2 (neg d)))))))');
    expect(parse('1 - 2 - 3')).toBe('(- (- 1 2) 3)');
    expect(parse('(1 - 2) * 3 % 4')).toBe('(% (* (- 1 2) 3) 4)');
    expect(parse('a == 1 and b <> 2')).toBe('(and (= a 1) (!= b 2))');
  });

  it('parses in, between, is null and their negations', () => {
    expect(parse('x in (1, 2, 3)')).toBe('(in x 1 2 3)');
    expect(parse('x not in ("a")')).toBe('(not-in x "a")');
    expect(parse('x between 1 and 2 and y')).toBe('(and (between x 1 2) y)');
    expect(parse('x not between a + 1 and b')).toBe('(not-between x (+ a 1) b)');
    expect(parse('x is null or x is not null')).toBe('(or (is-null x) (is-not-null x))');
  });

  it('parses calls, if, case and literals', () => {
    expect(parse('ROUND(x, 2)')).toBe('(round x 2)');
    expect(parse('if(a > 1, "big", null)')).toBe('(if (> a 1) "big" null)');
    expect(parse('case when a then 1 when b then 2 else 3 end')).toBe('(case a→1 b→2 else 3)');
    expect(parse('case when a then true end')).toBe('(case a→true else -)');
    expect(parse('now()')).toBe('(now )');
  });

  it('keeps spans that cover each node', () => {
    const r = parseExpression('age > 30 and country == "NL"');
    if (!r.ok || r.value.kind !== 'logical') throw new Error('expected and');
    expect(r.value.span).toEqual({ offset: 0, length: 28, line: 1, column: 1 });
    expect(r.value.right.span).toEqual({ offset: 13, length: 15, line: 1, column: 14 });
  });

  it('reports every syntax error with its position', () => {
    expect(error('(a + b) * c) + 1')).toBe('unexpected ")" at column 12');
    expect(error('round(x, 2))')).toBe('unexpected ")" at column 12');
    expect(error('a +')).toBe('unexpected end of expression at column 4');
    expect(error('')).toBe('unexpected end of expression at column 1');
    expect(error('(a + 1')).toBe('unexpected end of expression (expected ")") at column 7');
    expect(error('a < b < c')).toBe('comparisons cannot be chained; join them with "and" at column 7');
    expect(error('x in ()')).toBe('"in" needs at least one value at column 7');
    expect(error('x in 1')).toBe('unexpected "1" (expected "(") at column 6');
    expect(error('x not like 1')).toBe('unexpected "like" (expected "in" or "between") at column 7');
    expect(error('x between 1 or 2')).toBe('unexpected "or" (expected "and") at column 13');
    expect(error('x is 1')).toBe('unexpected "1" (expected "null") at column 6');
    expect(error('case else 1 end')).toBe('unexpected "else" (expected "when") at column 6');
    expect(error('case when a then 1')).toBe('unexpected end of expression (expected "end") at column 19');
    expect(error('a b')).toBe('unexpected "b" at column 3');
    expect(error('f(1,)')).toBe('unexpected ")" at column 5');
    expect(error('and')).toBe('unexpected "and" at column 1');
    expect(error("x = 'a' 'b'")).toBe('unexpected string "b" at column 9');
  });

  it('bounds depth and size', () => {
    expect(error(`${'('.repeat(300)}1${')'.repeat(300)}`)).toMatch(/^expression is nested more than 256 levels deep at column/);
    expect(error(`${'-'.repeat(300)}1`)).toMatch(/^expression is nested more than 256 levels deep/);
    expect(error(Array.from({ length: 300 }, () => 'a').join(' + '))).toMatch(/^expression is nested more than 256 levels deep/);
    expect(error(`f(${Array.from({ length: 4001 }, () => '1').join(',')})`)).toMatch(/^expression has more than 4000 parts/);
  });
});
