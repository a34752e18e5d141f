import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGraph } from '../graph/parse-graph';
import type { Graph } from '../graph/schema';
import { testRegistry } from './test-nodes.test-helper';
import { validateGraph } from './validate-graph';

const registry = testRegistry();

function graph(nodes: Array<Partial<Graph['nodes'][number]> & { id: string; type: string }>, edges: Array<[string, string]>): Graph {
  return {
    format: 'causeway.graph/1',
    id: 'g',
    name: 'Test graph',
    nodes: nodes.map((n, i) => ({ version: 1, config: {}, position: [i * 200, 0] as [number, number], ...n })),
    edges: edges.map(([from, to]) => ({ from, to })),
  };
}

const codes = (g: unknown) => validateGraph(g, registry).issues.map((i) => i.code);

describe('validateGraph', () => {
  it('accepts a sound graph', () => {
    const g = graph(
      [
        { id: 'load', type: 'test.source', config: { columns: ['age', 'name'] } },
        { id: 'pick', type: 'test.pick', version: 2, config: { column: 'age' } },
      ],
      [['load.table', 'pick.table']],
    );
    expect(validateGraph(g, registry)).toEqual({ ok: true, issues: [] });
  });

  it('reports unknown node types and versions at the node', () => {
    const { issues } = validateGraph(
      graph(
        [
          { id: 'a', type: 'test.nope' },
          { id: 'b', type: 'test.source', version: 3 },
        ],
        [],
      ),
      registry,
    );
    expect(issues).toEqual([
      { code: 'NODE_TYPE_UNKNOWN', path: ['nodes', 0, 'type'], nodeId: 'a', message: 'Unknown node type "test.nope".' },
      {
        code: 'NODE_VERSION_UNKNOWN',
        path: ['nodes', 1, 'version'],
        nodeId: 'b',
        message: 'Node type "test.source" has no version 3 (known: 1).',
      },
    ]);
  });

  it('reports config errors with a path into the config', () => {
    const g = graph(
      [
        { id: 'load', type: 'test.source' },
        { id: 'pick', type: 'test.pick', version: 2, config: { column: 'a', limit: 11 } },
      ],
      [['load.table', 'pick.table']],
    );
    const [issue] = validateGraph(g, registry).issues;
    expect(issue).toMatchObject({ code: 'CONFIG_INVALID', path: ['nodes', 1, 'config', 'limit'], nodeId: 'pick' });
    expect(issue?.message).toMatch(/^limit: /);
  });

  it('refuses an unknown config key at its path, saying which key was likely meant', () => {
    const g = graph(
      [
        { id: 'load', type: 'test.source', config: { column: ['a'] } },
        { id: 'pick', type: 'test.pick', version: 2, config: { column: 'a', limt: 3, zzz: true } },
      ],
      [['load.table', 'pick.table']],
    );
    expect(validateGraph(g, registry).issues).toEqual([
      {
        code: 'CONFIG_INVALID',
        path: ['nodes', 0, 'config', 'column'],
        nodeId: 'load',
        message: `column: unknown key "column" — did you mean 'columns'?`,
      },
      {
        code: 'CONFIG_INVALID',
        path: ['nodes', 1, 'config', 'limt'],
        nodeId: 'pick',
        message: `limt: unknown key "limt" — did you mean 'limit'?`,
      },
      {
        code: 'CONFIG_INVALID',
        path: ['nodes', 1, 'config', 'zzz'],
        nodeId: 'pick',
        message: 'zzz: unknown key "zzz" (the keys here: column, limit)',
      },
    ]);
  });

  it('migrates an older config before checking it', () => {
    const g = graph(
      [
        { id: 'load', type: 'test.source', config: { columns: ['x'] } },
        { id: 'pick', type: 'test.pick', version: 1, config: { col: 'x' } },
      ],
      [['load.table', 'pick.table']],
    );
    expect(validateGraph(g, registry).ok).toBe(true);
  });

  it('reports unknown nodes and ports on edges, naming the known ports', () => {
    const g = graph(
      [
        { id: 'load', type: 'test.source' },
        { id: 'pick', type: 'test.pick', version: 2, config: { column: 'a' } },
      ],
      [
        ['load.table', 'pick.table'],
        ['load.tabel', 'pick.extra'],
        ['ghost.table', 'pick.extra'],
      ],
    );
    const { issues } = validateGraph(g, registry);
    expect(issues).toContainEqual({
      code: 'PORT_UNKNOWN',
      path: ['edges', 1, 'from'],
      nodeId: 'load',
      message: 'Node "load" has no output port "tabel" (its outputs: table).',
    });
    expect(issues).toContainEqual({ code: 'EDGE_NODE_UNKNOWN', path: ['edges', 2, 'from'], message: 'No node has the id "ghost".' });
  });

  it('refuses an edge between ports of different kinds', () => {
    const g = graph(
      [
        { id: 'load', type: 'test.source' },
        { id: 'sink', type: 'test.model-sink' },
      ],
      [['load.table', 'sink.model']],
    );
    expect(codes(g)).toEqual(['PORT_KIND_MISMATCH', 'PORT_INPUT_MISSING']);
  });

  it('refuses two edges into a single input but accepts them into a multiple one', () => {
    const nodes = [
      { id: 'a', type: 'test.source' },
      { id: 'b', type: 'test.source' },
      { id: 'pick', type: 'test.pick', version: 2, config: { column: 'a' } },
      { id: 'all', type: 'test.union' },
    ];
    expect(
      codes(
        graph(nodes, [
          ['a.table', 'pick.table'],
          ['b.table', 'pick.table'],
          ['a.table', 'all.tables'],
          ['b.table', 'all.tables'],
        ]),
      ),
    ).toEqual(['PORT_MULTIPLE_EDGES']);
  });

  it('reports open required inputs, duplicate ids and duplicate edges', () => {
    const g = graph(
      [
        { id: 'a', type: 'test.source' },
        { id: 'a', type: 'test.source' },
        { id: 'pick', type: 'test.pick', version: 2, config: { column: 'a' } },
        { id: 'all', type: 'test.union' },
      ],
      [
        ['a.table', 'all.tables'],
        ['a.table', 'all.tables'],
      ],
    );
    expect(codes(g)).toEqual(['GRAPH_DUPLICATE_ID', 'EDGE_DUPLICATE', 'PORT_INPUT_MISSING']);
  });

  it('names the nodes on a cycle', () => {
    const g = graph(
      [
        { id: 'load', type: 'test.source' },
        { id: 'all', type: 'test.union' },
        { id: 'p1', type: 'test.pick', version: 2, config: { column: 'a' } },
        { id: 'p2', type: 'test.pick', version: 2, config: { column: 'a' } },
      ],
      [
        ['load.table', 'all.tables'],
        ['p2.table', 'all.tables'],
        ['all.table', 'p1.table'],
        ['p1.table', 'p2.table'],
      ],
    );
    const cycle = validateGraph(g, registry).issues.find((i) => i.code === 'GRAPH_CYCLE');
    expect(cycle?.message).toBe('The graph has a cycle: all → p1 → p2 → all.');
  });

  it('propagates schemas and reports design-time errors on the config field', () => {
    const g = graph(
      [
        { id: 'load', type: 'test.source', config: { columns: ['age'] } },
        { id: 'p1', type: 'test.pick', version: 2, config: { column: 'age' } },
        { id: 'p2', type: 'test.pick', version: 2, config: { column: 'name' } },
      ],
      [
        ['load.table', 'p1.table'],
        ['p1.table', 'p2.table'],
      ],
    );
    expect(validateGraph(g, registry).issues).toEqual([
      { code: 'SCHEMA_INVALID', path: ['nodes', 2, 'config', 'column'], nodeId: 'p2', message: 'Unknown column "name".' },
    ]);
    expect(validateGraph(g, registry, { infer: false }).ok).toBe(true);
  });

  it('reports a malformed document through the format schema', () => {
    const { ok, issues } = validateGraph({ format: 'causeway.graph/1', id: 'g', name: 'x', nodes: [{ id: 'a' }], edges: [] }, registry);
    expect(ok).toBe(false);
    expect(issues[0]).toMatchObject({ code: 'GRAPH_SCHEMA', path: ['nodes', 0, 'type'] });
  });

  it('trusts the format of a graph the parser produced, and checks an edited copy in full', () => {
    const g = graph(
      [
        { id: 'load', type: 'test.source' },
        { id: 'pick', type: 'test.pick', version: 2, config: { column: 'a' } },
      ],
      [['load.table', 'pick.table']],
    );
    const parsed = parseGraph(JSON.stringify(g));
    if (!parsed.ok) throw new Error('the test graph parses');
    expect(validateGraph(parsed.value, registry)).toEqual({ ok: true, issues: [] });
    const edited = {
      ...parsed.value,
      nodes: [...parsed.value.nodes, { id: 'bad id!', type: 'test.source', version: 1, config: {}, position: [0, 0] }],
    };
    expect(validateGraph(edited, registry).issues[0]).toMatchObject({ code: 'GRAPH_SCHEMA', path: ['nodes', 2, 'id'] });
  });

  it('never throws and never touches Object.prototype on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (value) => {
        const result = validateGraph(value, registry);
        expect(result.ok).toBe(false);
        for (const issue of result.issues) {
          expect(typeof issue.code).toBe('string');
          expect(Array.isArray(issue.path)).toBe(true);
        }
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('never throws on random graph-shaped input, and every rejection has a code and a path', () => {
    const types = fc.constantFrom('test.source', 'test.pick', 'test.union', 'test.model-sink', 'test.none', '__proto__');
    const ids = fc.constantFrom('a', 'b', 'c', 'd', 'constructor', '__proto__');
    const ports = fc.constantFrom('table', 'tables', 'model', 'extra', 'x');
    const node = fc.record({
      id: ids,
      type: types,
      version: fc.integer({ min: 0, max: 3 }),
      config: fc.dictionary(fc.constantFrom('column', 'columns', 'limit', 'col', '__proto__'), fc.jsonValue()),
      position: fc.tuple(fc.integer(), fc.integer()),
    });
    const edge = fc.record({
      from: fc.tuple(ids, ports).map(([n, p]) => `${n}.${p}`),
      to: fc.tuple(ids, ports).map(([n, p]) => `${n}.${p}`),
    });
    fc.assert(
      fc.property(fc.array(node, { maxLength: 6 }), fc.array(edge, { maxLength: 8 }), (nodes, edges) => {
        const result = validateGraph({ format: 'causeway.graph/1', id: 'g', name: 'g', nodes, edges }, registry);
        for (const issue of result.issues) {
          expect(issue.code).not.toBe('INTERNAL');
          expect(issue.path.length).toBeGreaterThanOrEqual(0);
          expect(issue.message.length).toBeGreaterThan(0);
        }
        expect(result.ok).toBe(result.issues.length === 0);
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  }, 30_000);
});
