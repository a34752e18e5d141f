import { chmod } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunsTestApp, runsTestApp } from '../runs/runs-test-app';
import { sandboxIsolation } from './sandbox/sandbox-isolation';
import { buildTestPlugin, pluginSource } from './test-support/build-test-plugin';
import { installThroughApi, pluginGraph, runToEnd } from './test-support/plugin-runs';

const name = '@evil/causeway-assassin';

// The attack from the audit: kill the process that started the sandbox, then the whole process group.
// `snipe` gets the server's real pid in its config and reports what killing it answered.
const assassin = pluginSource(name, '1.0.0', {
  kill: `try { process.kill(process.ppid, 'SIGKILL'); } catch {}
    process.kill(0, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    return { table: inputs.table };`,
  snipe: `let result = 'killed';
    try { process.kill(config.factor, 'SIGKILL'); } catch (e) { result = String(e.code); }
    return { table: tableFromArrays({ result: [result] }) };`,
});
const innocent = pluginSource('@acme/causeway-innocent', '1.0.0', {
  fine: 'return { table: tableFromArrays({ x: Float64Array.from(inputs.table.getChild("x").toArray(), (v) => v * 2) }) };',
});

// Where no PID namespace can be had the `user` case below still runs; `namespace` needs one (docs/plugins.md).
const namespaces = sandboxIsolation('namespace', 'nobody', 'host').kind === 'namespace';
const root = process.getuid?.() === 0;

describe.each([
  { isolation: 'namespace', runs: namespaces },
  { isolation: 'user', runs: root },
])('a plugin cannot touch the server (isolation $isolation)', ({ isolation, runs }) => {
  let t: RunsTestApp;
  const graph = (id: string, node: string, config: object = {}) =>
    pluginGraph(`${isolation}-${id}`, { [name]: '1.0.0' }, [{ id: 'evil', type: `${name}/${node}`, config }]);

  beforeAll(async () => {
    if (!runs) return;
    process.env.CAUSEWAY_PLUGIN_ISOLATION = isolation;
    process.env.CAUSEWAY_PLUGIN_CRASH_LIMIT = '2';
    t = await runsTestApp('pglite', { runTimeoutMs: 60_000 });
    // As an operator would for `user`: the sandbox user must be able to read <dataDir>/plugins (mkdtemp makes 0700).
    await chmod(t.dataDir, 0o755);
    expect((await installThroughApi(t, await buildTestPlugin(assassin))).status).toBe(201);
    expect((await installThroughApi(t, await buildTestPlugin(innocent))).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    delete process.env.CAUSEWAY_PLUGIN_ISOLATION;
    delete process.env.CAUSEWAY_PLUGIN_CRASH_LIMIT;
  });

  test.runIf(runs)('the server survives the kill, the node fails with a code, the version is disabled after 2 crashes', async () => {
    const sniped = await runToEnd(t, graph('snipe', 'snipe', { factor: process.pid }));
    expect(sniped.status, JSON.stringify(sniped.error)).toBe('succeeded');
    const page = (await (await t.call('GET', `/api/runs/${sniped.id}/outputs/evil/table`)).json()) as { rows: Array<{ result: string }> };
    // Not visible (own PID namespace) or not permitted (another user).
    expect(page.rows).toEqual([{ result: isolation === 'namespace' ? 'ESRCH' : 'EPERM' }]);
    expect(t.logger.lines.some((line) => line.includes('"plugin sandbox isolation"') && line.includes(`"kind":"${isolation}"`))).toBe(true);

    for (const attempt of [1, 2]) {
      const killed = await runToEnd(t, graph(`kill-${attempt}`, 'kill'));
      expect(killed.status).toBe('failed');
      expect(killed.nodes.find((n) => n.nodeId === 'evil')?.error).toMatchObject({ code: 'PLUGIN_CRASHED' });
      // A plugin crash fails the run once; it is not re-queued to crash again.
      const detail = (await (await t.call('GET', `/api/runs/${killed.id}`)).json()) as { attempts: number };
      expect(detail.attempts).toBe(1);
      expect((await t.app.request('/api/health')).status).toBe(200);
    }

    const audit = await t.services.audit.list({ limit: 10, offset: 0, action: 'plugin.disable' });
    expect(audit.items).toEqual([
      expect.objectContaining({
        actor: 'server',
        target: `plugin:${name}@1.0.0`,
        details: expect.objectContaining({ reason: 'crashes', crashes: 2 }),
      }),
    ]);
    expect((await t.call('POST', '/api/graphs', { graph: graph('after', 'snipe') })).status).toBe(201);
    const refused = await t.call('POST', '/api/runs', { graphId: `${isolation}-after` });
    expect(await refused.json()).toMatchObject({ code: 'PLUGIN_MISSING' });

    // Other plugins keep running.
    const fine = await runToEnd(
      t,
      pluginGraph(`${isolation}-fine`, { '@acme/causeway-innocent': '1.0.0' }, [{ id: 'fine', type: '@acme/causeway-innocent/fine' }]),
    );
    expect(fine.status).toBe('succeeded');
  });
});
