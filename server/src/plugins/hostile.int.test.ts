import { createConnection, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunsTestApp, runsTestApp } from '../runs/runs-test-app';
import { emptyNetworkLauncher } from './sandbox/sandbox-isolation';
import { type BuiltPlugin, buildTestPlugin, pluginSource } from './test-support/build-test-plugin';
import { type packTarball, pluginTarball } from './test-support/pack-tarball';
import { installThroughApi, pluginGraph, runToEnd } from './test-support/plugin-runs';

const canary = `canary-${Math.random().toString(36).slice(2)}`;
const name = '@evil/causeway-hostile';
const type = (id: string) => `${name}/${id}`;

// Each node passes every install check (it imports nothing); what it does at run time is the attack.
const hostile = pluginSource(name, '1.0.0', {
  loop: 'for (;;) {}',
  bomb: 'const hoard = []; for (;;) hoard.push(new Array(1e6).fill(Math.random()));',
  buffers: 'const hoard = []; for (;;) hoard.push(new Uint8Array(2e8).fill(1));',
  env: 'return { table: tableFromArrays({ env: [JSON.stringify(process.env)] }) };',
  // The bundle imports nothing, so it installs; at run time it builds a dynamic import the install check never saw.
  files: `const fs = await new Function('return import("node:fs")')();
    const own = new URL(import.meta.url).pathname;
    const paths = ['/etc/passwd', new URL('../../', import.meta.url).pathname, new URL('../', import.meta.url).pathname, own];
    const result = paths.map((p) => { try { p.endsWith('/') ? fs.readdirSync(p) : fs.readFileSync(p); return 'read'; } catch (e) { return String(e.code); } });
    let write = 'written'; try { fs.writeFileSync(own + '.tampered', 'x'); } catch (e) { write = String(e.code); }
    return { table: tableFromArrays({ path: [...paths, 'write'], result: [...result, write] }) };`,
  spawn: `const cp = await new Function('return import("node:child_process")')(); cp.execSync('id'); return { table: inputs.table };`,
  worker: `const wt = await new Function('return import("node:worker_threads")')(); new wt.Worker('1', { eval: true }); return { table: inputs.table };`,
  exit: 'process.exit(1);',
  // Connects to the local TCP port given as its config's factor and says how that went.
  network: `const net = await new Function('return import("node:net")')();
    const result = await new Promise((resolve) => {
      const socket = net.connect(config.factor, '127.0.0.1');
      socket.on('connect', () => { socket.end(); resolve('connected'); });
      socket.on('error', (e) => resolve(String(e.code)));
    });
    return { table: tableFromArrays({ result: [result] }) };`,
  fine: 'return { table: tableFromArrays({ x: Float64Array.from(inputs.table.getChild("x").toArray(), (v) => v * config.factor) }) };',
});

