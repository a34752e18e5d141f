import { graphSchema } from '@causeway/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copySelection, pasteGraph } from './clipboard-graph';
import { testGraph } from './test-nodes.test-helper';

describe('copy and paste as graph JSON', () => {
  it('copies the selection with the edges inside it and pastes it with fresh ids and rewired edges', () => {
    const graph = testGraph();
    const text = copySelection(graph, new Set(['load', 'pick']));
    expect(text).toBeDefined();
    const pasted = pasteGraph(graph, text as string, [40, 40]);
    if (!pasted.ok) throw new Error(pasted.reason);
    expect(pasted.value.ids).toEqual(['load_2', 'pick_2']);
    expect(pasted.value.graph.edges).toContainEqual({ from: 'load_2.table', to: 'pick_2.table' });
    expect(pasted.value.graph.nodes.find((n) => n.id === 'pick_2')?.position).toEqual([280, 40]);
    expect(graphSchema.safeParse(pasted.value.graph).success).toBe(true);
  });

  it('leaves out edges that leave the selection', () => {
    const text = copySelection(testGraph(), new Set(['pick']));
    expect(JSON.parse(text as string).edges).toEqual([]);
  });

  it('refuses text that is not a graph, without throwing', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = pasteGraph(testGraph(), text, [0, 0]);
        return !result.ok;
      }),
    );
    expect(pasteGraph(testGraph(), '{"__proto__": {}}', [0, 0]).ok).toBe(false);
  });

  it('never produces duplicate ids however often it pastes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), (times) => {
        let graph = testGraph();
        const text = copySelection(graph, new Set(['load', 'pick', 'fit'])) as string;
        for (let i = 0; i < times; i++) {
          const r = pasteGraph(graph, text, [10, 10]);
          if (!r.ok) return false;
          graph = r.value.graph;
        }
        return new Set(graph.nodes.map((n) => n.id)).size === graph.nodes.length && graph.nodes.length === 3 * (times + 1);
      }),
    );
  });
});
