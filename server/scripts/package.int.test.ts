import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const serverDir = join(import.meta.dirname, '..');
const root = join(serverDir, '..');
let packDir: string;
let tarball: Uint8Array;
let installed: string;
let manifest: { bin: Record<string, string>; dependencies: Record<string, string> };

describe('the published @causeway/server', () => {
  beforeAll(async () => {
    // --if-stale: other test files may be running the build in server/dist at this moment.
    await run(process.execPath, [join(serverDir, 'scripts/build.mjs'), '--if-stale'], { cwd: serverDir });
    packDir = await mkdtemp(join(tmpdir(), 'causeway-server-pack-'));
    const { stdout } = await run('npm', ['pack', join(serverDir, 'dist'), '--json', '--pack-destination', packDir], { cwd: serverDir });
    const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    if (!packed) throw new Error('npm pack reported nothing');
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'causeway.mjs',
        'cli.mjs',
        'index.mjs',
        'run-thread-entry.mjs',
        'sandbox-main.mjs',
        'templates/churn-model.json',
        ...(existsSync(join(root, 'web/dist/index.html')) ? ['web/index.html'] : []),
      ]),
    );
    expect(files.filter((f) => /\.tsx?$|^src\//.test(f))).toEqual([]);
    tarball = new Uint8Array(await readFile(join(packDir, packed.filename)));
    // Installed as npm would lay it out: the package, and only the dependencies it declares.
    const modules = join(packDir, 'app', 'node_modules');
    installed = join(modules, '@causeway', 'server');
    await mkdir(installed, { recursive: true });
    await run('tar', ['-xzf', join(packDir, packed.filename), '-C', installed, '--strip-components=1']);
    manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
    for (const name of Object.keys(manifest.dependencies)) {
      await mkdir(join(modules, name, '..'), { recursive: true });
      await symlink(join(root, 'node_modules', name), join(modules, name));
    }
  }, 600_000);

  afterAll(async () => {
    if (packDir) await rm(packDir, { recursive: true, force: true });
  });

  it('has no publint problems', async () => {
    const { messages, pkg } = await publint({ pack: { tarball: tarball.slice().buffer }, level: 'warning', strict: true });
    expect(messages.map((m) => formatMessage(m, pkg))).toEqual([]);
  });

  it('validates a graph with its causeway bin, from the package alone', async () => {
    const app = join(packDir, 'app');
    await writeFile(join(app, 'empty.json'), JSON.stringify({ format: 'causeway.graph/1', id: 'e', name: 'e', nodes: [], edges: [] }));
    const bin = join(installed, manifest.bin.causeway as string);
    const { stdout } = await run(process.execPath, [bin, 'validate', 'empty.json'], { cwd: app });
    expect(stdout).toBe('empty.json: valid (0 nodes, 0 edges)\n');
  });

  it('serves from the package alone: prints its URL, answers health, serves its editor and templates', { timeout: 180_000 }, async () => {
    const app = join(packDir, 'app');
    // The build copies web/dist when the editor is built; without one, a page stands in for it so the
    // test still shows the editor is looked for beside the package's modules, not in a repository.
    const index = join(installed, 'web', 'index.html');
    if (!existsSync(index)) {
      await mkdir(join(installed, 'web'), { recursive: true });
      await writeFile(index, '<!doctype html><title>packaged editor</title>');
    }
    const child = spawn(process.execPath, [join(installed, manifest.bin.causeway as string), 'serve', '--port', '0'], {
      cwd: app,
      env: { ...process.env, CAUSEWAY_DATA_DIR: join(app, 'data'), CAUSEWAY_WORKER_THREADS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const [url, token] = await new Promise<[string, string]>((resolve, reject) => {
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString('utf8');
          const found = /Causeway is running at (http:\/\/\S+?)\/\?token=(\S+)/.exec(stdout);
          if (found?.[1] && found[2]) resolve([found[1], found[2]]);
        });
        void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
      });
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      expect(await (await fetch(`${url}/`)).text()).toBe(await readFile(index, 'utf8'));
      const templates = (await (await fetch(`${url}/api/templates`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        items: Array<{ id: string }>;
      };
      expect(templates.items.map((t) => t.id)).toContain('churn-model');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
