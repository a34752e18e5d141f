import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedEditor, startServedEditor } from './served-editor';

const run = promisify(execFile);
const pluginDir = resolve(import.meta.dirname, '../../plugins/text-features');
const name = '@causeway/plugin-text';

let served: ServedEditor;
let registry: Server;
let registryUrl: string;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'causeway-registry-page-'));
  await run('npm', ['run', 'build', '--silent'], { cwd: pluginDir });
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: pluginDir });
  const tarball = await readFile(join(work, (JSON.parse(stdout) as Array<{ filename: string }>)[0]?.filename ?? ''));
  const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
  // A registry as npm's answers: search, the package document, the tarball.
  registry = createServer((request, response) => {
    const url = new URL(request.url ?? '/', registryUrl);
    if (url.pathname === '/-/v1/search') {
      if (url.searchParams.get('text') === 'broken') return void response.writeHead(500).end();
      const found = { name, version: '1.0.0', description: 'Text feature nodes', keywords: ['causeway-plugin'] };
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({ objects: [{ package: found }, { package: { name: 'left-pad', version: '1.3.0', keywords: ['pad'] } }] }),
      );
    } else if (url.pathname === '/@causeway%2fplugin-text') {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ name, versions: { '1.0.0': { dist: { tarball: `${registryUrl}t.tgz`, integrity } } } }));
    } else if (url.pathname === '/t.tgz') response.end(tarball);
    else response.writeHead(404).end();
  });
  await new Promise<void>((done) => registry.listen(0, '127.0.0.1', done));
  registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
  // Loopback is reachable only because the test lists it, as an operator would.
  served = await startServedEditor('causeway-registry-page-', { CAUSEWAY_PLUGIN_REGISTRY: registryUrl, CAUSEWAY_HTTP_ALLOW: '127.0.0.1' });
}, 240_000);

afterAll(async () => {
  await served?.close();
  registry?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('installing a plugin from the registry on the Plugins page', () => {
  it('searches, shows Causeway plugins only, installs one, and shows a registry failure on the page', async () => {
    const page = await served.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${served.server.url}?token=${served.adminToken}#/plugins`);
    const section = page.getByRole('region', { name: 'Install from registry' });
    await section.getByRole('searchbox', { name: 'Search the registry' }).fill('text');
    await section.getByRole('button', { name: 'Search' }).click();
    const results = section.getByRole('table', { name: 'Registry results' });
    await expect.poll(() => results.locator('tbody tr').count()).toBe(1);
    expect(await results.textContent()).toContain('Text feature nodes');
    await section.getByRole('button', { name: `Install ${name}@1.0.0` }).click();
    await page.locator(`tr[data-plugin="${name}@1.0.0"]`).waitFor();

    await section.getByRole('searchbox', { name: 'Search the registry' }).fill('broken');
    await section.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain(registryUrl);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('is not shown to a role that cannot install', async () => {
    const made = await fetch(new URL('api/tokens', served.server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${served.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'analyst e2e', role: 'analyst' }),
    });
    const { token } = (await made.json()) as { token: string };
    const page = await served.browser.newPage();
    await page.goto(`${served.server.url}?token=${token}#/plugins`);
    await page.getByRole('heading', { name: 'Plugins' }).waitFor();
    await page.locator(`tr[data-plugin="${name}@1.0.0"]`).waitFor();
    expect(await page.getByRole('region', { name: 'Install from registry' }).count()).toBe(0);
    await page.close();
  }, 60_000);
});
