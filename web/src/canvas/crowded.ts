import type { Graph } from '@causeway/sdk';
import { estimatedCardSize } from './to-flow';

/**
 * Whether any two nodes of a graph would overlap drawn at the estimated card size: a graph written
 * without positions (all at the origin) or by hand with cards too close. Sorted by x, then a sweep:
 * O(n log n) for the usual graph.
 */
export function crowded(graph: Graph, size: { width: number; height: number } = estimatedCardSize): boolean {
  const nodes = [...graph.nodes].sort((a, b) => a.position[0] - b.position[0]);
  for (let i = 0; i < nodes.length; i++) {
    const [ax, ay] = (nodes[i] as Graph['nodes'][number]).position;
    for (let j = i + 1; j < nodes.length; j++) {
      const [bx, by] = (nodes[j] as Graph['nodes'][number]).position;
      if (bx >= ax + size.width) break;
      if (Math.abs(by - ay) < size.height) return true;
    }
  }
  return false;
}
