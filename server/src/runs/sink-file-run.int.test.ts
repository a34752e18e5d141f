import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunsTestApp, runsTestApp } from './runs-test-app';

type Run = { id: number; status: string; error: { code: string; message: string } | null };

const graph = (id: string, path: string) => ({
  format: 'causeway.graph/1',
  id,
  name: id,
  nodes: [
    {
      id: 'people',
      type: 'source.inline',
      version: 1,
      position: [0, 0],
      config: {
        columns: [
          { name: 'id', type: 'integer' },
          { name: 'name', type: 'string' },
        ],
        rows: [
          [1, 'Ada'],
          [2, 'Grace'],
        ],
      },
    },
    { id: 'save', type: 'sink.file', version: 1, position: [260, 0], config: { path, format: 'jsonl' } },
  ],
  edges: [{ from: 'people.table', to: 'save.table' }],
});

// A server run of sink.file writes into the data dir's exports folder, and nowhere else.
describe('sink.file in a server run', () => {
  let t: RunsTestApp;
  const finished = async (id: number): Promise<Run> => {
    for (;;) {
      const run = (await (await t.call('GET', `/api/runs/${id}`)).json()) as Run;
      if (!['queued', 'running'].includes(run.status)) return run;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    t = await runsTestApp('pglite', { runTimeoutMs: 60_000 });
  }, 120_000);
  afterAll(() => t?.close());

  it('writes the file under <dataDir>/exports at its relative path', { timeout: 60_000 }, async () => {
    expect((await t.call('POST', '/api/graphs', { graph: graph('writes', 'daily/people.jsonl') })).status).toBe(201);
    const started = (await (await t.call('POST', '/api/runs', { graphId: 'writes' })).json()) as Run;
    const run = await finished(started.id);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(await readFile(join(t.dataDir, 'exports', 'daily', 'people.jsonl'), 'utf8')).toBe(
      '{"id":1,"name":"Ada"}\n{"id":2,"name":"Grace"}\n',
    );
  });

  it('fails a run whose path leads out of the exports folder before any node runs, naming the field', { timeout: 60_000 }, async () => {
    const saved = (await (await t.call('POST', '/api/graphs', { graph: graph('escapes', '../people.jsonl') })).json()) as {
      issues: unknown[];
    };
    const issue = { code: 'CONFIG_INVALID', nodeId: 'save', path: ['nodes', 1, 'config', 'path'] };
    expect(saved.issues).toMatchObject([issue]);
    const started = (await (await t.call('POST', '/api/runs', { graphId: 'escapes' })).json()) as Run;
    const run = await finished(started.id);
    expect(run.status).toBe('invalid');
    expect(run.error?.message).toContain('"../people.jsonl" leads out of the export folder');
    await expect(readFile(join(t.dataDir, 'people.jsonl'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
