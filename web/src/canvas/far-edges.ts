import { getBezierPath, type InternalNode, Position } from '@xyflow/react';
import type { FlowEdge } from './to-flow';

type Bounds = NonNullable<InternalNode['internals']['handleBounds']>['source'] | undefined;

/** Where an edge meets a handle, as React Flow computes it (the middle of the handle's outer side). */
function handlePoint(node: InternalNode, bounds: Bounds, handleId: string | null | undefined) {
  const handle = handleId ? bounds?.find((h) => h.id === handleId) : bounds?.[0];
  if (!handle) return undefined;
  const x = node.internals.positionAbsolute.x + handle.x;
  const y = node.internals.positionAbsolute.y + handle.y;
  switch (handle.position) {
    case Position.Left:
      return { x, y: y + handle.height / 2, position: handle.position };
    case Position.Right:
      return { x: x + handle.width, y: y + handle.height / 2, position: handle.position };
    case Position.Top:
      return { x: x + handle.width / 2, y, position: handle.position };
    default:
      return { x: x + handle.width / 2, y: y + handle.height, position: handle.position };
  }
}

/** The group a far edge is drawn in: its kind's class, or `far-selected`. */
export const farSelected = 'far-selected';

/**
 * All edges as one SVG path per colour (edge class, and one for the selected), the same curves
 * React Flow draws, in flow coordinates. Edges whose handles are not known yet are left out, as
 * React Flow leaves them out.
 */
export function farEdgePaths(edges: readonly FlowEdge[], nodeOf: (id: string) => InternalNode | undefined): Map<string, string> {
  const parts = new Map<string, string[]>();
  for (const edge of edges) {
    const source = nodeOf(edge.source);
    const target = nodeOf(edge.target);
    if (!source || !target) continue;
    const from = handlePoint(source, source.internals.handleBounds?.source, edge.sourceHandle);
    const to = handlePoint(target, target.internals.handleBounds?.target, edge.targetHandle);
    if (!from || !to) continue;
    const [d] = getBezierPath({
      sourceX: from.x,
      sourceY: from.y,
      sourcePosition: from.position,
      targetX: to.x,
      targetY: to.y,
      targetPosition: to.position,
    });
    const group = edge.selected ? farSelected : (edge.className ?? '');
    const list = parts.get(group);
    if (list) list.push(d);
    else parts.set(group, [d]);
  }
  return new Map([...parts].map(([group, list]) => [group, list.join('')]));
}
