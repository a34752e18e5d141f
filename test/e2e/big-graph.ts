import type { Graph } from '@causeway/sdk';

/** A graph of `n` nodes: chains of 20 (an inline source, then 19 column selections), one chain per row. */
export function bigGraph(n: number): Graph {
  const nodes: Graph['nodes'] = [];
  const edges: Graph['edges'] = [];
  const config = {
    columns: [
      { name: 'a', type: 'number' },
      { name: 'b', type: 'string' },
    ],
    rows: [[1, 'x']],
  };
  for (let i = 0; i < n; i++) {
    const chain = Math.floor(i / 20);
    const step = i % 20;
    const id = `n${i}`;
    if (step === 0) nodes.push({ id, type: 'source.inline', version: 1, config, position: [0, chain * 140] });
    else {
      nodes.push({
        id,
        type: 'transform.select',
        version: 1,
        config: { columns: [{ name: 'a' }, { name: 'b' }] },
        position: [step * 280, chain * 140],
      });
      edges.push({ from: `n${i - 1}.table`, to: `${id}.table` });
    }
  }
  return { format: 'causeway.graph/1', id: 'bench', name: 'Bench', nodes, edges };
}
