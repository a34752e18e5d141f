import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topologicalOrder } from './topology';

describe('topologicalOrder', () => {
  it('orders every node of a random DAG after its dependencies', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.tuple(fc.nat(), fc.nat())), (n, pairs) => {
        const ids = Array.from({ length: n }, (_, i) => `n${i}`);
        // Edges only from lower to higher index: acyclic by construction.
        const deps = pairs
          .map(([a, b]) => [a % n, b % n])
          .filter(([a, b]) => (a as number) < (b as number))
          .map(([a, b]) => ({ from: `n${a}`, to: `n${b}` }));
        const { order, cycles } = topologicalOrder(ids, deps);
        expect(cycles).toEqual([]);
        expect([...order].sort()).toEqual([...ids].sort());
        const at = new Map(order.map((id, i) => [id, i]));
        for (const { from, to } of deps) expect(at.get(from)).toBeLessThan(at.get(to) as number);
      }),
    );
  });

  it('finds a cycle that a dead-end branch hangs off', () => {
    const deps = [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'b', to: 'a' },
    ];
    expect(topologicalOrder(['a', 'b', 'c'], deps)).toEqual({ order: [], cycles: [['a', 'b', 'a']] });
  });

  it('reports each cycle as a closed walk along real dependencies', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1 }), (n, pairs) => {
        const ids = Array.from({ length: n }, (_, i) => `n${i}`);
        const deps = pairs.map(([a, b]) => ({ from: `n${a % n}`, to: `n${b % n}` }));
        const { order, cycles } = topologicalOrder(ids, deps);
        const has = new Set(deps.map((d) => `${d.from}>${d.to}`));
        expect(cycles.length > 0).toBe(order.length < n);
        for (const cycle of cycles) {
          expect(cycle[0]).toBe(cycle[cycle.length - 1]);
          for (let i = 0; i + 1 < cycle.length; i++) expect(has.has(`${cycle[i]}>${cycle[i + 1]}`)).toBe(true);
        }
      }),
    );
  });
});
