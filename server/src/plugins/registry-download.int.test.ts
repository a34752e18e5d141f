import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressPolicy } from '../net/address-policy';
import { createSafeHttpClient } from '../net/safe-fetch';
import { makeTestApp } from '../test-support/make-test-app';
import { checkPluginUpload } from './check-plugin-upload';
import { downloadFromRegistry } from './registry-download';
import { unpackPluginTarball } from './unpack-plugin-tarball';

const run = promisify(execFile);
const pluginDir = fileURLToPath(new URL('../../../plugins/text-features', import.meta.url));
const name = '@causeway/plugin-text';
const signal = new AbortController().signal;
// Loopback is reachable only because this test lists it, as an operator would with CAUSEWAY_HTTP_ALLOW.
const http = createSafeHttpClient({ policy: new AddressPolicy(['127.0.0.1']) });

describe('installing a plugin from an npm registry', () => {
  let work: string;
  let server: Server;
  let registry: string;
  let tarball: Uint8Array;
  const searches: string[] = [];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'causeway-registry-'));
    await run('npm', ['run', 'build', '--silent'], { cwd: pluginDir });
    const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: pluginDir });
    tarball = new Uint8Array(await readFile(join(work, (JSON.parse(stdout) as Array<{ filename: string }>)[0]?.filename ?? '')));
    const sri = (bytes: Uint8Array) => `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
    // A registry as npm's answers: the package document, then each version's tarball.
    server = createServer((request, response) => {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      if (request.url === '/@causeway%2fplugin-text') {
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({
            name,
            versions: {
              '1.0.0': { dist: { tarball: `${base}/good.tgz`, integrity: sri(tarball) } },
              '1.0.1': { dist: { tarball: `${base}/tampered.tgz`, integrity: sri(tarball) } },
              // Integrity holds, but the tarball is another version's: the route must notice.
              '2.0.0': { dist: { tarball: `${base}/good.tgz`, integrity: sri(tarball) } },
              '1.0.2': { dist: { tarball: `${base}/good.tgz`, integrity: `sha1-${createHash('sha1').update(tarball).digest('base64')}` } },
            },
          }),
        );
      } else if (request.url?.startsWith('/-/v1/search?')) {
        const query = new URL(request.url, base).searchParams;
        searches.push(`${query.get('text')}/${query.get('size')}`);
        if (query.get('text') === 'broken') response.writeHead(500).end('down');
        else if (query.get('text') === 'garbled') response.end('<html>');
        else {
          const hit = (name: string, keywords?: string[]) => ({
            package: { name, version: '1.0.0', description: `${name} nodes`, keywords },
          });
          response.setHeader('content-type', 'application/json');
          response.end(
            JSON.stringify({ objects: [hit(name, ['causeway-plugin', 'nlp']), hit('left-pad', ['string']), hit('bare-plugin')] }),
          );
        }
      } else if (request.url === '/good.tgz') response.end(tarball);
      else if (request.url === '/tampered.tgz') response.end(Buffer.concat([Buffer.from(tarball), Buffer.from([0])]));
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }, 180_000);
  afterAll(async () => {
    server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('downloads a version whose bytes match dist.integrity, and it passes the upload checks', async () => {
    const bytes = await downloadFromRegistry(http, registry, name, '1.0.0', signal);
    expect(Buffer.from(bytes).equals(Buffer.from(tarball))).toBe(true);
    const manifest = await checkPluginUpload(await unpackPluginTarball(bytes));
    expect(manifest).toMatchObject({ name, version: '1.0.0' });
  });

  it('refuses a tarball that does not match, a weak digest and a missing version, naming plugin, version and field', async () => {
    await expect(downloadFromRegistry(http, registry, name, '1.0.1', signal)).rejects.toMatchObject({
      code: 'PLUGIN_BUNDLE_INVALID',
      message: `Plugin ${name}@1.0.1: the downloaded tarball does not match the registry's dist.integrity; nothing was installed.`,
      details: { plugin: name, version: '1.0.1', field: 'dist.integrity' },
    });
    await expect(downloadFromRegistry(http, registry, name, '1.0.2', signal)).rejects.toMatchObject({
      code: 'PLUGIN_BUNDLE_INVALID',
      details: { field: 'dist.integrity' },
    });
    await expect(downloadFromRegistry(http, registry, name, '9.9.9', signal)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { plugin: name, version: '9.9.9', field: 'version' },
    });
    await expect(downloadFromRegistry(http, registry, name, '^1.0.0', signal)).rejects.toMatchObject({
      code: 'REQUEST_INVALID',
      details: { field: 'version' },
    });
  });

  it('POST /api/plugins/registry installs a release for ops, and a tampered one leaves nothing installed', async () => {
    const t = await makeTestApp({ pluginRegistry: { url: registry, http } });
    try {
      const install = (version: string, token: string) => t.call('POST', '/api/plugins/registry', { token, body: { name, version } });
      expect((await install('1.0.0', t.tokens.developer)).status).toBe(403);
      const tampered = await install('1.0.1', t.tokens.ops);
      expect(tampered.status).toBe(400);
      expect(await tampered.json()).toMatchObject({
        code: 'PLUGIN_BUNDLE_INVALID',
        details: { plugin: name, version: '1.0.1', field: 'dist.integrity' },
      });
      const swapped = await install('2.0.0', t.tokens.ops);
      expect(await swapped.json()).toMatchObject({
        code: 'PLUGIN_MANIFEST_INVALID',
        details: { plugin: name, version: '2.0.0', field: 'version' },
      });
      const installed = await install('1.0.0', t.tokens.ops);
      expect(installed.status, await installed.clone().text()).toBe(201);
      expect(await installed.json()).toMatchObject({ name, version: '1.0.0', installedBy: 'ops-test' });
      const list = (await (await t.call('GET', '/api/plugins', { token: t.tokens.analyst })).json()) as {
        items: Array<{ version: string }>;
      };
      expect(list.items.map((p) => p.version)).toEqual(['1.0.0']);
    } finally {
      await t.close();
    }
  });

  it('GET /api/plugins/registry/search lists Causeway plugins for ops, and a failing registry is a 502 naming it', async () => {
    const t = await makeTestApp({ pluginRegistry: { url: registry, http } });
    try {
      const search = (q: string, token: string) => t.call('GET', `/api/plugins/registry/search?q=${encodeURIComponent(q)}`, { token });
      expect((await search('text', t.tokens.developer)).status).toBe(403);
      const found = await search('text features', t.tokens.ops);
      expect(found.status).toBe(200);
      // left-pad lists keywords without causeway-plugin; bare-plugin lists none, so it stays.
      expect(await found.json()).toEqual({
        items: [
          { name, version: '1.0.0', description: `${name} nodes` },
          { name: 'bare-plugin', version: '1.0.0', description: 'bare-plugin nodes' },
        ],
      });
      expect(searches).toContain('text features/20');
      for (const q of ['broken', 'garbled']) {
        const failed = await search(q, t.tokens.admin);
        expect(failed.status, q).toBe(502);
        const body = (await failed.json()) as { code: string; message: string; details: unknown };
        expect(body).toMatchObject({ code: 'PLUGIN_REGISTRY_FAILED', details: { registry } });
        expect(body.message).toContain(registry);
      }
    } finally {
      await t.close();
    }
    const bare = await makeTestApp();
    try {
      const refused = await bare.call('GET', '/api/plugins/registry/search?q=text', { token: bare.tokens.ops });
      expect(refused.status).toBe(400);
    } finally {
      await bare.close();
    }
  });

  it('cannot reach a loopback registry through the default policy', async () => {
    const strict = createSafeHttpClient({ policy: new AddressPolicy() });
    await expect(downloadFromRegistry(strict, registry, name, '1.0.0', signal)).rejects.toMatchObject({ code: 'HTTP_BLOCKED' });
  });
});
