import { describe, expect, it } from 'vitest';
import { autoLayout } from './auto-layout';
import { graphEdits } from './graph-edits';
import { testGraph } from './test-nodes.test-helper';

describe('autoLayout', () => {
  it('places every node, upstream nodes left of downstream ones, without overlaps', async () => {
    const graph = graphEdits.connect(testGraph(), { from: 'pick.table', to: 'fit.table' }, true);
    const positions = await autoLayout(graph, new Map());
    expect([...positions.keys()].sort()).toEqual(['fit', 'load', 'pick']);
    const x = (id: string) => positions.get(id)?.[0] ?? Number.NaN;
    expect(x('load')).toBeLessThan(x('pick'));
    expect(x('pick')).toBeLessThan(x('fit'));
    expect(x('pick') - x('load')).toBeGreaterThanOrEqual(220);
  });
});
