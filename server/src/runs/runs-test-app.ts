import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../app';
import { connectDatabase, type DatabaseHandle } from '../db/connect';
import { migrate } from '../db/migrate';
import { SecretCipher } from '../secrets/secret-cipher';
import { memoryLogger } from '../test-support/make-test-app';
import { migratedPgliteDump } from '../test-support/migrated-pglite';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';
import { type RunSettings, runSettings } from './run-settings';
import { startRuns } from './start-runs';
import { createRegistry } from './test-nodes';

/** The module worker threads load the test nodes from. */
export const testNodesModule = fileURLToPath(new URL('./test-nodes.ts', import.meta.url));

/** An app with runs executed in this process, on PGlite or a scratch PostgreSQL database, and an analyst token. */
export async function runsTestApp(kind: 'pglite' | 'postgres', overrides: Partial<RunSettings> = {}, workers = true) {
  let handle: DatabaseHandle;
  let drop: (() => Promise<void>) | undefined;
  let url: string | undefined;
  if (kind === 'postgres') {
    const scratch = await scratchPostgresDatabase();
    url = scratch.url;
    drop = scratch.drop;
    handle = await connectDatabase({ kind: 'postgres', url });
  } else handle = await connectDatabase({ kind: 'pglite', loadDataDir: await migratedPgliteDump() });
  await migrate(handle.db);
  const dataDir = await mkdtemp(join(tmpdir(), 'causeway-runs-'));
  const logger = memoryLogger();
  const cipher = new SecretCipher(randomBytes(32));
  const settings = runSettings({}, { threads: 2, heartbeatMs: 200, pollMs: 200, registryModule: testNodesModule, ...overrides });
  const runtime = await startRuns({ db: handle.db, databaseUrl: url, dataDir, cipher, logger, settings, workers });
  const { app, services } = createApp({
    db: handle.db,
    registry: createRegistry(),
    cipher,
    logger,
    bodyLimit: 1024 * 1024,
    corsOrigin: 'http://127.0.0.1:8787',
    runs: runtime.hub,
    ...(runtime.pool === undefined ? {} : { graphTests: runtime.pool.runTests.bind(runtime.pool) }),
  });
  const token = (await services.tokens.create({ name: 'analyst-test', role: 'analyst', createdBy: null })).token;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    app,
    services,
    handle,
    runtime,
    logger,
    dataDir,
    url,
    call,
    async close() {
      await runtime.stop();
      await handle.close();
      await drop?.();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type RunsTestApp = Awaited<ReturnType<typeof runsTestApp>>;

/** Reads server-sent events from a response until `until` says stop or the stream ends. */
export async function readEvents(
  response: Response,
  until: (event: { id: number; event: string; data: Record<string, unknown> }) => boolean = (e) => e.event === 'run:done',
): Promise<Array<{ id: number; event: string; data: Record<string, unknown> }>> {
  const out: Array<{ id: number; event: string; data: Record<string, unknown> }> = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return out;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) => [...block.matchAll(/^(\w+): ?(.*)$/gm)].find((m) => m[1] === name)?.[2];
      const event = {
        id: Number(field('id')),
        event: field('event') ?? 'message',
        data: JSON.parse(field('data') ?? 'null') as Record<string, unknown>,
      };
      out.push(event);
      if (until(event)) {
        await reader.cancel();
        return out;
      }
      end = buffer.indexOf('\n\n');
    }
  }
}

/** A graph document for tests: nodes and `a.out -> b.in` edges. */
export function testGraph(id: string, nodes: Array<{ id: string; type: string; config?: Record<string, unknown> }>, edges: string[] = []) {
  return {
    format: 'causeway.graph/1',
    id,
    name: id,
    nodes: nodes.map((n, i) => ({ id: n.id, type: n.type, version: 1, config: n.config ?? {}, position: [i * 100, 0] })),
    edges: edges.map((e) => {
      const [from = '', to = ''] = e.split(' -> ');
      return { from, to };
    }),
  };
}
