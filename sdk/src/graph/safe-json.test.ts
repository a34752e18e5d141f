import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCatalog } from '../errors/catalog';
import { parseJsonSafely } from './safe-json';
import { graphLimits } from './schema';

const small = { bytes: 1_000, depth: 4, stringLength: 10, keysPerObject: 3 };

function issuesOf(text: string, limits = small) {
  const r = parseJsonSafely(text, limits);
  if (r.ok) throw new Error(`expected a rejection of ${text.slice(0, 80)}`);
  return r.issues;
}

describe('parseJsonSafely', () => {
  it('returns the parsed value of valid JSON', () => {
    expect(parseJsonSafely('{"a":[1,"x",null,true]}')).toEqual({ ok: true, value: { a: [1, 'x', null, true] } });
  });

  it('ignores a leading byte-order mark', () => {
    expect(parseJsonSafely('\ufeff[1]')).toEqual({ ok: true, value: [1] });
  });

  it.each([
    ['{"a": [1, 2}', 1, 12, "Expected ',' or ']' after array element"],
    ['{\n  "a": 1,\n  "b": tru\n}', 3, 11, String.raw`Unexpected character "\n"`],
    ['{\n  "a": 1,\n', 3, 1, 'Expected double-quoted property name'],
    ['[1, 2', 1, 6, "Expected ',' or ']' after array element"],
    ['x', 1, 1, 'Unexpected character "x"'],
    ['[1]\n\n  ]', 3, 3, 'Unexpected non-whitespace character after JSON'],
  ])('reports the syntax error in %j at line %d, column %d', (text, line, column, reason) => {
    const [issue] = issuesOf(text, graphLimits);
    expect(issue).toEqual({ code: 'GRAPH_JSON_SYNTAX', path: [], message: `${reason} at line ${line}, column ${column}` });
  });

  it('does not echo a long piece of the text in a syntax error', () => {
    const [issue] = issuesOf(`{"a": ${'x'.repeat(500)}}`, graphLimits);
    expect(issue?.message).toBe('Unexpected character "x" at line 1, column 7');
  });

  it('rejects text over the byte limit, counting UTF-8 bytes', () => {
    expect(issuesOf(`"${'a'.repeat(1_000)}"`)[0]?.code).toBe('GRAPH_TOO_LARGE');
    // 340 three-byte characters: 340 UTF-16 units but 1,022 bytes.
    expect(issuesOf(`"${'€'.repeat(340)}"`)[0]?.code).toBe('GRAPH_TOO_LARGE');
    expect(parseJsonSafely(`"${'€'.repeat(332)}"`, { ...small, stringLength: 1_000 }).ok).toBe(true);
    // A surrogate pair is 4 bytes, not 6.
    expect(parseJsonSafely(`"${'😀'.repeat(249)}"`, { ...small, stringLength: 1_000 }).ok).toBe(true);
    expect(issuesOf(`"${'😀'.repeat(250)}"`, { ...small, stringLength: 1_000 })[0]?.code).toBe('GRAPH_TOO_LARGE');
  });

  it('rejects nesting deeper than the limit with the path to it', () => {
    expect(parseJsonSafely('{"a":[[{"b":1}]]}', small).ok).toBe(true);
    expect(issuesOf('{"a":[[{"b":[1]}]]}')).toEqual([
      { code: 'GRAPH_TOO_DEEP', path: ['a', 0, 0, 'b'], message: 'a[0][0].b: nested deeper than the limit of 4 levels' },
    ]);
  });

  it('rejects 100,000 levels of nesting without overflowing the stack', () => {
    const text = '['.repeat(100_000) + ']'.repeat(100_000);
    const [issue] = issuesOf(text, graphLimits);
    expect(issue?.code).toBe('GRAPH_TOO_DEEP');
    expect(issue?.path).toHaveLength(graphLimits.depth);
  });

  it('rejects long strings and long keys', () => {
    expect(issuesOf('{"a":["01234567890"]}')).toEqual([
      { code: 'GRAPH_STRING_TOO_LONG', path: ['a', 0], message: 'a[0]: a string of 11 characters is longer than the limit of 10' },
    ]);
    expect(issuesOf('{"01234567890":1}')[0]).toMatchObject({ code: 'GRAPH_STRING_TOO_LONG', path: ['01234567890'] });
  });

  it('rejects objects with too many keys', () => {
    expect(issuesOf('{"x":{"a":1,"b":2,"c":3,"d":4}}')[0]).toMatchObject({ code: 'GRAPH_TOO_LARGE', path: ['x'] });
  });

  it.each([
    ['{"__proto__":{"polluted":1}}', ['__proto__']],
    ['{"a":{"constructor":{"prototype":{"polluted":1}}}}', ['a', 'constructor']],
    ['[{"prototype":1}]', [0, 'prototype']],
  ])('rejects the forbidden key in %s without touching Object.prototype', (text, path) => {
    expect(issuesOf(text, graphLimits)).toEqual([
      { code: 'GRAPH_FORBIDDEN_KEY', path, message: expect.stringContaining(`the key "${path.at(-1)}" is not allowed`) },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts lone surrogates, which JSON allows', () => {
    expect(parseJsonSafely('["\\ud800", "\\udc00x"]')).toEqual({ ok: true, value: ['\ud800', '\udc00x'] });
  });

  it('never throws and reports catalog codes with array paths for any text (property)', { timeout: 30_000 }, () => {
    const text = fc.oneof(
      fc.json(),
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.json().map((t) => t.slice(0, Math.floor(t.length / 2))),
      fc.json().map((t) => `{"a":[{"__proto__":${t}}]}`),
    );
    fc.assert(
      fc.property(text, (t) => {
        const r = parseJsonSafely(t, small);
        // Plain comparisons: expect() per run would dominate the time.
        if (r.ok) return JSON.stringify(r.value) === JSON.stringify(JSON.parse(t.replace(/^\ufeff/, '')));
        return r.issues.length > 0 && r.issues.every((i) => i.code in errorCatalog && Array.isArray(i.path) && i.message !== '');
      }),
      { numRuns: 300 },
    );
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
