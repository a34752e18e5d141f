import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Graph } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { arrangeIfCrowded } from './auto-layout';
import { crowded } from './crowded';
import { testGraph } from './test-nodes.test-helper';

const at = (graph: Graph, positions: Array<[number, number]>): Graph => ({
  ...graph,
  nodes: graph.nodes.map((n, i) => ({ ...n, position: positions[i] as [number, number] })),
});

describe('crowded', () => {
  it('finds cards that would overlap, and none in a spaced graph', () => {
    expect(crowded(testGraph())).toBe(false);
    expect(
      crowded(
        at(testGraph(), [
          [0, 0],
          [0, 0],
          [0, 0],
        ]),
      ),
    ).toBe(true);
    expect(
      crowded(
        at(testGraph(), [
          [0, 0],
          [200, 0],
          [600, 0],
        ]),
      ),
    ).toBe(true);
    expect(
      crowded(
        at(testGraph(), [
          [0, 0],
          [100, 200],
          [600, 0],
        ]),
      ),
    ).toBe(false);
  });

  it('lays out every shipped template that overlaps, leaving a spaced graph as it is', async () => {
    const folder = resolve(import.meta.dirname, '../../../templates');
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.json') && !f.endsWith('.tests.json'))) {
      const json = JSON.parse(readFileSync(resolve(folder, file), 'utf8'));
      const graph: Graph = json.graph ?? json;
      expect(crowded(await arrangeIfCrowded(graph)), file).toBe(false);
    }
    const spaced = testGraph();
    expect(await arrangeIfCrowded(spaced)).toBe(spaced);
  });
});
