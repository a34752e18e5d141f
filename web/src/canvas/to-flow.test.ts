import { describe, expect, it } from 'vitest';
import { graphEdits } from './graph-edits';
import { testGraph, testRegistry } from './test-nodes.test-helper';
import { type FlowNode, toFlowEdges, toFlowNodes } from './to-flow';

describe('graph ↔ React Flow', () => {
  it('reuses node objects that did not move, so a config edit re-renders nothing in React Flow', () => {
    const graph = testGraph();
    const first = toFlowNodes(graph, new Set(), new Map(), new Map());
    const previous = new Map(first.map((n): [string, FlowNode] => [n.id, n]));
    const edited = graphEdits.setConfig(graph, 'pick', { column: 'b' });
    const moved = graphEdits.move(edited, new Map([['load', [5, 5] as const]]));
    const second = toFlowNodes(moved, new Set(['fit']), new Map(), previous);
    expect(second[1]).toBe(first[1]);
    expect(second[0]).not.toBe(first[0]);
    expect(second[0]?.position).toEqual({ x: 5, y: 5 });
    expect(second[2]).toMatchObject({ selected: true });
  });

  it('draws edges with their handles and the kind of value they carry', () => {
    const edges = toFlowEdges(testGraph(), testRegistry(), new Set(), new Map());
    expect(edges).toEqual([
      expect.objectContaining({
        id: 'load.table->pick.table',
        source: 'load',
        sourceHandle: 'table',
        target: 'pick',
        targetHandle: 'table',
        data: { kind: 'table' },
      }),
    ]);
  });
});
