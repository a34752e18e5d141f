import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryOutputCache } from './output-cache';
import { runGraph } from './run-graph';
import { graph, recordingRegistry, started } from './test-nodes';

interface Dag {
  size: number;
  /** [from, to] with from < to in creation order, so the graph is acyclic. */
  edges: Array<[number, number]>;
  /** The order nodes appear in the file, so the engine cannot lean on file order. */
  fileOrder: number[];
  yields: number[];
}

const dag = fc.integer({ min: 1, max: 60 }).chain((size) =>
  fc.record({
    size: fc.constant(size),
    // Pairs become edges from the lower to the higher index; self-pairs and repeats are dropped (no filter, which a 1-node graph could never satisfy).
    edges: fc.array(fc.tuple(fc.nat(size - 1), fc.nat(size - 1)), { maxLength: size * 2 }).map((pairs) => {
      const seen = new Map<string, [number, number]>();
      for (const [x, y] of pairs) if (x !== y) seen.set(`${Math.min(x, y)}-${Math.max(x, y)}`, [Math.min(x, y), Math.max(x, y)]);
      return [...seen.values()];
    }),
    fileOrder: fc.shuffledSubarray([...Array(size).keys()], { minLength: size, maxLength: size }),
    yields: fc.array(fc.nat(4), { minLength: size, maxLength: size }),
  }),
);

const graphOf = (d: Dag, adds: (i: number) => number = () => 1) =>
  graph(
    d.fileOrder.map((i) => ({ id: `n${i}`, type: 'test.sum', config: { add: adds(i), yields: d.yields[i] ?? 0 } })),
    d.edges.map(([a, b]) => `n${a}.out -> n${b}.in`),
  );

function downstreamOf(d: Dag, start: number): Set<string> {
  const out = new Set([`n${start}`]);
  // Edges go from lower to higher creation index, so one pass in index order closes the set.
  for (const [a, b] of [...d.edges].sort((x, y) => x[0] - y[0])) if (out.has(`n${a}`)) out.add(`n${b}`);
  return out;
}

describe('runGraph properties', () => {
  it('runs every node of a random DAG exactly once, each after everything feeding it, within the concurrency bound', async () => {
    await fc.assert(
      fc.asyncProperty(dag, fc.integer({ min: 1, max: 8 }), async (d, concurrency) => {
        const { registry, trace } = recordingRegistry();
        const result = await runGraph(graphOf(d), { registry, concurrency });
        expect(result.status).toBe('succeeded');
        const ids = started(trace);
        expect(ids).toHaveLength(d.size);
        expect(new Set(ids).size).toBe(d.size);
        const at = new Map(trace.events.map((e, i) => [`${e.kind} ${e.id}`, i]));
        for (const [a, b] of d.edges) expect(at.get(`end n${a}`) as number).toBeLessThan(at.get(`start n${b}`) as number);
        expect(trace.maxRunning).toBeLessThanOrEqual(concurrency);
        expect(trace.running).toBe(0);
      }),
      { numRuns: 80 },
    );
  });

  it('after a config edit, re-runs exactly the edited node and what is downstream of it', async () => {
    await fc.assert(
      fc.asyncProperty(
        dag.chain((d) => fc.tuple(fc.constant(d), fc.nat(d.size - 1))),
        async ([d, edited]) => {
          const { registry, trace } = recordingRegistry();
          const cache = new MemoryOutputCache(200);
          await runGraph(graphOf(d), { registry, cache });
          trace.events.length = 0;
          const result = await runGraph(
            graphOf(d, (i) => (i === edited ? 2 : 1)),
            { registry, cache },
          );
          expect(new Set(started(trace))).toEqual(downstreamOf(d, edited));
          expect(started(trace)).toHaveLength(downstreamOf(d, edited).size);
          // Outputs equal a run from scratch.
          const fresh = await runGraph(
            graphOf(d, (i) => (i === edited ? 2 : 1)),
            { registry },
          );
          expect(result.outputs).toEqual(fresh.outputs);
        },
      ),
      { numRuns: 80 },
    );
  });
});
