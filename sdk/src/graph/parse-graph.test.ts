import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCatalog } from '../errors/catalog';
import type { Issue, Result } from '../errors/issue';
import { parseGraph, parseGraphValue } from './parse-graph';
import { isParsedGraph } from './parsed-graphs';
import { type Graph, graphLimits } from './schema';

const churn = {
  format: 'causeway.graph/1',
  id: 'churn-model',
  name: 'Churn model',
  nodes: [
    { id: 'load', type: 'source.csv', version: 1, config: { file: 'churn.csv' }, position: [0, 0] },
    { id: 'split', type: 'transform.split', version: 1, config: { test: 0.2, seed: 7 }, position: [260, 0] },
  ],
  edges: [{ from: 'load.table', to: 'split.table' }],
  requires: { '@acme/causeway-text': '^1.2.0' },
};

function issues(r: Result<Graph>): Issue[] {
  if (r.ok) throw new Error('expected the graph to be rejected');
  return r.issues;
}

function withNodes(count: number) {
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `n${i}`, type: 'transform.x', version: 1, config: {}, position: [i, 0] }));
  return { ...churn, nodes, edges: [] };
}

/** Every rejection names catalog codes and array paths; nothing leaks onto Object.prototype. */
function wellFormed(r: Result<Graph>): boolean {
  if (r.ok) return true;
  return r.issues.length > 0 && r.issues.every((i) => i.code in errorCatalog && Array.isArray(i.path) && typeof i.message === 'string');
}

