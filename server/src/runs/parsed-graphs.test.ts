import { UserError } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { ParsedGraphs } from './parsed-graphs';

const graphText = (id: string) => JSON.stringify({ format: 'causeway.graph/1', id, name: id, nodes: [], edges: [] });

describe('ParsedGraphs', () => {
  it('after 100 graph versions with a bound of 64 it holds at most 64', () => {
    const graphs = new ParsedGraphs(64);
    let most = 0;
    for (let i = 1; i <= 100; i++) {
      graphs.get(`g${i}@1`, graphText(`g${i}`));
      most = Math.max(most, graphs.size);
    }
    expect(most).toBe(64);
    expect(graphs.size).toBe(100 - 64);
  });

  it('parses a version once and keeps a graph that cannot be read as its error', () => {
    const graphs = new ParsedGraphs(4);
    const first = graphs.get('a@1', graphText('a'));
    expect(first).not.toBeInstanceOf(UserError);
    expect(graphs.get('a@1', 'not read again')).toBe(first);
    const bad = graphs.get('b@1', '{"nodes": 3}');
    expect(bad).toBeInstanceOf(UserError);
    expect(bad).toMatchObject({ code: 'GRAPH_SCHEMA' });
  });
});
