import { appendFile, mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../../test-support/make-test-app';
import type { CliIo } from '../cli-io';
import { main } from '../main';

const repoModules = fileURLToPath(new URL('../../../../node_modules', import.meta.url));
const source = (title: string) => `
import { defineNode, definePlugin, port } from '@causeway/sdk';
import { z } from 'zod';
const echo = defineNode({
  type: '@acme/causeway-echo/echo', version: 1, category: 'plugin', title: ${JSON.stringify(title)}, description: 'Passes a table on.',
  inputs: { table: port.table() }, outputs: { table: port.table() }, config: z.object({}),
  run: async ({ inputs }) => ({ table: inputs.table }),
});
export default definePlugin({ name: '@acme/causeway-echo', version: '1.4.2', apiVersion: 1, nodes: [echo] });
`;

// Every watch a test starts is stopped after it, so a failed test leaves none reinstalling behind the next.
const watches: AbortController[] = [];

function bufferIo(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const controller = new AbortController();
  watches.push(controller);
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, signal: controller.signal };
  return { io, out, err, controller };
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('causeway plugin dev', () => {
  let t: TestApp;
  let url: string;
  let server: ReturnType<typeof serve>;
  let dir: string;

  beforeAll(async () => {
    t = await makeTestApp();
    server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = await mkdtemp(join(tmpdir(), 'causeway-plugin-dev-'));
    await mkdir(join(dir, 'src'));
    // A plugin package as its author has it: dependencies installed, sources under src/.
    await symlink(repoModules, join(dir, 'node_modules'));
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: '@acme/causeway-echo', version: '1.4.2', type: 'module' }));
    await writeFile(join(dir, 'src', 'index.ts'), source('Echo'));
  }, 120_000);
  afterEach(() => {
    for (const controller of watches.splice(0)) controller.abort();
  });
  afterAll(async () => {
    server?.close();
    await t?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const titles = async () => {
    const response = await t.call('GET', `/api/plugins/${encodeURIComponent('@acme/causeway-echo')}/1.4.2-dev/manifest`, {
      token: t.tokens.analyst,
    });
    if (response.status !== 200) return [];
    return ((await response.json()) as { nodes: Array<{ title: string }> }).nodes.map((n) => n.title);
  };

  test('installs the built plugin as a -dev version, then reinstalls it in place on save', async () => {
    const { io, out, err, controller } = bufferIo({ CAUSEWAY_URL: url, CAUSEWAY_TOKEN: t.tokens.developer });
    const exited = main(['plugin', 'dev', dir, '--no-typecheck'], io, '/');
    await until(() => out.some((line) => line.startsWith('watching')), `the watch to start (stderr: ${err.join('')})`);
    expect(out[0]).toMatch(/^installed @acme\/causeway-echo@1\.4\.2-dev \(@acme\/causeway-echo\/echo\)/);
    expect(await titles()).toEqual(['Echo']);

    await writeFile(join(dir, 'src', 'index.ts'), source('Echo, edited'));
    await until(async () => (await titles()).includes('Echo, edited'), 'the reinstall after a save');
    const list = (await (await t.call('GET', '/api/plugins', { token: t.tokens.analyst })).json()) as { items: Array<{ version: string }> };
    expect(list.items.map((p) => p.version)).toEqual(['1.4.2-dev']);

    controller.abort();
    expect(await exited).toBe(0);
  }, 300_000);

  test('keeps seeing a file an editor replaced (temp file renamed over it), then appended to', async () => {
    const { io, out, err, controller } = bufferIo({ CAUSEWAY_URL: url, CAUSEWAY_TOKEN: t.tokens.developer });
    const exited = main(['plugin', 'dev', dir, '--no-typecheck'], io, '/');
    await until(() => out.some((line) => line.startsWith('watching')), `the watch to start (stderr: ${err.join('')})`);
    const installs = () => out.filter((line) => line.startsWith('installed')).length;
    const file = join(dir, 'src', 'index.ts');
    await writeFile(`${file}.tmp`, source('Echo, replaced'));
    await rename(`${file}.tmp`, file);
    await until(async () => (await titles()).includes('Echo, replaced'), 'the reinstall after an atomic replace');
    const before = installs();
    await appendFile(file, '\n// appended after the replace\n');
    await until(() => installs() > before, `the reinstall after appending to the replaced file (stderr: ${err.join('')})`);
    controller.abort();
    expect(await exited).toBe(0);
  }, 300_000);

  test('a type error stops the install and is printed; --no-typecheck installs anyway', async () => {
    const broken = join(dir, 'src', 'index.ts');
    await writeFile(broken, `${source('Echo, mistyped')}\nexport const count: number = 'three';\n`);
    const checked = bufferIo({ CAUSEWAY_URL: url, CAUSEWAY_TOKEN: t.tokens.developer });
    expect(await main(['plugin', 'dev', dir, '--once'], checked.io, '/')).toBe(1);
    expect(checked.err.join('')).toMatch(/type errors in .* \(1\); not installed[\s\S]*index\.ts\(\d+,\d+\): error TS2322/);
    expect(checked.out).toEqual([]);
    expect(await titles()).not.toContain('Echo, mistyped');

    const unchecked = bufferIo({ CAUSEWAY_URL: url, CAUSEWAY_TOKEN: t.tokens.developer });
    expect(await main(['plugin', 'dev', dir, '--once', '--no-typecheck'], unchecked.io, '/')).toBe(0);
    expect(await titles()).toEqual(['Echo, mistyped']);
    await writeFile(broken, source('Echo'));
  }, 300_000);

  test('--once reports the server refusing a token that may not install plugins', async () => {
    const { io, err } = bufferIo();
    const code = await main(['plugin', 'dev', dir, '--once', '--no-typecheck', '--server', url, '--token', t.tokens.analyst], io, '/');
    expect(code).toBe(1);
    expect(err.join('')).toContain('FORBIDDEN');
  }, 60_000);

  test('a missing token or directory is a usage error', async () => {
    const { io, err } = bufferIo();
    expect(await main(['plugin', 'dev', dir], io, '/')).toBe(2);
    expect(err.join('')).toContain('--token');
    expect(await main(['plugin', 'build'], io, '/')).toBe(2);
  });
});