describe('parseGraph', () => {
  it('reads the example graph', () => {
    expect(parseGraph(JSON.stringify(churn))).toEqual({ ok: true, value: churn });
  });

  it('names the field, the expectation and the node in schema issues', () => {
    const nodes: Array<Record<string, unknown>> = structuredClone(churn.nodes);
    nodes.push({ id: 'bad', type: 'transform.x', version: 0, config: {}, position: [0, 0] });
    (nodes[0] as Record<string, unknown>).colour = 'red';
    const doc = { ...churn, nodes };
    expect(issues(parseGraph(JSON.stringify(doc)))).toEqual([
      {
        code: 'GRAPH_SCHEMA',
        path: ['nodes', 0, 'colour'],
        nodeId: 'load',
        message: expect.stringMatching(/^nodes\[0\]\.colour: unknown field/),
      },
      { code: 'GRAPH_SCHEMA', path: ['nodes', 2, 'version'], nodeId: 'bad', message: 'nodes[2].version: expected an integer ≥ 1, got 0' },
    ]);
  });

  it.each([
    [{ version: 1.5 }, ['version'], 'expected an integer ≥ 1, got 1.5'],
    [{ version: '1' }, ['version'], 'expected an integer ≥ 1, got "1"'],
    [{ config: [] }, ['config'], 'expected an object, got an empty list'],
    [{ position: [0] }, ['position'], 'expected exactly 2 items, got a list of 1 items'],
    [{ id: 'a.b' }, ['id'], 'an id is a letter or _ followed by up to 63 letters, digits, _ or -'],
    [{ type: '' }, ['type'], 'expected a non-empty string, got ""'],
  ])('explains a bad node field %j', (patch, tail, message) => {
    const doc = { ...churn, nodes: [{ ...churn.nodes[0], ...patch }] };
    const [issue] = issues(parseGraph(JSON.stringify(doc)));
    const path = ['nodes', 0, ...tail];
    expect(issue).toMatchObject({ code: 'GRAPH_SCHEMA', path, message: `nodes[0].${tail.join('.')}: ${message}` });
  });

  it('leaves nodeId out when the node has no string id', () => {
    const [issue] = issues(parseGraph(JSON.stringify({ ...churn, nodes: [{ ...churn.nodes[0], id: 5 }] })));
    expect(issue).toEqual({ code: 'GRAPH_SCHEMA', path: ['nodes', 0, 'id'], message: 'nodes[0].id: expected a string, got 5' });
  });

  it('reports a missing required field', () => {
    const { name: _name, ...doc } = churn;
    expect(issues(parseGraph(JSON.stringify(doc)))).toEqual([
      { code: 'GRAPH_SCHEMA', path: ['name'], message: 'name: required: expected a string' },
    ]);
  });

  it('rejects an unknown or newer format before the schema', () => {
    expect(issues(parseGraph(JSON.stringify({ ...churn, format: 'causeway.graph/9' })))[0]?.message).toMatch(/newer version of Causeway/);
    expect(issues(parseGraph('{"nodes": []}'))).toMatchObject([{ code: 'GRAPH_FORMAT_UNKNOWN', path: ['format'] }]);
  });

  it('rejects 5,001 nodes but reads 5,000', () => {
    expect(parseGraph(JSON.stringify(withNodes(graphLimits.nodes))).ok).toBe(true);
    expect(issues(parseGraph(JSON.stringify(withNodes(graphLimits.nodes + 1))))).toEqual([
      { code: 'GRAPH_SCHEMA', path: ['nodes'], message: 'nodes: expected at most 5000 items, got a list of 5001 items' },
    ]);
  });

  it('lists at most 100 schema issues and counts the rest', () => {
    const doc = withNodes(300);
    for (const node of doc.nodes) node.version = 0;
    const found = issues(parseGraph(JSON.stringify(doc)));
    expect(found).toHaveLength(101);
    expect(found[100]).toEqual({ code: 'GRAPH_SCHEMA', path: [], message: '(root): 200 more issues not listed' });
  });

  describe('hostile input', () => {
    it.each([
      ['100,000 levels of nesting', `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 'GRAPH_TOO_DEEP'],
      ['text over 16 MB', `"${'a'.repeat(graphLimits.bytes)}"`, 'GRAPH_TOO_LARGE'],
      ['a 2 MB label', JSON.stringify({ ...churn, name: 'x'.repeat(2_000_000) }), 'GRAPH_STRING_TOO_LONG'],
      ['__proto__', '{"__proto__":{"polluted":1}}', 'GRAPH_FORBIDDEN_KEY'],
      [
        'constructor.prototype in a config',
        JSON.stringify(churn).replace('"file"', '"constructor":{"prototype":{"polluted":1}},"file"'),
        'GRAPH_FORBIDDEN_KEY',
      ],
      ['truncated text', JSON.stringify(churn).slice(0, 100), 'GRAPH_JSON_SYNTAX'],
      ['an empty text', '', 'GRAPH_JSON_SYNTAX'],
      ['a top-level array', '[]', 'GRAPH_SCHEMA'],
    ])('rejects %s with a catalog code', (_name, text, code) => {
      const found = issues(parseGraph(text));
      expect(found[0]?.code).toBe(code);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('accepts lone surrogates in text fields', () => {
      const r = parseGraph(JSON.stringify({ ...churn, name: 'a\ud800b', description: '\udfff' }));
      expect(r.ok && r.value.name).toBe('a\ud800b');
    });

    it('never throws on random JSON text, random text or damaged graphs (property)', { timeout: 30_000 }, () => {
      const valid = JSON.stringify(churn, null, 2);
      const text = fc.oneof(
        fc.json(),
        fc.string(),
        fc.anything().map((v) => JSON.stringify(v) ?? 'undefined'),
        fc.nat(valid.length).map((n) => valid.slice(0, n)),
        fc.tuple(fc.nat(valid.length), fc.json()).map(([n, t]) => valid.slice(0, n) + t + valid.slice(n)),
        fc.jsonValue().map((v) => JSON.stringify({ ...churn, nodes: [{ ...churn.nodes[0], config: v }] })),
        fc.jsonValue().map((v) => `{"__proto__":${JSON.stringify(v)},"constructor":{"prototype":${JSON.stringify(v)}}}`),
      );
      fc.assert(
        fc.property(text, (t) => wellFormed(parseGraph(t))),
        { numRuns: 400 },
      );
      expect(Object.prototype).not.toHaveProperty('polluted');
    });
  });
});

describe('parseGraphValue', () => {
  it('reads an already parsed graph', () => {
    expect(parseGraphValue(structuredClone(churn))).toEqual({ ok: true, value: churn });
  });

  it('still rejects forbidden keys and deep nesting', () => {
    const polluted = JSON.parse('{"nodes":[{"config":{"__proto__":{"polluted":1}}}]}');
    expect(issues(parseGraphValue(polluted))).toMatchObject([{ code: 'GRAPH_FORBIDDEN_KEY', path: ['nodes', 0, 'config', '__proto__'] }]);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(issues(parseGraphValue({ ...churn, deep }))[0]?.code).toBe('GRAPH_TOO_DEEP');
  });

  it('rejects values that are not JSON data', () => {
    const doc = { ...churn, nodes: [{ ...churn.nodes[0], config: { when: new Date(0), run: () => 1 } }] };
    expect(issues(parseGraphValue(doc)).map((i) => i.path)).toEqual([
      ['nodes', 0, 'config', 'when'],
      ['nodes', 0, 'config', 'run'],
    ]);
  });

  it('answers with an issue when a getter or proxy throws', () => {
    const trap = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    );
    expect(issues(parseGraphValue(trap))).toEqual([{ code: 'INTERNAL', path: [], message: '(root): the graph could not be read: trap' }]);
  });

  it('never throws on arbitrary values (property)', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withNullPrototype: true }), (v) =>
        wellFormed(parseGraphValue(v)),
      ),
      {
        numRuns: 300,
      },
    );
  });
});

describe('graphs the parser produced', () => {
  it('are recognised as parsed; copies and edits are not', () => {
    const text = JSON.stringify({ format: 'causeway.graph/1', id: 'g', name: 'G', nodes: [], edges: [] });
    const result = parseGraph(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(isParsedGraph(result.value)).toBe(true);
    expect(isParsedGraph({ ...result.value })).toBe(false);
    expect(isParsedGraph(JSON.parse(text))).toBe(false);
  });
});