describe('hostile plugins are contained while the server keeps serving', () => {
  let t: RunsTestApp;
  let plugin: BuiltPlugin;
  let ops: string;
  const health = async () => (await t.app.request('/api/health')).status;
  const run = (id: string, node: string, during?: (runId: number) => Promise<void>) =>
    runToEnd(t, pluginGraph(`hostile-${id}`, { [name]: '1.0.0' }, [{ id: 'evil', type: type(node) }]), during);
  const nodeError = (finished: Awaited<ReturnType<typeof run>>) => finished.nodes.find((n) => n.nodeId === 'evil')?.error;
  const install = (body: Uint8Array | FormData) =>
    t.app.request('/api/plugins', {
      method: 'POST',
      headers: { authorization: `Bearer ${ops}`, ...(body instanceof FormData ? {} : { 'content-type': 'application/gzip' }) },
      body: body as BodyInit,
    });

  beforeAll(async () => {
    process.env.CAUSEWAY_HOSTILE_TEST_SECRET = canary;
    // Long enough for a buffer bomb to fill 600 MB on a loaded machine before the clock stops it instead.
    process.env.CAUSEWAY_PLUGIN_TIMEOUT_MS = '10000';
    process.env.CAUSEWAY_PLUGIN_HEAP_MB = '96';
    process.env.CAUSEWAY_PLUGIN_MEMORY_MB = '600';
    t = await runsTestApp('pglite', { runTimeoutMs: 60_000 });
    ops = (await t.services.tokens.create({ name: 'ops-hostile', role: 'ops', createdBy: null })).token;
    plugin = await buildTestPlugin(hostile);
    expect((await installThroughApi(t, plugin)).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    for (const key of [
      'CAUSEWAY_HOSTILE_TEST_SECRET',
      'CAUSEWAY_PLUGIN_TIMEOUT_MS',
      'CAUSEWAY_PLUGIN_HEAP_MB',
      'CAUSEWAY_PLUGIN_MEMORY_MB',
    ]) {
      delete process.env[key];
    }
  });

  test('an infinite loop is stopped at the time limit with PLUGIN_TIMEOUT; health answers during the loop', async () => {
    const whileSpinning: number[] = [];
    const finished = await run('loop', 'loop', async (runId) => {
      // Sample health while the plugin spins: the HTTP process never runs plugin code, so it stays responsive.
      const status = async () => ((await (await t.call('GET', `/api/runs/${runId}`)).json()) as { status: string }).status;
      await expect.poll(status, { interval: 50, timeout: 30_000 }).toBe('running');
      while ((await status()) === 'running') {
        whileSpinning.push(await health());
        // In-process requests chain as microtasks: yield so the pool hears its thread and the time limit fires.
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    expect(finished.status).toBe('failed');
    expect(nodeError(finished)).toMatchObject({ code: 'PLUGIN_TIMEOUT', message: expect.stringContaining('10000 ms') });
    expect(whileSpinning.length).toBeGreaterThan(0);
    expect(whileSpinning.every((s) => s === 200)).toBe(true);
  });

  test('a memory bomb (heap) and a buffer bomb (outside the heap) are stopped with PLUGIN_LIMIT', async () => {
    const heap = await run('bomb', 'bomb');
    expect(heap.status).toBe('failed');
    expect(nodeError(heap)).toMatchObject({ code: 'PLUGIN_LIMIT', message: expect.stringContaining('96 MB') });
    const buffers = await run('buffers', 'buffers');
    expect(nodeError(buffers)).toMatchObject({ code: 'PLUGIN_LIMIT', message: expect.stringContaining('600 MB') });
    expect(await health()).toBe(200);
  });

  test("a node reading process.env sees an empty environment, not the server's", async () => {
    expect(process.env.CAUSEWAY_HOSTILE_TEST_SECRET).toBe(canary);
    const finished = await run('env', 'env');
    expect(finished.status).toBe('succeeded');
    const page = (await (await t.call('GET', `/api/runs/${finished.id}/outputs/evil/table`)).json()) as { rows: Array<{ env: string }> };
    expect(page.rows).toEqual([{ env: '{}' }]);
    expect(JSON.stringify(page)).not.toContain(canary);
  });

  test('reading files outside its bundle, writing, and starting processes or workers are denied; an exiting sandbox is PLUGIN_CRASHED', async () => {
    const files = await run('files', 'files');
    expect(files.status).toBe('succeeded');
    const page = (await (await t.call('GET', `/api/runs/${files.id}/outputs/evil/table`)).json()) as {
      rows: Array<{ path: string; result: string }>;
    };
    const results = page.rows.map((row) => row.result);
    // /etc/passwd, the data dir, the plugins dir, writing: denied; only its own bundle can be read.
    expect(results).toEqual(['ERR_ACCESS_DENIED', 'ERR_ACCESS_DENIED', 'ERR_ACCESS_DENIED', 'read', 'ERR_ACCESS_DENIED']);
    expect(page.rows[1]?.path).toBe(`${t.dataDir}/`);
    for (const node of ['spawn', 'worker']) {
      const finished = await run(node, node);
      expect(finished.status, node).toBe('failed');
      expect(nodeError(finished), node).toMatchObject({
        code: 'NODE_FAILED',
        message: expect.stringContaining('Access to this API has been restricted'),
      });
    }
    const exited = await run('exit', 'exit');
    expect(nodeError(exited)).toMatchObject({ code: 'PLUGIN_CRASHED', message: expect.stringContaining('exited with code 1') });
    // A killed sandbox is replaced: the same plugin's well-behaved node still runs.
    const fine = await run('fine', 'fine');
    expect(fine.status).toBe('succeeded');
  });

  // Where no network namespace can be made the sandbox shares the host's network (docs/plugins.md).
  test.runIf(emptyNetworkLauncher() !== null)('a node connecting to a local TCP server fails and the server is never reached', async () => {
    let reached = 0;
    const listener = createServer((socket) => {
      reached++;
      socket.destroy();
    });
    await new Promise<void>((done) => listener.listen(0, '127.0.0.1', done));
    try {
      const address = listener.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const graph = pluginGraph('hostile-network', { [name]: '1.0.0' }, [{ id: 'evil', type: type('network'), config: { factor: port } }]);
      const finished = await runToEnd(t, graph);
      expect(finished.status).toBe('succeeded');
      const page = (await (await t.call('GET', `/api/runs/${finished.id}/outputs/evil/table`)).json()) as {
        rows: Array<{ result: string }>;
      };
      expect(page.rows).toHaveLength(1);
      expect(page.rows[0]?.result).toMatch(/^E[A-Z]+$/);
      expect(page.rows[0]?.result).not.toBe('connected');
      expect(reached).toBe(0);
      // The same connection from the server's own process does arrive: the test can tell.
      await new Promise<void>((done, fail) => {
        const socket = createConnection(port, '127.0.0.1', () => {
          socket.end();
          done();
        });
        socket.on('error', fail);
      });
      await expect.poll(() => reached).toBe(1);
    } finally {
      await new Promise((done) => listener.close(done));
    }
  });

  test('a manifest with __proto__ keys is refused without polluting anything', async () => {
    const text = JSON.stringify({ ...plugin.manifest, version: '1.0.1' }).replace('"nodes":[', '"__proto__":{"polluted":true},"nodes":[');
    const form = new FormData();
    form.set('manifest', new Blob([text]), 'causeway-plugin.json');
    form.set('bundle', new Blob([plugin.bundle as Uint8Array<ArrayBuffer>]), 'plugin.mjs');
    const response = await install(form);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'PLUGIN_MANIFEST_INVALID', message: expect.stringContaining('__proto__') });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('node types colliding with a built-in or another plugin are refused', async () => {
    for (const claimed of ['transform.filter', '@causeway/plugin-text/tokenize', 'source.inline']) {
      const manifest = { ...plugin.manifest, version: '1.0.2', nodes: [{ ...(plugin.manifest.nodes[0] as object), type: claimed }] };
      const form = new FormData();
      form.set('manifest', new Blob([JSON.stringify(manifest)]));
      form.set('bundle', new Blob([plugin.bundle as Uint8Array<ArrayBuffer>]));
      const response = await install(form);
      expect(response.status, claimed).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'PLUGIN_MANIFEST_INVALID', message: expect.stringContaining(claimed) });
    }
  });

  test('tarballs with ../ paths, absolute paths or links are refused before anything is read from them', async () => {
    const cases: Array<[string, Parameters<typeof packTarball>[0][number]]> = [
      ['..', { name: 'package/../../etc/cron.d/evil', content: 'x' }],
      ['absolute path', { name: '/etc/cron.d/evil', content: 'x' }],
      ['symlink', { name: 'package/dist/link', type: 'symlink', linkname: '/etc/passwd' }],
      ['link', { name: 'package/dist/hard', type: 'link', linkname: 'package/package.json' }],
    ];
    for (const [what, entry] of cases) {
      const response = await install(await pluginTarball({ ...plugin, manifest: { ...plugin.manifest, version: '1.0.3' } }, [entry]));
      expect(response.status, what).toBe(400);
      expect(await response.json(), what).toMatchObject({ code: 'PLUGIN_BUNDLE_INVALID', message: expect.stringContaining(what) });
    }
    const notGzip = await install(new TextEncoder().encode('not a tarball'));
    expect(await notGzip.json()).toMatchObject({ code: 'PLUGIN_BUNDLE_INVALID' });
    expect(await health()).toBe(200);
  });
});
