import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBuiltinRegistry } from '@causeway/nodes';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../cli/main';
import { type BuiltPlugin, buildTestPlugin, pluginSource } from '../plugins/test-support/build-test-plugin';
import { pluginTarball } from '../plugins/test-support/pack-tarball';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';

const name = '@acme/causeway-upper';
let built: BuiltPlugin[] = [];
let dir = '';
beforeAll(async () => {
  built = await Promise.all(
    ['1.0.0', '1.1.0'].map((v) => buildTestPlugin(pluginSource(name, v, { [`upper-${v}`]: 'return { table: inputs.table };' }))),
  );
  dir = await mkdtemp(join(tmpdir(), 'causeway-nodes-'));
  for (const plugin of built) await writeFile(join(dir, `upper-${plugin.manifest.version}.tgz`), await pluginTarball(plugin));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each(['pglite', 'postgres'] as const)('GET /api/nodes on %s', (kind) => {
  let t: TestApp;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const scratch = kind === 'postgres' ? await scratchPostgresDatabase() : undefined;
    drop = scratch?.drop;
    t = await makeTestApp({ registry: createBuiltinRegistry(), ...(scratch ? { target: { kind: 'postgres', url: scratch.url } } : {}) });
    for (const plugin of built) {
      const installed = await t.app.request('/api/plugins', {
        method: 'POST',
        headers: { authorization: `Bearer ${t.tokens.ops}`, 'content-type': 'application/gzip' },
        body: (await pluginTarball(plugin)) as Uint8Array<ArrayBuffer>,
      });
      expect(installed.status).toBe(201);
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  test('lists the newest enabled plugin version with the built-ins, exactly as causeway nodes --json does', async () => {
    const items = async () =>
      ((await (await t.call('GET', '/api/nodes', { token: t.tokens.analyst })).json()) as { items: Array<{ type: string }> }).items;
    const listed = await items();
    expect(listed.filter((n) => n.type.startsWith(`${name}/`)).map((n) => n.type)).toEqual([`${name}/upper-1.1.0`]);
    const out: string[] = [];
    const io = {
      stdout: (t: string) => out.push(t),
      stderr: () => {},
      env: { CAUSEWAY_PLUGINS_DIR: dir },
      signal: new AbortController().signal,
    };
    expect(await main(['nodes', '--json'], io, dir)).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual(listed);

    expect((await t.call('POST', `/api/plugins/${encodeURIComponent(name)}/1.1.0/disable`, { token: t.tokens.ops })).status).toBe(200);
    expect((await items()).filter((n) => n.type.startsWith(`${name}/`)).map((n) => n.type)).toEqual([`${name}/upper-1.0.0`]);
  });
});
