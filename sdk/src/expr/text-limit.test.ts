import { describe, expect, it } from 'vitest';
import { tableSchemaOf } from '../ports';
import { tableOf } from '../testkit/table-of';
import { compileExpression } from './compile-expression';
import { evaluateExpression } from './evaluate-expression';
import { evaluatePredicate } from './evaluate-predicate';

const table = tableOf({ s: ['ab', 'ba', 'x'] });
const compiled = (text: string) => {
  const r = compileExpression(text, tableSchemaOf(table));
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.value;
};
/** `replace` nested `depth` times, each turning every "a" into ten: the result grows tenfold per level. */
const nested = (depth: number) => {
  let text = 's';
  for (let i = 0; i < depth; i++) text = `replace(${text}, "a", "aaaaaaaaaa")`;
  return text;
};

describe('text functions of an expression are bounded before they build', () => {
  it('nested replace fails with INPUT_LIMIT naming the limit, not out of memory', () => {
    expect(() => evaluateExpression(compiled(nested(12)), table)).toThrow(
      expect.objectContaining({
        code: 'INPUT_LIMIT',
        message: expect.stringMatching(/replace\(\) would build \d+ characters.*expressionTextChars/),
      }),
    );
  });

  it('the limit is the one given, in derive and in filter alike', () => {
    expect(() => evaluateExpression(compiled(nested(3)), table, { maxTextChars: 100 })).toThrow(/more than the limit of 100/);
    expect(() => evaluatePredicate(compiled(`length(${nested(3)}) > 5`), table, { maxTextChars: 100 })).toThrow(/limit of 100/);
    expect(() => evaluateExpression(compiled('concat(s, s, s, s)'), table, { maxTextChars: 10 })).toThrow(/concat\(\) would build 20/);
  });

  it('under the limit the result is exact', () => {
    expect([...evaluateExpression(compiled(nested(2)), table, { maxTextChars: 1000 }).toArray()]).toEqual([
      `${'a'.repeat(100)}b`,
      `b${'a'.repeat(100)}`,
      'x',
    ]);
  });
});
