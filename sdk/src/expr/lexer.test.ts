import { describe, expect, it } from 'vitest';
import { lexExpression } from './lexer';

const lex = (text: string) => {
  const r = lexExpression(text);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.value.map((t) => [t.kind, t.text]);
};
const error = (text: string) => {
  const r = lexExpression(text);
  if (r.ok) throw new Error(`expected an error for ${text}`);
  return r.issues[0]?.message;
};

describe('lexExpression', () => {
  it('splits numbers, strings, names, keywords and operators', () => {
    expect(lex(`age >= 1.5e3 AND name <> 'x' or "y" != \`monthly charges\``)).toEqual([
      ['name', 'age'],
      ['op', '>='],
      ['number', '1.5e3'],
      ['keyword', 'and'],
      ['name', 'name'],
      ['op', '<>'],
      ['string', 'x'],
      ['keyword', 'or'],
      ['string', 'y'],
      ['op', '!='],
      ['name', 'monthly charges'],
      ['eof', ''],
    ]);
  });

  it('reads dotted names as one name and .5 as a number', () => {
    expect(lex('baseline.auc - .5')).toEqual([
      ['name', 'baseline.auc'],
      ['op', '-'],
      ['number', '.5'],
      ['eof', ''],
    ]);
  });

  it('marks integers and reads escapes and doubled backticks', () => {
    const r = lexExpression("12 12.0 'it\\'s\\n' `a``b`");
    expect(r.ok && r.value.map((t) => [t.text, t.integer])).toEqual([
      ['12', true],
      ['12.0', false],
      ["it's\n", false],
      ['a`b', false],
      ['', false],
    ]);
  });

  it('gives every token its offset, line and column', () => {
    const r = lexExpression('a +\n  bb');
    expect(r.ok && r.value.map((t) => t.span)).toEqual([
      { offset: 0, length: 1, line: 1, column: 1 },
      { offset: 2, length: 1, line: 1, column: 3 },
      { offset: 6, length: 2, line: 2, column: 3 },
      { offset: 8, length: 0, line: 2, column: 5 },
    ]);
  });

  it('reports each lexical error with its position', () => {
    expect(error('a # b')).toBe('unexpected character "#" at column 3');
    expect(error("x == 'abc")).toBe('unterminated string at column 6');
    expect(error("'a\\qb'")).toBe('unknown escape "\\q" in string at column 3');
    expect(error('1e+')).toBe('malformed number exponent at column 1');
    expect(error('12abc')).toBe('unexpected "a" after a number at column 3');
    expect(error('`monthly')).toBe('unterminated `quoted name` at column 1');
    expect(error('``')).toBe('empty `quoted name` at column 1');
    expect(error('a +\n  $')).toBe('unexpected character "$" at line 2, column 3');
  });

  it('refuses text over the length limit without scanning it', () => {
    expect(error('a'.repeat(10_001))).toBe('expression is longer than 10000 characters at column 1');
  });
});
