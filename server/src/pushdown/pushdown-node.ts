import { type PushdownReport, pushdownLogPrefix } from '@causeway/contract';
import { defineNode, type NodeRegistry, port, type SqlClient, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import { z } from 'zod';
import type { ChainStep } from './chain-sql';
import { runPushed } from './run-pushed';

/** The node type a pushed chain becomes in the graph a server run executes. */
export const pushdownType = 'pushdown.postgres';

const step = z.object({ id: z.string(), type: z.string(), version: z.number().int(), config: z.record(z.string(), z.unknown()) });
const config = z.object({
  sourceId: z.string(),
  source: z.object({
    connection: z.object({ $secret: z.string() }),
    sql: z.string(),
    params: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).default([]),
    rowCap: z.number().int().positive().default(1_000_000),
  }),
  steps: z.array(step).min(1),
});

/**
 * `source.postgres` and the chain of nodes after it, run as one node: the pushable start of the
 * chain as one SQL query, the rest in memory by the nodes' own code. It logs one `pushdown {…}`
 * line with each node's place, the SQL and the reason the chain stopped.
 *
 * @example
 * registry.add(pushdownNode(registry, createPgSqlClient(), 2 ** 31));
 */
export function pushdownNode(registry: NodeRegistry, client: SqlClient, budgetBytes?: number) {
  return defineNode({
    type: pushdownType,
    version: 1,
    category: 'source',
    title: 'PostgreSQL query and pushed nodes',
    description: 'A PostgreSQL query with the nodes after it compiled into it; made by the server when it plans a run.',
    inputs: {},
    outputs: { table: port.table() },
    config,
    runtime: 'server',
    cache: 'volatile',
    infer: () => ({}),
    run: async ({ config, ctx }) => {
      const connection = await ctx.secrets.get(config.source.connection.$secret);
      const chain: ChainStep[] = config.steps.map((s) => ({ id: s.id, type: s.type, config: s.config }));
      const pushed = await runPushed(client, { ...config.source, connection }, chain, {
        signal: ctx.signal,
        sourceId: config.sourceId,
        ...(budgetBytes === undefined ? {} : { budgetBytes }),
      });
      const placements: PushdownReport['placements'] = [
        { nodeId: config.sourceId, where: 'postgres' },
        ...config.steps.map((s, i) => ({ nodeId: s.id, where: i < pushed.pushed ? ('postgres' as const) : ('memory' as const) })),
      ];
      const report: PushdownReport = { placements, sql: pushed.text, reason: pushed.reason ?? null };
      ctx.log('info', `${pushdownLogPrefix}${JSON.stringify(report)}`);
      if (pushed.table.numRows >= config.source.rowCap)
        ctx.log('warn', `The query reached the row cap of ${config.source.rowCap}; further rows were not read.`);
      let table: Table = pushed.table;
      for (const s of config.steps.slice(pushed.pushed)) {
        ctx.signal.throwIfAborted();
        const definition = registry.get(s.type, s.version);
        if (definition === undefined)
          throw new UserError('NODE_TYPE_UNKNOWN', `Node type "${s.type}" version ${s.version} is not registered.`);
        const parsed = definition.config.safeParse(s.config);
        if (!parsed.success) throw new UserError('CONFIG_INVALID', `Invalid config for node ${s.id} (${s.type}).`);
        const out = (await definition.run({ inputs: { table }, config: parsed.data, ctx })) as { table: Table };
        table = out.table;
      }
      return { table };
    },
  });
}
