import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BuiltPlugin, buildTestPlugin, pluginSource } from '../plugins/test-support/build-test-plugin';
import { packTarball, pluginTarball } from '../plugins/test-support/pack-tarball';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';

const name = '@acme/causeway-upper';
const path = (version: string, rest = '') => `/api/plugins/${encodeURIComponent(name)}/${version}${rest}`;
const source = (version: string, extra = '') => pluginSource(name, version, { upper: `${extra} return { table: inputs.table };` });

function multipart(plugin: BuiltPlugin): FormData {
  const form = new FormData();
  form.set('manifest', new Blob([JSON.stringify(plugin.manifest)], { type: 'application/json' }), 'causeway-plugin.json');
  form.set('bundle', new Blob([plugin.bundle as Uint8Array<ArrayBuffer>], { type: 'text/javascript' }), 'plugin.mjs');
  return form;
}

let v1: BuiltPlugin;
let v11: BuiltPlugin;
let dev: BuiltPlugin;
let importsFs: BuiltPlugin;
beforeAll(async () => {
  [v1, v11, dev, importsFs] = await Promise.all([
    buildTestPlugin(source('1.0.0')),
    buildTestPlugin(source('1.1.0')),
    buildTestPlugin(source('1.2.0-dev')),
    buildTestPlugin(`import { readFileSync } from 'node:fs';\n${source('2.0.0', "readFileSync('/etc/passwd');")}`),
  ]);
}, 60_000);

