import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InternalError } from '../errors/errors';
import { checkJsonValue } from './check-json-value';
import { parseGraph } from './parse-graph';
import type { Graph } from './schema';
import { serializeGraph } from './serialize-graph';

const churn: Graph = {
  nodes: [
    {
      config: { seed: 7, test: 0.2, nested: { b: [3, { z: 1, a: 2 }], a: null } },
      position: [260, -0.5],
      version: 1,
      type: 'transform.split',
      id: 'split',
      label: 'Split',
    },
    { position: [0, 0], config: {}, id: 'load', version: 2, type: 'source.csv' },
  ],
  notes: [{ text: 'Look here', position: [1, 2], id: 'n1', size: [100, 50] }],
  edges: [{ to: 'split.table', from: 'load.table' }],
  requires: { 'z-pkg': '1', '@acme/causeway-text': '^1.2.0' },
  name: 'Churn model',
  description: 'Predicts churn',
  id: 'churn-model',
  format: 'causeway.graph/1',
};

const expected = `{
  "format": "causeway.graph/1",
  "id": "churn-model",
  "name": "Churn model",
  "description": "Predicts churn",
  "requires": {
    "@acme/causeway-text": "^1.2.0",
    "z-pkg": "1"
  },
  "nodes": [
    {
      "id": "split",
      "type": "transform.split",
      "version": 1,
      "label": "Split",
      "position": [260, -0.5],
      "config": {
        "nested": {
          "a": null,
          "b": [
            3,
            {
              "a": 2,
              "z": 1
            }
          ]
        },
        "seed": 7,
        "test": 0.2
      }
    },
    {
      "id": "load",
      "type": "source.csv",
      "version": 2,
      "position": [0, 0],
      "config": {}
    }
  ],
  "edges": [
    {
      "from": "load.table",
      "to": "split.table"
    }
  ],
  "notes": [
    {
      "id": "n1",
      "text": "Look here",
      "position": [1, 2],
      "size": [100, 50]
    }
  ]
}
`;

const id = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,12}$/);
const port = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
const coordinate = fc.double({ noNaN: true, noDefaultInfinity: true });
// Config values are any JSON a user could save: -0 becomes 0 on the way, forbidden keys are refused.
const configValue = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const config = fc
  .dictionary(fc.string(), configValue, { maxKeys: 5 })
  .map((c) => JSON.parse(JSON.stringify(c)) as Record<string, unknown>)
  .filter((c) => checkJsonValue(c).length === 0);
const node = fc.record(
  {
    id,
    type: fc.constantFrom('source.csv', 'transform.filter', '@acme/x.text-clean'),
    version: fc.integer({ min: 1, max: 9 }),
    config,
    position: fc.tuple(coordinate, coordinate),
    label: fc.string({ maxLength: 20 }),
  },
  { requiredKeys: ['id', 'type', 'version', 'config', 'position'] },
);
const endpoint = fc.tuple(id, port).map(([n, p]) => `${n}.${p}`);
const graphArbitrary: fc.Arbitrary<Graph> = fc
  .record(
    {
      format: fc.constant('causeway.graph/1' as const),
      id,
      name: fc.string({ minLength: 1, maxLength: 30 }),
      description: fc.string({ maxLength: 30 }),
      nodes: fc.array(node, { maxLength: 6 }),
      edges: fc.array(fc.record({ from: endpoint, to: endpoint }), { maxLength: 6 }),
      notes: fc.array(fc.record({ id, text: fc.string(), position: fc.tuple(coordinate, coordinate) }), { maxLength: 2 }),
      requires: fc.dictionary(fc.stringMatching(/^[a-z@][a-z0-9/-]{0,20}$/), fc.constantFrom('^1.0.0', '*', '~2.1')),
    },
    { requiredKeys: ['format', 'id', 'name', 'nodes', 'edges'] },
  )
  .map((g) => JSON.parse(JSON.stringify(g)) as Graph)
  .filter((g) => checkJsonValue(g).length === 0);

/** The same JSON value built with every object's keys inserted in another order. */
function reorder(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorder(v, seed));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let state = seed;
  for (let i = keys.length - 1; i > 0; i--) {
    state = (state * 48271) % 2147483647;
    const j = state % (i + 1);
    [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = reorder(record[key], state);
  return out;
}

describe('serializeGraph', () => {
  it('writes structural keys in their fixed order and config keys sorted', () => {
    expect(serializeGraph(churn)).toBe(expected);
  });

  it('drops undefined optional fields', () => {
    const text = serializeGraph({
      format: 'causeway.graph/1',
      id: 'g',
      name: 'G',
      nodes: [],
      edges: [],
      description: undefined,
    } as unknown as Graph);
    expect(text).toBe('{\n  "format": "causeway.graph/1",\n  "id": "g",\n  "name": "G",\n  "nodes": [],\n  "edges": []\n}\n');
  });

  it('refuses config values that are not JSON data', () => {
    const bad = (value: unknown) => ({ ...churn, nodes: [{ ...churn.nodes[1], config: { value } }] }) as Graph;
    expect(() => serializeGraph(bad(Number.NaN))).toThrow(InternalError);
    expect(() => serializeGraph(bad(new Date(0)))).toThrow(InternalError);
    expect(() => serializeGraph(bad(() => 1))).toThrow(InternalError);
  });

  it('round-trips through parseGraph (property)', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(graphArbitrary, (graph) => {
        const text = serializeGraph(graph);
        const r = parseGraph(text);
        expect(r).toEqual({ ok: true, value: graph });
        expect(text.endsWith('}\n')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('writes the same text whatever order the keys were in (property)', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(graphArbitrary, fc.integer({ min: 1, max: 2147483646 }), (graph, seed) => {
        const text = serializeGraph(graph);
        expect(serializeGraph(reorder(graph, seed) as Graph)).toBe(text);
        const again = parseGraph(text);
        expect(again.ok && serializeGraph(again.value)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('is the same JSON as the graph, only laid out differently (property)', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(graphArbitrary, (graph) => {
        expect(JSON.parse(serializeGraph(graph))).toEqual(graph);
      }),
      { numRuns: 100 },
    );
  });
});
