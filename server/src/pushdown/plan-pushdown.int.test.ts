import { createBuiltinRegistry } from '@causeway/nodes';
import { type Graph, graphFormat, type RunEvent, runGraph } from '@causeway/sdk';
import { memorySecrets, rowsOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { createPgSqlClient } from '../sql/pg-sql-client';
import { planPushdown } from './plan-pushdown';

const registry = createBuiltinRegistry();
const sql = createPgSqlClient();
const secrets = memorySecrets({ warehouse: 'postgres://postgres@127.0.0.1:5432/test' });

const node = (id: string, type: string, config: Record<string, unknown>) => ({
  id,
  type,
  version: 1,
  config,
  position: [0, 0] as [number, number],
});
const graph: Graph = {
  format: graphFormat,
  id: 'pushed',
  name: 'pushed',
  nodes: [
    node('src', 'source.postgres', {
      connection: { $secret: 'warehouse' },
      sql: 'select g as id, g % 7 as grp, (g * 0.5)::float8 as half, $1::text || g as tag from generate_series(1, 2000) g',
      params: ['t'],
    }),
    node('keep', 'transform.filter', { where: 'grp != 3 and half > 10' }),
    node('calc', 'transform.derive', { columns: [{ name: 'score', expression: 'round(half * 1.5, 1) + id % 5' }] }),
    node('pick', 'transform.select', { columns: [{ name: 'id' }, { name: 'score' }, { name: 'tag', as: 'label' }] }),
    node('top', 'transform.sort', { keys: [{ column: 'score', descending: true }, { column: 'id' }] }),
    node('bins', 'transform.bin', { column: 'score', method: 'equal_width', bins: 4 }),
  ],
  edges: [
    { from: 'src.table', to: 'keep.table' },
    { from: 'keep.table', to: 'calc.table' },
    { from: 'calc.table', to: 'pick.table' },
    { from: 'pick.table', to: 'top.table' },
    { from: 'top.table', to: 'bins.table' },
  ],
};

describe('push-down in a run', () => {
  it('runs source, filter, derive, select and sort as one query, the rest in memory, with the same rows', async () => {
    const events: RunEvent[] = [];
    const pushed = planPushdown(graph, registry, sql);
    expect(pushed.chains).toEqual([{ sourceId: 'src', members: ['keep', 'calc', 'pick', 'top'], lastId: 'top' }]);
    const result = await runGraph(pushed.graph, { registry: pushed.registry, secrets, sql, onEvent: pushed.events((e) => events.push(e)) });
    const plain = await runGraph(graph, { registry, secrets, sql });
    expect(result.issues).toEqual([]);
    expect(result.status).toBe('succeeded');
    expect(plain.status).toBe('succeeded');
    const rows = (r: typeof result, id: string) => rowsOf(r.outputs.get(id)?.table as never);
    expect(rows(result, 'top')).toEqual(rows(plain, 'top'));
    expect(rows(result, 'bins')).toEqual(rows(plain, 'bins'));
    const logs = events.flatMap((e) => (e.type === 'node:log' ? [`${e.nodeId}: ${e.message}`] : []));
    expect(logs).toContain('src: Ran in PostgreSQL.');
    expect(logs).toContain('keep: Ran in PostgreSQL.');
    expect(logs).toContain('top: Ran in PostgreSQL.');
    const report = logs.find((line) => line.startsWith('top: pushdown '));
    expect(report).toContain('order by');
    const done = events.flatMap((e) => (e.type === 'node:done' ? [e.nodeId] : []));
    expect(done.sort()).toEqual(['bins', 'calc', 'keep', 'pick', 'src', 'top']);
    expect(Object.keys(rows(result, 'top')[0] ?? {})).toEqual(['id', 'score', 'label']);
  });

  it('keeps the rest of a chain in memory from the first node without an exact SQL form', async () => {
    const chain: Graph = { ...graph, nodes: graph.nodes.slice(0, 3), edges: graph.edges.slice(0, 2) };
    const nodes = chain.nodes.map((n) =>
      n.id === 'calc' ? { ...n, config: { columns: [{ name: 'e', expression: 'exp(half / 100)' }] } } : n,
    );
    const events: RunEvent[] = [];
    const pushed = planPushdown({ ...chain, nodes }, registry, sql);
    const result = await runGraph(pushed.graph, { registry: pushed.registry, secrets, sql, onEvent: pushed.events((e) => events.push(e)) });
    const plain = await runGraph({ ...chain, nodes }, { registry, secrets, sql });
    expect(rowsOf(result.outputs.get('calc')?.table as never)).toEqual(rowsOf(plain.outputs.get('calc')?.table as never));
    const logs = events.flatMap((e) => (e.type === 'node:log' ? [`${e.nodeId}: ${e.message}`] : []));
    expect(logs).toContain('keep: Ran in PostgreSQL.');
    expect(logs).toContain('calc: Ran in memory (exp may differ from PostgreSQL in the last bit).');
  });

  it('refuses a result over the table budget before reading it, naming the node and the estimate', async () => {
    const pushed = planPushdown(graph, registry, sql, { enabled: true, budgetBytes: 1000 });
    const result = await runGraph(pushed.graph, { registry: pushed.registry, secrets, sql });
    expect(result.status).toBe('failed');
    const error = result.errors[0];
    expect(error?.code).toBe('TABLE_BUDGET_EXCEEDED');
    expect(error?.message).toMatch(
      /Node top: its result is estimated at \d+ rows × \d+ bytes ≈ [\d.]+ MiB, over CAUSEWAY_TABLE_BUDGET_BYTES/,
    );
  });

  it('leaves the graph alone when push-down is off', () => {
    const off = planPushdown(graph, registry, sql, { enabled: false, budgetBytes: 1000 });
    expect(off.graph).toBe(graph);
    expect(off.chains).toEqual([]);
  });

  it('pushes date-parts and strings as the expressions they are in memory', async () => {
    const parts: Graph = {
      ...graph,
      nodes: [
        node('src', 'source.postgres', {
          connection: { $secret: 'warehouse' },
          sql: "select g as id, timestamp '2023-12-30 22:00' + g * interval '7 hours' as at, ' n,' || (g % 5) || ',x ' as name from generate_series(1, 500) g",
        }),
        node('parts', 'transform.date-parts', { column: 'at', parts: ['year', 'month', 'day', 'weekday', 'hour'] }),
        node('text', 'transform.strings', {
          ops: [
            { fn: 'trim', column: 'name' },
            { fn: 'split', column: 'name', separator: ',', part: -2, as: 'piece' },
            { fn: 'contains', column: 'name', part: 'n,3' },
            { fn: 'length', column: 'piece' },
          ],
        }),
      ],
      edges: [
        { from: 'src.table', to: 'parts.table' },
        { from: 'parts.table', to: 'text.table' },
      ],
    };
    const events: RunEvent[] = [];
    const pushed = planPushdown(parts, registry, sql);
    const result = await runGraph(pushed.graph, { registry: pushed.registry, secrets, sql, onEvent: pushed.events((e) => events.push(e)) });
    const plain = await runGraph(parts, { registry, secrets, sql });
    const rows = (r: typeof result) => rowsOf(r.outputs.get('text')?.table as never);
    expect(rows(result)).toEqual(rows(plain));
    expect(rows(result)[0]).toMatchObject({
      at_year: 2023,
      at_weekday: 7,
      name: 'n,1,x',
      piece: '1',
      name_contains: false,
      piece_length: 1,
    });
    const logs = events.flatMap((e) => (e.type === 'node:log' ? [`${e.nodeId}: ${e.message}`] : []));
    expect(logs).toEqual(expect.arrayContaining(['parts: Ran in PostgreSQL.', 'text: Ran in PostgreSQL.']));
  });

  it('leaves a node with an invalid config in the graph, so the run is refused as before', async () => {
    const nodes = graph.nodes.map((n) => (n.id === 'calc' ? { ...n, config: { columns: [] } } : n));
    const pushed = planPushdown({ ...graph, nodes }, registry, sql);
    expect(pushed.chains).toEqual([{ sourceId: 'src', members: ['keep'], lastId: 'keep' }]);
    const result = await runGraph(pushed.graph, { registry: pushed.registry, secrets, sql });
    expect(result.status).toBe('invalid');
    expect(result.issues[0]).toMatchObject({ code: 'CONFIG_INVALID', nodeId: 'calc' });
  });
});
