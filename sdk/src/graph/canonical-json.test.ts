import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InternalError } from '../errors/errors';
import { canonicalJson } from './canonical-json';

/** Rebuilds a JSON value with every object's keys inserted in a shuffled order. */
function permuteKeys(value: unknown, order: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => permuteKeys(v, order));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  // defineProperty keeps a "__proto__" key an own property, as JSON.parse makes it; assignment would set the prototype.
  for (const key of order(Object.keys(record)))
    Object.defineProperty(out, key, { value: permuteKeys(record[key], order), enumerable: true, writable: true, configurable: true });
  return out;
}

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps arrays in order', () => {
    expect(canonicalJson({ b: [2, 1, { z: 1, y: 2 }], a: { d: true, c: null } })).toBe('{"a":{"c":null,"d":true},"b":[2,1,{"y":2,"z":1}]}');
  });

  it('sorts integer-like keys as strings, not numerically', () => {
    expect(canonicalJson({ 10: 'a', 9: 'b', a: 1 })).toBe('{"10":"a","9":"b","a":1}');
  });

  it('drops undefined properties and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: 1, c: [undefined, 2] })).toBe('{"b":1,"c":[null,2]}');
    expect(canonicalJson({ only: undefined })).toBe('{}');
  });

  it('escapes strings and keys as JSON does', () => {
    const value = { 'k"\n\u2028': 'line\nbreak "quoted" \\ \u0001 \ud800' };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, a: 2 });
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', { a: Number.POSITIVE_INFINITY }],
    ['-Infinity', [Number.NEGATIVE_INFINITY]],
    ['a function', { f: () => 1 }],
    ['a symbol', [Symbol('s')]],
    ['a bigint', { n: 1n }],
    ['a Date', { d: new Date(0) }],
    ['a Map', new Map()],
    ['undefined', undefined],
  ])('rejects %s with an InternalError', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(InternalError);
  });

  it('rejects a cyclic value with an InternalError instead of overflowing the stack', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(InternalError);
  });

  it('parses back to the same value as JSON.stringify (property)', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('keeps a "__proto__" key as JSON does', () => {
    const value = JSON.parse('{"b":1,"__proto__":{"x":false}}') as unknown;
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":false},"b":1}');
    expect(canonicalJson(permuteKeys(value, (k) => [...k].reverse()))).toBe(canonicalJson(value));
  });

  it('does not depend on key insertion order (property)', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        const shuffle = (keys: string[]) => {
          const out = [...keys];
          let s = seed;
          for (let i = out.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) | 0;
            const j = Math.abs(s) % (i + 1);
            [out[i], out[j]] = [out[j] as string, out[i] as string];
          }
          return out;
        };
        expect(canonicalJson(permuteKeys(value, shuffle))).toBe(canonicalJson(value));
        expect(canonicalJson(permuteKeys(value, (k) => [...k].reverse()))).toBe(canonicalJson(value));
      }),
    );
  });

  it('is compact and idempotent through a parse (property)', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});