describe.each(['pglite', 'postgres'] as const)('plugin routes on %s', (kind) => {
  let t: TestApp;
  let drop: (() => Promise<void>) | undefined;
  const upload = (token: string, body: Uint8Array | FormData, route = '/api/plugins') =>
    t.app.request(route, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...(body instanceof FormData ? {} : { 'content-type': 'application/gzip' }) },
      body: body as BodyInit,
    });

  beforeAll(async () => {
    if (kind === 'postgres') {
      const scratch = await scratchPostgresDatabase();
      drop = scratch.drop;
      t = await makeTestApp({ target: { kind: 'postgres', url: scratch.url } });
    } else t = await makeTestApp();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  test('ops installs a tarball; everyone reads the list, the manifest and the bundle; it is audited', async () => {
    const installed = await upload(t.tokens.ops, await pluginTarball(v1));
    expect(installed.status).toBe(201);
    expect(await installed.json()).toMatchObject({
      name,
      version: '1.0.0',
      enabled: true,
      sha256: v1.manifest.bundleSha256,
      installedBy: 'ops-test',
    });

    const list = (await (await t.call('GET', '/api/plugins', { token: t.tokens.analyst })).json()) as { items: unknown[] };
    expect(list.items).toEqual([
      expect.objectContaining({ name, version: '1.0.0', nodes: [{ type: `${name}/upper`, version: 1, title: 'upper' }] }),
    ]);

    const manifest = await t.call('GET', path('1.0.0', '/manifest'), { token: t.tokens.analyst });
    expect(await manifest.json()).toEqual(v1.manifest);

    const bundle = await t.call('GET', path('1.0.0', '/bundle.mjs'), { token: t.tokens.analyst });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(new Uint8Array(await bundle.arrayBuffer())).toEqual(v1.bundle);
    expect((await t.call('GET', path('1.0.0', '/bundle.mjs'))).status).toBe(401);

    const audit = (await (await t.call('GET', '/api/audit', { token: t.tokens.admin })).json()) as {
      items: Array<{ action: string; target: string }>;
    };
    expect(audit.items).toContainEqual(expect.objectContaining({ action: 'plugin.install', target: `plugin:${name}@1.0.0` }));
  });

  test('a second version installs side by side from a multipart upload; the same version again is a conflict', async () => {
    expect((await upload(t.tokens.admin, multipart(v11))).status).toBe(201);
    const list = (await (await t.call('GET', '/api/plugins', { token: t.tokens.analyst })).json()) as { items: Array<{ version: string }> };
    expect(list.items.map((p) => p.version).sort()).toEqual(['1.0.0', '1.1.0']);
    const again = await upload(t.tokens.ops, multipart(v11));
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'CONFLICT' });
  });

  test('developers may not install releases, only replace their own -dev versions', async () => {
    const release = await upload(t.tokens.developer, await pluginTarball(v1));
    expect(release.status).toBe(403);
    const notDev = await upload(t.tokens.developer, await pluginTarball(v11), '/api/plugins/dev');
    expect(notDev.status).toBe(403);
    expect(((await notDev.json()) as { message: string }).message).toContain('-dev');
    for (let i = 0; i < 2; i++) expect((await upload(t.tokens.developer, await pluginTarball(dev), '/api/plugins/dev')).status).toBe(201);
    expect((await upload(t.tokens.analyst, await pluginTarball(dev), '/api/plugins/dev')).status).toBe(403);
  });

  test('developers delete the -dev versions they installed, and no other version', async () => {
    const devPath = (version: string) => `/api/plugins/${encodeURIComponent(name)}/${version}/dev`;
    expect((await t.call('DELETE', devPath('1.0.0'), { token: t.tokens.developer })).status).toBe(403);
    const other = await t.services.tokens.create({ name: 'developer-2', role: 'developer', createdBy: null });
    const notTheirs = await t.call('DELETE', devPath('1.2.0-dev'), { token: other.token });
    expect(notTheirs.status).toBe(403);
    expect(((await notTheirs.json()) as { message: string }).message).toContain(`${name}@1.2.0-dev is not a "-dev" version you installed`);
    expect((await t.call('DELETE', devPath('1.2.0-dev'), { token: t.tokens.analyst })).status).toBe(403);
    expect((await t.call('DELETE', devPath('1.2.0-dev'), { token: t.tokens.developer })).status).toBe(204);
    expect((await t.call('DELETE', devPath('1.2.0-dev'), { token: t.tokens.developer })).status).toBe(404);
  });

  test('disable, enable and remove; unknown versions are 404', async () => {
    const disabled = await t.call('POST', path('1.0.0', '/disable'), { token: t.tokens.ops });
    expect(await disabled.json()).toMatchObject({ version: '1.0.0', enabled: false });
    expect(await (await t.call('POST', path('1.0.0', '/enable'), { token: t.tokens.ops })).json()).toMatchObject({ enabled: true });
    expect((await t.call('POST', path('1.0.0', '/disable'), { token: t.tokens.developer })).status).toBe(403);
    expect((await t.call('DELETE', path('1.1.0'), { token: t.tokens.ops })).status).toBe(204);
    expect((await t.call('DELETE', path('1.1.0'), { token: t.tokens.ops })).status).toBe(404);
    expect((await t.call('GET', path('9.9.9', '/manifest'), { token: t.tokens.ops })).status).toBe(404);
  });

  test('refuses a bundle that imports other modules, a wrong sha256, another API version, a mismatched package.json', async () => {
    const fs = await upload(t.tokens.ops, await pluginTarball(importsFs));
    expect(fs.status).toBe(400);
    expect(await fs.json()).toMatchObject({ code: 'PLUGIN_BUNDLE_INVALID', message: expect.stringContaining('imports "node:fs"') });

    const tampered = { ...v1, manifest: { ...v1.manifest, version: '3.0.0', bundleSha256: 'a'.repeat(64) } };
    const sha = await upload(t.tokens.ops, multipart(tampered));
    expect(await sha.json()).toMatchObject({ code: 'PLUGIN_BUNDLE_INVALID', message: expect.stringContaining('sha256') });

    const future = { ...v1, manifest: { ...v1.manifest, version: '3.0.0', apiVersion: 99 } };
    expect(await (await upload(t.tokens.ops, multipart(future))).json()).toMatchObject({ code: 'PLUGIN_API_UNSUPPORTED' });

    const renamed = await packTarball([
      { name: 'package/package.json', content: JSON.stringify({ name, version: '0.9.0' }) },
      { name: 'package/dist/causeway-plugin.json', content: JSON.stringify({ ...v1.manifest, version: '3.0.0' }) },
      { name: 'package/dist/plugin.mjs', content: v1.bundle },
    ]);
    expect(await (await upload(t.tokens.ops, renamed)).json()).toMatchObject({
      code: 'PLUGIN_MANIFEST_INVALID',
      message: expect.stringContaining('package.json version'),
    });
    const nothing = await t.call('POST', '/api/plugins', { token: t.tokens.ops, body: {} });
    expect(await nothing.json()).toMatchObject({ code: 'REQUEST_INVALID' });
  });
});
