import { describe, expect, it } from 'vitest';
import { jsonPathLine } from './json-path-line';
import { parseGraphTests } from './parse-graph-tests';

const valid = `{
  "format": "causeway.tests/1",
  "cases": [
    {
      "name": "one",
      "expect": [{ "output": "load.table", "rows": 3 }]
    }
  ]
}`;

describe('parseGraphTests', () => {
  it('reads a valid file', () => {
    const parsed = parseGraphTests(valid);
    expect(parsed.ok && parsed.value.cases[0]?.expect[0]).toEqual({ output: 'load.table', rows: 3 });
  });

  it('puts a syntax error on its line', () => {
    const parsed = parseGraphTests(valid.replace('"rows": 3 }', '"rows": 3 '));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]).toMatchObject({ code: 'TESTS_SCHEMA', line: 6 });
  });

  it('puts a field that does not fit on the line of that field', () => {
    const parsed = parseGraphTests(valid.replace('"rows": 3', '"rows": -1'));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.issues[0]).toMatchObject({ code: 'TESTS_SCHEMA', path: ['cases', 0, 'expect', 0, 'rows'], line: 6 });
      expect(parsed.issues[0]?.message).toMatch(/^cases\[0]\.expect\[0]\.rows: /);
    }
  });

  it('names an unknown field and a case without checks', () => {
    const parsed = parseGraphTests(valid.replace('"rows": 3', '"rowz": 3'));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.message).join('\n')).toMatch(/rowz: unknown field/);
  });

  it('refuses two cases with one name, on the second one', () => {
    const doc = { format: 'causeway.tests/1', cases: [{ name: 'a' }, { name: 'a' }] };
    const parsed = parseGraphTests(JSON.stringify(doc, null, 2));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues[0]).toMatchObject({ path: ['cases', 1, 'name'], line: 8 });
  });

  it('refuses a fixture that is both inline and a file', () => {
    const doc = { format: 'causeway.tests/1', cases: [{ name: 'a', replace: { load: { file: 'a.csv', rows: [] } } }] };
    const parsed = parseGraphTests(JSON.stringify(doc));
    expect(parsed.ok).toBe(false);
  });
});

describe('jsonPathLine', () => {
  it('follows keys and indexes, escaped keys and nested values included', () => {
    const text = '{\n "a\\"b": [\n  1,\n  {"c": {\n   "d": [0, 1]}}\n ],\n "e": 2\n}';
    expect(jsonPathLine(text, ['a"b', 1, 'c', 'd'])).toBe(5);
    expect(jsonPathLine(text, ['e'])).toBe(7);
    expect(jsonPathLine(text, ['a"b', 9])).toBe(2);
  });
});
