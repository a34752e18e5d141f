import { Float64, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TableSchema } from '../ports';
import { compileExpression, compileScalarExpression } from './compile-expression';
import { evaluateExpression } from './evaluate-expression';
import { evaluateScalar } from './evaluate-scalar';

const schema: TableSchema = { columns: [{ name: 'x', type: 'number', nullable: true }] };
const messageOf = (text: string) => {
  const r = compileExpression(text, schema);
  return r.ok ? 'ok' : r.issues[0]?.message;
};

describe('hostile expression text', () => {
  it('answers 100k nested parentheses with an issue, not a stack overflow', () => {
    expect(messageOf(`${'('.repeat(100_000)}x${')'.repeat(100_000)}`)).toMatch(/^expression is longer than 10000 characters/);
    expect(messageOf(`${'('.repeat(4_000)}x${')'.repeat(4_000)}`)).toMatch(/^expression is nested more than 256 levels deep/);
    expect(messageOf(`${'not '.repeat(2_000)}true`)).toMatch(/^expression is nested more than 256 levels deep/);
    expect(messageOf(`${'abs('.repeat(1_500)}x${')'.repeat(1_500)}`)).toMatch(/^expression is nested more than 256 levels deep/);
  });

  it('answers 1 MB of text with an issue and keeps the message short', () => {
    const huge = `x > ${'9'.repeat(1_000_000)}`;
    const message = messageOf(huge) ?? '';
    expect(message).toMatch(/^expression is longer than 10000 characters/);
    expect(message.length).toBeLessThan(200);
    const longName = 'a'.repeat(9_000);
    expect((messageOf(longName) ?? '').length).toBeLessThan(200);
  });

  it('never reaches object prototypes through function or column names', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      expect(messageOf(`${name}(x)`)).toMatch(/^unknown function/);
      expect(messageOf(`${name} > 1`)).toMatch(/^unknown column/);
      expect(messageOf(`\`${name}\` > 1`)).toMatch(/^unknown column/);
    }
    const gate = compileScalarExpression('a > 1', { a: 'number' });
    if (!gate.ok) throw new Error('compile');
    const values = JSON.parse('{"__proto__": {"a": 5}}') as Record<string, number>;
    expect(evaluateScalar(gate.value, values)).toEqual({ ok: true, value: null });
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });

  it('evaluates a column that is really named __proto__ like any other', () => {
    const table = new Table({ ['__proto__']: vectorFromArray([1, 2], new Float64()) });
    const r = compileExpression('`__proto__` * 2', { columns: [{ name: '__proto__', type: 'number', nullable: false }] });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(Array.from(evaluateExpression(r.value, table))).toEqual([2, 4]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('never throws on arbitrary text', () => {
    const pieces = fc.constantFrom(
      '(',
      ')',
      'x',
      '1',
      '.',
      ',',
      "'",
      '"',
      '`',
      '+',
      '-',
      'not',
      'and',
      'in',
      'between',
      'is',
      'null',
      'case',
      'when',
      'end',
      'if',
      ' ',
      '\n',
      'é',
      '\\',
      '1e',
      '==',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.array(pieces, { maxLength: 60 }).map((p) => p.join('')),
        ),
        (text) => {
          const r = compileExpression(text, schema);
          if (!r.ok) for (const issue of r.issues) expect(issue.code).toBe('EXPRESSION_INVALID');
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
