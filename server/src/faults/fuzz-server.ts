import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { runsTestApp } from '../runs/runs-test-app';
import { operationsOf } from './fuzz-api';

/**
 * The whole API on PGlite or a scratch PostgreSQL database, served over HTTP, with an admin token,
 * one saved graph for routes to find, the node types and the operations. Runs are executed by
 * worker threads when `workers` says so, else only queued.
 */
export async function fuzzServer(kind: 'pglite' | 'postgres', workers = false) {
  const t = await runsTestApp(kind, {}, workers);
  const token = (await t.services.tokens.create({ name: 'fuzz-admin', role: 'admin', createdBy: null })).token;
  const server = createServer(getRequestListener(t.app.fetch));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const types = t.services.registry.list().map((definition) => definition.type);
  const graphId = 'fuzz-target';
  const seeded = await fetch(`${baseUrl}/api/graphs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ graph: { format: 'causeway.graph/1', id: graphId, name: 'Fuzz target', nodes: [], edges: [] } }),
  });
  if (seeded.status !== 201) throw new Error(`seeding the fuzz graph answered ${seeded.status}: ${await seeded.text()}`);
  return {
    app: t,
    baseUrl,
    token,
    types,
    graphId,
    operations: await operationsOf(baseUrl, token),
    async close() {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      await t.close();
    },
  };
}
