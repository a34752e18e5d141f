import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../canvas/analyze-graph';
import { testGraph, testRegistry } from '../canvas/test-nodes.test-helper';
import { inputColumns } from './input-columns';

describe('inputColumns', () => {
  it('offers the columns propagated into a node, and none to a node with no input', () => {
    const graph = testGraph();
    const { ports } = analyzeGraph(graph, testRegistry());
    expect(inputColumns(graph, ports, 'pick').map((c) => c.name)).toEqual(['a', 'b']);
    expect(inputColumns(graph, ports, 'fit')).toEqual([]);
  });
});
