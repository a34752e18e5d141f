import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixturePlugin } from './fixtures/build-fixture-plugin';
import { type ServedEditor, startServedEditor } from './served-editor';

const run = promisify(execFile);
const name = '@causeway/plugin-e2e-call';
const label = `${name}@1.0.0`;

let served: ServedEditor;
let work: string;
let tarball: string;

const tokenFor = async (role: string) => {
  const made = await fetch(new URL('api/tokens', served.server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${served.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `${role} grant e2e`, role }),
  });
  return ((await made.json()) as { token: string }).token;
};

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'causeway-grant-page-'));
  // The npm tarball of the fixture, as `npm pack` of a built plugin writes it.
  const { bundle, manifest } = await buildFixturePlugin('call-plugin');
  const folder = join(work, 'package');
  await mkdir(join(folder, 'dist'), { recursive: true });
  await writeFile(join(folder, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', files: ['dist'] }));
  await writeFile(join(folder, 'dist', 'causeway-plugin.json'), JSON.stringify(manifest));
  await writeFile(join(folder, 'dist', 'plugin.mjs'), bundle);
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: folder });
  tarball = join(work, (JSON.parse(stdout) as Array<{ filename: string }>)[0]?.filename ?? '');
  served = await startServedEditor('causeway-grant-page-');
}, 240_000);

afterAll(async () => {
  await served?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the grant step of the Plugins page', () => {
  it('an ops upload of a plugin asking for capabilities is told an admin must grant; nothing is installed', async () => {
    const page = await served.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${served.server.url}?token=${await tokenFor('ops')}#/plugins`);
    await page.getByLabel('Plugin tarball').setInputFiles(tarball);
    const step = page.getByRole('region', { name: `Grant ${label}` });
    await expect.poll(() => step.textContent()).toContain('hosts api.example.com; secrets E2E_KEY');
    expect(await step.textContent()).toContain('Only an admin can grant these');
    expect(await step.getByRole('button', { name: 'Grant and install' }).count()).toBe(0);
    expect(await page.locator(`tr[data-plugin="${label}"]`).count()).toBe(0);
    await page.close();
  }, 120_000);

  it('an admin sees what it asks for, grants and installs, then revokes and grants again from the row', async () => {
    const page = await served.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${served.server.url}?token=${served.adminToken}#/plugins`);
    await page.getByLabel('Plugin tarball').setInputFiles(tarball);
    const step = page.getByRole('region', { name: `Grant ${label}` });
    await expect.poll(() => step.textContent()).toContain('hosts api.example.com; secrets E2E_KEY');
    await step.getByRole('button', { name: 'Grant and install' }).click();
    const row = page.locator(`tr[data-plugin="${label}"]`);
    await row.waitFor();
    expect(await step.count()).toBe(0);
    await expect.poll(() => row.textContent()).toContain('host api.example.com granted');
    await row.getByRole('button', { name: `Revoke ${label}` }).click();
    await expect.poll(() => row.textContent()).toContain('host api.example.com not granted');
    const listed = await fetch(new URL('api/plugins', served.server.url), { headers: { authorization: `Bearer ${served.adminToken}` } });
    expect(((await listed.json()) as { items: Array<{ grant: unknown }> }).items[0]?.grant).toEqual({ network: [], secrets: [] });
    await row.getByRole('button', { name: `Grant ${label}` }).click();
    await expect.poll(() => row.textContent()).toContain('secret E2E_KEY granted');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
