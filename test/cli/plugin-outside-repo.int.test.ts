import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { type RunningServer, serve } from '@causeway/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndPack, repoRoot } from '../../scripts/packages/pack-workspace';

const run = promisify(execFile);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

// A plugin author's path, away from this repository: the packed SDK, the scaffold, npm install, test,
// build, pack, and an install into a running server.
describe('a plugin written outside the repository', () => {
  let work: string;
  let server: RunningServer;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'causeway-outside-'));
  });
  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('scaffolds against the packed SDK, installs, tests, builds and installs into a server', async () => {
    const [{ file: sdk }] = await Promise.all([
      buildAndPack(join(repoRoot, 'sdk'), work),
      (async () => {
        server = await serve({ port: 0, host: '127.0.0.1', dataDir: join(work, 'data'), env: {}, handleSignals: false, logger: quiet });
      })(),
    ]);
    await run(process.execPath, [join(repoRoot, 'create-causeway-plugin/bin.mjs'), '@acme/causeway-outside', 'plugin', '--sdk', sdk], {
      cwd: work,
    });
    const dir = join(work, 'plugin');
    expect(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')).devDependencies['@causeway/sdk']).toBe(`file:${sdk}`);

    // Third-party packages from npm's cache when it has them; no scripts, none of this repository's node_modules.
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir });
    const test = await run('npm', ['test'], { cwd: dir });
    expect(stripVTControlCharacters(test.stdout)).toMatch(/Tests\s+4 passed/);
    await run('npm', ['run', 'typecheck'], { cwd: dir });
    await run('npm', ['run', 'build'], { cwd: dir });
    const { stdout } = await run('npm', ['pack', '--json'], { cwd: dir });
    const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;

    const token = (await readFile(join(work, 'data', 'admin.token'), 'utf8')).trim();
    const url = server.url.replace(/\/$/, '');
    const installed = await fetch(`${url}/api/plugins`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/gzip' },
      body: await readFile(join(dir, packed?.filename ?? '')),
    });
    expect(installed.status, await installed.clone().text()).toBe(201);
    const nodes = (await (await fetch(`${url}/api/nodes`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      items: Array<{ type: string }>;
    };
    expect(nodes.items.map((n) => n.type)).toContain('@acme/causeway-outside/upper-case');
    const plugins = (await (await fetch(`${url}/api/plugins`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      items: Array<{ name: string; version: string }>;
    };
    // The version is package.json's: the scaffold's definePlugin names none.
    expect(plugins.items.map((p) => `${p.name}@${p.version}`)).toEqual(['@acme/causeway-outside@0.1.0']);
  }, 600_000);
});
