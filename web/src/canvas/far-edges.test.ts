import { getBezierPath, type InternalNode, Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { farEdgePaths, farSelected } from './far-edges';
import type { FlowEdge } from './to-flow';

function node(id: string, x: number, y: number): InternalNode {
  const handle = (hid: string, type: 'source' | 'target', position: Position, hx: number) => ({
    id: hid,
    type,
    nodeId: id,
    position,
    x: hx,
    y: 40,
    width: 11,
    height: 11,
  });
  return {
    id,
    position: { x, y },
    data: {},
    measured: { width: 200, height: 62 },
    internals: {
      positionAbsolute: { x, y },
      z: 0,
      userNode: { id, position: { x, y }, data: {} },
      handleBounds: { source: [handle('out', 'source', Position.Right, 194)], target: [handle('in', 'target', Position.Left, -5)] },
    },
  } as InternalNode;
}

const edge = (id: string, source: string, target: string, extra: Partial<FlowEdge> = {}): FlowEdge => ({
  id,
  source,
  sourceHandle: 'out',
  target,
  targetHandle: 'in',
  className: 'edge-table',
  ...extra,
});

describe('far edges', () => {
  const nodes = new Map([
    ['a', node('a', 0, 0)],
    ['b', node('b', 280, 0)],
    ['c', node('c', 560, 140)],
  ]);

  it('draws the curve React Flow draws, from the middle of the outer side of each handle', () => {
    const paths = farEdgePaths([edge('e1', 'a', 'b')], (id) => nodes.get(id));
    const [expected] = getBezierPath({
      sourceX: 205,
      sourceY: 45.5,
      sourcePosition: Position.Right,
      targetX: 275,
      targetY: 45.5,
      targetPosition: Position.Left,
    });
    expect(paths).toEqual(new Map([['edge-table', expected]]));
  });

  it('groups edges by class, the selected ones apart, and leaves out edges with an unknown end', () => {
    const paths = farEdgePaths(
      [
        edge('e1', 'a', 'b'),
        edge('e2', 'b', 'c'),
        edge('e3', 'a', 'c', { className: 'edge-model' }),
        edge('e4', 'b', 'c', { selected: true }),
        edge('e5', 'a', 'missing'),
        edge('e6', 'a', 'b', { sourceHandle: 'nope' }),
      ],
      (id) => nodes.get(id),
    );
    expect([...paths.keys()]).toEqual(['edge-table', 'edge-model', farSelected]);
    expect(paths.get('edge-table')?.match(/M/g)).toHaveLength(2);
    expect(paths.get(farSelected)?.match(/M/g)).toHaveLength(1);
  });
});
