import { describe, expect, it } from 'vitest';
import { testGraph, testRegistry } from '../canvas/test-nodes.test-helper';
import { fullAnalysis } from '../runner/full-analysis';
import { inputColumns } from './input-columns';

describe('inputColumns', () => {
  it('offers the columns propagated into a node, and none to a node with no input', () => {
    const graph = testGraph();
    const ports = new Map(fullAnalysis(graph, testRegistry()).ports);
    expect(inputColumns(graph, ports, 'pick').map((c) => c.name)).toEqual(['a', 'b']);
    expect(inputColumns(graph, ports, 'fit')).toEqual([]);
  });
});
