import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunsTestApp, runsTestApp } from '../runs/runs-test-app';
import { type BuiltPlugin, buildTestPlugin, pluginSource } from './test-support/build-test-plugin';
import { installThroughApi, pluginGraph, runToEnd } from './test-support/plugin-runs';

const name = '@acme/causeway-kept';
const type = `${name}/pass`;
const source = (version: string) => pluginSource(name, version, { pass: 'return { table: inputs.table };' });

let built: BuiltPlugin[];
beforeAll(async () => {
  built = await Promise.all([buildTestPlugin(source('1.0.0')), buildTestPlugin(source('1.1.0'))]);
}, 120_000);

describe.each(['pglite', 'postgres'] as const)('plugin provenance and dependents on %s', (kind) => {
  let t: RunsTestApp;
  let admin: string;
  const sha = new Map<string, string>();
  beforeAll(async () => {
    t = await runsTestApp(kind, { runTimeoutMs: 60_000 });
    for (const plugin of built) {
      const answer = await installThroughApi(t, plugin);
      expect(answer.status).toBe(201);
      const installed = (await answer.json()) as { version: string; sha256: string };
      sha.set(installed.version, installed.sha256);
    }
    admin = (await t.services.tokens.create({ name: 'admin-provenance', role: 'admin', createdBy: null })).token;
  }, 120_000);
  afterAll(() => t?.close());

  const asAdmin = (method: string, path: string) =>
    t.app.request(`/api/plugins/${encodeURIComponent(name)}/${path}`, { method, headers: { authorization: `Bearer ${admin}` } });

  test('a run records the plugin version its range picked and the hash of the bundle that ran', async () => {
    const run = await runToEnd(t, pluginGraph('kept-any', { [name]: '^1.0.0' }, [{ id: 'pass', type }]));
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const answer = (await (await t.call('GET', `/api/runs/${run.id}`)).json()) as { plugins: unknown };
    expect(answer.plugins).toEqual([{ name, version: '1.1.0', sha256: sha.get('1.1.0') }]);
    const listed = (await (await t.call('GET', '/api/runs?graphId=kept-any')).json()) as { items: Array<{ plugins: unknown }> };
    expect(listed.items[0]?.plugins).toEqual([{ name, version: '1.1.0', sha256: sha.get('1.1.0') }]);
  });

  test('disabling or removing the only version graphs and schedules need is a 409 listing them, unless forced (audited)', async () => {
    expect(
      (await t.call('POST', '/api/graphs', { graph: pluginGraph('kept-pinned', { [name]: '~1.1.0' }, [{ id: 'pass', type }]) })).status,
    ).toBe(201);
    const schedule = await t.call(
      'POST',
      '/api/schedules',
      { name: 'kept-nightly', graphId: 'kept-pinned', cron: '0 3 * * *' },
      { authorization: `Bearer ${admin}` },
    );
    expect(schedule.status).toBe(201);
    const { id: scheduleId } = (await schedule.json()) as { id: number };
    // "kept-any" (^1.0.0) still has 1.0.0, so only the pinned graph and its schedule need 1.1.0.
    const needs = {
      graphs: [{ id: 'kept-pinned', version: 1 }],
      schedules: [{ id: scheduleId, name: 'kept-nightly', graphId: 'kept-pinned' }],
    };
    for (const [method, path] of [
      ['POST', '1.1.0/disable'],
      ['DELETE', '1.1.0'],
    ] as const) {
      const refused = await asAdmin(method, path);
      expect(refused.status).toBe(409);
      expect(await refused.json()).toEqual({
        code: 'CONFLICT',
        message: expect.stringContaining(
          `Plugin ${name}@1.1.0 is the only enabled version some graphs or schedules need (graphs: "kept-pinned"`,
        ),
        details: needs,
      });
    }
    expect((await asAdmin('GET', '1.1.0/manifest')).status).toBe(200);
    expect((await asAdmin('POST', '1.1.0/disable?force=true')).status).toBe(200);
    const audit = await t.services.audit.list({ limit: 1, offset: 0, action: 'plugin.disable' });
    expect(audit.items[0]).toMatchObject({ target: `plugin:${name}@1.1.0`, details: { forced: true, ...needs } });
    // Once disabled, nothing relies on 1.1.0 any more: removing it needs no force.
    expect((await asAdmin('DELETE', '1.1.0')).status).toBe(204);
    // Now 1.0.0 is the only version "kept-any" can use.
    const last = await asAdmin('POST', '1.0.0/disable');
    expect(last.status).toBe(409);
    expect(((await last.json()) as { details: unknown }).details).toEqual({ graphs: [{ id: 'kept-any', version: 1 }], schedules: [] });
  });
});
