import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryOutputCache } from './output-cache';

describe('MemoryOutputCache', () => {
  it('returns what was set', () => {
    const cache = new MemoryOutputCache(2);
    const outputs = { value: 1 };
    cache.set('a', outputs);
    expect(cache.get('a')).toBe(outputs);
    expect(cache.get('b')).toBeUndefined();
  });

  it('evicts the least recently used entry', () => {
    const cache = new MemoryOutputCache(2);
    cache.set('a', { v: 1 });
    cache.set('b', { v: 2 });
    cache.get('a');
    cache.set('c', { v: 3 });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual({ v: 1 });
    expect(cache.get('c')).toEqual({ v: 3 });
  });

  it('forgets everything on clear and keeps working after it', () => {
    const cache = new MemoryOutputCache(2);
    cache.set('a', { v: 1 });
    cache.set('b', { v: 2 });
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get('a')).toBeUndefined();
    cache.set('c', { v: 3 });
    cache.set('d', { v: 4 });
    cache.set('e', { v: 5 });
    expect([cache.get('c'), cache.get('d')?.v, cache.get('e')?.v]).toEqual([undefined, 4, 5]);
  });

  it('rejects a capacity below 1', () => {
    expect(() => new MemoryOutputCache(0)).toThrow(RangeError);
  });

  it('behaves like a reference LRU model under random operations', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('get' as const), key: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 9 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 60 }), (capacity, ops) => {
        const cache = new MemoryOutputCache(capacity);
        let model: Array<[string, number]> = [];
        ops.forEach(({ kind, key }, step) => {
          const k = String(key);
          const at = model.findIndex(([mk]) => mk === k);
          if (kind === 'get') {
            const expected = at >= 0 ? model[at]?.[1] : undefined;
            expect(cache.get(k)?.v).toBe(expected);
            if (at >= 0) model = [...model.filter(([mk]) => mk !== k), model[at] as [string, number]];
          } else {
            cache.set(k, { v: step });
            model = [...model.filter(([mk]) => mk !== k), [k, step]];
            if (model.length > capacity) model.shift();
          }
          expect(cache.size).toBe(model.length);
        });
      }),
    );
  });
});
