import { EdgeLabelRenderer, type InternalNode, type ReactFlowState, useStore } from '@xyflow/react';
import { useMemo } from 'react';
import { farEdgePaths } from '../canvas/far-edges';
import type { FlowEdge } from '../canvas/to-flow';

const selectNodes = (s: ReactFlowState) => [...s.nodeLookup.values()];
// React Flow replaces a node's object when it moves or is measured; the lookup itself is the same Map.
const sameNodes = (a: InternalNode[], b: InternalNode[]) => a.length === b.length && a.every((node, i) => node === b[i]);

/**
 * Zoomed far out, the canvas draws its edges here instead of through React Flow: one path per colour
 * between the cards (below them, in the edge label layer), rebuilt only when nodes or edges change.
 * React Flow's edges are an SVG element and several store subscriptions each, which a zoom out to
 * hundreds of cards mounts, and every pan frame then runs.
 */
export function FarEdges({ edges }: { edges: readonly FlowEdge[] }) {
  const nodes = useStore(selectNodes, sameNodes);
  const paths = useMemo(() => {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    return farEdgePaths(edges, (id) => byId.get(id));
  }, [edges, nodes]);
  return (
    <EdgeLabelRenderer>
      <svg className="far-edges" aria-hidden="true">
        {[...paths].map(([group, d]) => (
          <g key={group} className={group}>
            <path d={d} />
          </g>
        ))}
      </svg>
    </EdgeLabelRenderer>
  );
}
