import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJsonValue, type JsonLimits } from './check-json-value';
import { graphLimits } from './schema';

describe('checkJsonValue on values built in code', () => {
  it('accepts JSON data, including objects without a prototype', () => {
    expect(checkJsonValue({ a: [1, 'x', null, { b: false }], c: Object.create(null) })).toEqual([]);
  });

  it('treats undefined properties as absent, as JSON.stringify does', () => {
    expect(checkJsonValue({ a: undefined })).toEqual([]);
  });

  it('reports values that are not JSON data', () => {
    const issues = checkJsonValue({ f: () => 1, n: Number.NaN, d: new Date(0), u: [undefined], b: 1n });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['GRAPH_SCHEMA', ['f']],
      ['GRAPH_SCHEMA', ['n']],
      ['GRAPH_SCHEMA', ['d']],
      ['GRAPH_SCHEMA', ['u', 0]],
      ['GRAPH_SCHEMA', ['b']],
    ]);
  });

  it('stops at a cycle instead of looping', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.a = cyclic;
    cyclic.b = cyclic;
    const issues = checkJsonValue(cyclic);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.length).toBeLessThanOrEqual(100);
    expect(issues[0]?.code).toBe('GRAPH_TOO_DEEP');
  });

  it('refuses a sparse array longer than the document could be', () => {
    const sparse: unknown[] = [];
    sparse.length = graphLimits.bytes + 1;
    expect(checkJsonValue({ a: sparse })[0]).toMatchObject({ code: 'GRAPH_TOO_LARGE', path: ['a'] });
  });

  it('finds a forbidden key set with defineProperty', () => {
    const value = {};
    Object.defineProperty(value, '__proto__', { value: 1, enumerable: true });
    expect(checkJsonValue([value])[0]).toMatchObject({ code: 'GRAPH_FORBIDDEN_KEY', path: [0, '__proto__'] });
  });

  it('accepts exactly the values a plain recursive reference accepts (property)', { timeout: 30_000 }, () => {
    const limits: JsonLimits = { bytes: 200, depth: 3, stringLength: 4, keysPerObject: 3 };
    const forbidden = ['__proto__', 'constructor', 'prototype'];
    let count = 0;
    const ok = (v: unknown, depth: number): boolean => {
      count++;
      if (typeof v === 'string') return v.length <= limits.stringLength;
      if (v === null || typeof v !== 'object') return true;
      if (depth + 1 > limits.depth) return false;
      const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
      if (
        !Array.isArray(v) &&
        (entries.length > limits.keysPerObject || entries.some(([k]) => forbidden.includes(k) || k.length > limits.stringLength))
      )
        return false;
      return entries.every(([, x]) => ok(x, depth + 1));
    };
    const key = fc.constantFrom('a', 'bb', 'long-key', '__proto__', 'constructor', 'prototype', 'x');
    const value = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, true, 1, -0.5, '', 'abcd', 'abcde'),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(key, tie('v'), { maxKeys: 5 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        count = 0;
        const accepted = ok(v, 0) && count <= limits.bytes;
        return (checkJsonValue(v, limits).length === 0) === accepted;
      }),
      { numRuns: 1000 },
    );
  });
});
