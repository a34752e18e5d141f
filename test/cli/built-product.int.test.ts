import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestPlugin, pluginSource } from '../../server/src/plugins/test-support/build-test-plugin';
import { pluginTarball } from '../../server/src/plugins/test-support/pack-tarball';
import { pluginGraph } from '../../server/src/plugins/test-support/plugin-runs';
import { buildOnce, repoRoot, runCli } from './run-cli';

// The product as a user starts it: `causeway` runs server/dist, and no TypeScript or tsx is loaded.
const slow = { timeout: 120_000 };
const recorder = join(repoRoot, 'test/cli/module-log/record-modules.mjs');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causeway-built-'));
  await buildOnce();
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The modules a process loaded, relative to the repository where they are in it. */
async function modulesIn(log: string): Promise<string[]> {
  const urls = (await readFile(log, 'utf8')).split('\n').filter((url) => url.startsWith('file:'));
  return [...new Set(urls.map((url) => url.replace(`file://${repoRoot}`, '')))];
}

function expectOnlyBuiltCode(modules: string[]): void {
  expect(modules).toContain('server/dist/cli.mjs');
  expect(modules.filter((url) => /\.tsx?$|\/node_modules\/tsx\/|\/src\//.test(url))).toEqual([]);
}

describe('the built causeway command', slow, () => {
  it('validates a graph from server/dist without loading TypeScript', async () => {
    const log = join(dir, 'validate.log');
    await writeFile(
      join(dir, 'empty.json'),
      JSON.stringify({ format: 'causeway.graph/1', id: 'empty', name: 'empty', nodes: [], edges: [] }),
    );
    const result = await runCli(['validate', 'empty.json'], {
      cwd: dir,
      nodeArgs: ['--import', recorder],
      env: { CAUSEWAY_MODULE_LOG: log },
    });
    expect(result).toEqual({ code: 0, stdout: 'empty.json: valid (0 nodes, 0 edges)\n', stderr: '' });
    const modules = await modulesIn(log);
    expectOnlyBuiltCode(modules);
    // A quick command loads none of the server: no database, HTTP or ONNX runtime.
    expect(modules.filter((url) => /@electric-sql|onnxruntime|\/pg\/|serve-command/.test(url))).toEqual([]);
  });

  it('serves: prints the URL, runs a plugin node in the sandbox, and stops cleanly on SIGTERM', async () => {
    const log = join(dir, 'serve.log');
    const child = spawn(process.execPath, ['--import', recorder, join(repoRoot, 'server/bin/causeway.mjs'), 'serve', '--port', '0'], {
      cwd: dir,
      env: { ...process.env, CAUSEWAY_MODULE_LOG: log, CAUSEWAY_DATA_DIR: join(dir, 'data'), CAUSEWAY_WORKER_THREADS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const [url, token] = await new Promise<[string, string]>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const found = /Causeway is running at (http:\/\/\S+?)\/\?token=(\S+)/.exec(stdout);
        if (found?.[1] && found[2]) resolve([found[1], found[2]]);
      });
      void exited.then((code) => reject(new Error(`serve exited with ${code} before printing its URL: ${stderr}`)));
    });
    try {
      const health = await fetch(`${url}/api/health`);
      expect(health.status).toBe(200);
      // Idle: no run thread has started and no ONNX runtime is loaded; the run below starts a thread.
      const idle = await modulesIn(log);
      expect(idle.filter((url) => /run-thread-entry|onnxruntime/.test(url))).toEqual([]);
      // The sandbox's runtime comes from the build's prebuilt sandbox-main.mjs.
      const headers = { authorization: `Bearer ${token}` };
      const plugin = await buildTestPlugin(
        pluginSource('@acme/causeway-built', '1.0.0', {
          double:
            'return { table: tableFromArrays({ x: Float64Array.from(inputs.table.getChild("x").toArray(), (v) => v * config.factor) }) };',
        }),
      );
      const body = (await pluginTarball(plugin)) as Uint8Array<ArrayBuffer>;
      const installed = await fetch(`${url}/api/plugins`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/gzip' },
        body,
      });
      expect(installed.status).toBe(201);
      const graph = pluginGraph('built-plugin', { '@acme/causeway-built': '^1.0.0' }, [
        { id: 'double', type: '@acme/causeway-built/double' },
      ]);
      const post = (path: string, json: object) =>
        fetch(`${url}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(json) });
      expect((await post('/api/graphs', { graph })).status).toBe(201);
      const { id } = (await (await post('/api/runs', { graphId: 'built-plugin' })).json()) as { id: number };
      await expect
        .poll(async () => ((await (await fetch(`${url}/api/runs/${id}`, { headers })).json()) as { status: string }).status, {
          timeout: 60_000,
          interval: 200,
        })
        .toBe('succeeded');
      const page = (await (await fetch(`${url}/api/runs/${id}/outputs/double/table`, { headers })).json()) as { rows: unknown[] };
      expect(page.rows).toEqual([{ x: 2 }, { x: 4 }, { x: 6 }]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/INTERNAL|Error/);
    const modules = await modulesIn(log);
    expectOnlyBuiltCode(modules);
    expect(modules).toContain('server/dist/run-thread-entry.mjs');
    // The sandbox runtime was copied from the build, not bundled at run time.
    expect(modules.filter((url) => url.includes('/node_modules/esbuild/'))).toEqual([]);
  });
});
