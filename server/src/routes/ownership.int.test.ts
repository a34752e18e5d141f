import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunsTestApp, runsTestApp } from '../runs/runs-test-app';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';

const graphOf = (name: string, test = 0.2) => ({
  format: 'causeway.graph/1',
  id: 'owned',
  name,
  nodes: [
    { id: 'load', type: 'source.inline', version: 1, config: { rows: [] }, position: [0, 0] },
    { id: 'split', type: 'transform.split', version: 1, config: { test, seed: 7 }, position: [260, 0] },
  ],
  edges: [{ from: 'load.table', to: 'split.table' }],
});

const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;

describe.each(['pglite', 'postgres'] as const)('owners of graphs and files on %s', (kind) => {
  let t: TestApp;
  let drop: (() => Promise<void>) | undefined;
  let filesDir: string;
  let other: string;
  beforeAll(async () => {
    filesDir = await mkdtemp(join(tmpdir(), 'causeway-owned-files-'));
    if (kind === 'postgres') {
      const scratch = await scratchPostgresDatabase();
      drop = scratch.drop;
      t = await makeTestApp({ target: { kind: 'postgres', url: scratch.url }, filesDir });
    } else t = await makeTestApp({ filesDir });
    other = (await t.services.tokens.create({ name: 'analyst-two', role: 'analyst', createdBy: null })).token;
    expect((await t.call('POST', '/api/graphs', { token: t.tokens.analyst, body: { graph: graphOf('Owned') } })).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await drop?.();
    await rm(filesDir, { recursive: true, force: true });
  });

  test('only the owner or an admin saves, renames or deletes a graph', async () => {
    const info = (await (await t.call('GET', '/api/graphs/owned', { token: other })).json()) as { owner: string };
    expect(info.owner).toBe('analyst-test');
    for (const [method, path, body] of [
      ['POST', '/api/graphs/owned/versions', { graph: graphOf('Owned', 0.3) }],
      ['PATCH', '/api/graphs/owned', { name: 'Mine now' }],
      ['DELETE', '/api/graphs/owned', undefined],
    ] as const) {
      const refused = await t.call(method, path, { token: other, ...(body === undefined ? {} : { body }) });
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(await codeOf(refused)).toBe('NOT_OWNER');
    }
    expect((await t.call('GET', '/api/graphs/owned/versions', { token: other })).status).toBe(200);
    expect((await t.call('PATCH', '/api/graphs/owned', { token: t.tokens.admin, body: { name: 'Renamed by admin' } })).status).toBe(200);
    const audit = await t.services.audit.list({ limit: 100, offset: 0 });
    expect(audit.items.filter((e) => e.target === 'graph:owned').map((e) => e.actor)).not.toContain('analyst-two');
  });

  test('a save based on an older version is a conflict; based on the latest it goes through', async () => {
    const save = (test: number, baseVersion?: number) =>
      t.call('POST', '/api/graphs/owned/versions', {
        token: t.tokens.analyst,
        body: { graph: graphOf('Owned', test), ...(baseVersion === undefined ? {} : { baseVersion }) },
      });
    const latest = async () =>
      ((await (await t.call('GET', '/api/graphs/owned', { token: other })).json()) as { latestVersion: number }).latestVersion;
    const base = await latest();
    expect((await save(0.4, base)).status).toBe(201);
    // A second editor still on `base` saves something else: refused, nothing written.
    const conflict = await save(0.5, base);
    expect(conflict.status).toBe(409);
    const body = (await conflict.json()) as { code: string; details: Record<string, unknown> };
    expect(body.code).toBe('GRAPH_VERSION_CONFLICT');
    expect(body.details).toEqual({ baseVersion: base, latestVersion: base + 1, latestAuthor: 'analyst-test' });
    expect(await latest()).toBe(base + 1);
    // Saving what the latest version already holds is no change, whatever the base.
    expect((await save(0.4, base)).status).toBe(200);
    // Overwrite: save again on top of the latest.
    expect((await save(0.5, base + 1)).status).toBe(201);
    expect(await latest()).toBe(base + 2);
    expect((await save(0.6, 0)).status).toBe(400);
  });

  test('a file belongs to its uploader: others may not overwrite or delete it, an admin may', async () => {
    const upload = (token: string, text: string) =>
      t.call('POST', '/api/files?name=owned.csv', { token, raw: text, headers: { 'content-type': 'application/octet-stream' } });
    const first = await upload(t.tokens.analyst, 'a,b\n1,2\n');
    expect(first.status).toBe(201);
    expect(((await first.json()) as { owner: string }).owner).toBe('analyst-test');
    const overwrite = await upload(other, 'a,b\n9,9\n');
    expect(overwrite.status).toBe(403);
    expect(await codeOf(overwrite)).toBe('NOT_OWNER');
    expect(await readFile(join(filesDir, 'owned.csv'), 'utf8')).toBe('a,b\n1,2\n');
    expect((await t.call('DELETE', '/api/files/owned.csv', { token: other })).status).toBe(403);
    const listed = (await (await t.call('GET', '/api/files', { token: other })).json()) as {
      items: Array<{ name: string; owner: string }>;
    };
    expect(listed.items.find((f) => f.name === 'owned.csv')?.owner).toBe('analyst-test');
    expect((await t.call('DELETE', '/api/files/owned.csv', { token: t.tokens.admin })).status).toBe(204);
    const again = await upload(other, 'a,b\n3,4\n');
    expect(again.status).toBe(201);
    expect(((await again.json()) as { owner: string }).owner).toBe('analyst-two');
  });
});

describe.each(['pglite', 'postgres'] as const)('owners of runs on %s', (kind) => {
  let t: RunsTestApp;
  beforeAll(async () => {
    t = await runsTestApp(kind, {}, false);
    const graph = {
      ...graphOf('Owned'),
      nodes: [{ id: 'one', type: 'test.constant', version: 1, config: { value: 1 }, position: [0, 0] }],
      edges: [],
    };
    expect((await t.call('POST', '/api/graphs', { graph })).status).toBe(201);
  }, 120_000);
  afterAll(() => t?.close());

  test('a run is cancelled by its owner, ops or an admin, not by another analyst', async () => {
    const tokens = {
      other: (await t.services.tokens.create({ name: 'analyst-two', role: 'analyst', createdBy: null })).token,
      ops: (await t.services.tokens.create({ name: 'ops-one', role: 'ops', createdBy: null })).token,
    };
    const as = (token: string, path: string) => t.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const started = (await (await t.call('POST', '/api/runs', { graphId: 'owned' })).json()) as { id: number; owner: string };
    expect(started.owner).toBe('analyst-test');
    const refused = await as(tokens.other, `/api/runs/${started.id}/cancel`);
    expect(refused.status).toBe(403);
    expect(await codeOf(refused)).toBe('NOT_OWNER');
    expect((await as(tokens.ops, `/api/runs/${started.id}/cancel`)).status).toBe(202);
    const mine = (await (await t.call('POST', '/api/runs', { graphId: 'owned' })).json()) as { id: number };
    expect((await t.call('POST', `/api/runs/${mine.id}/cancel`)).status).toBe(202);
  });
});
