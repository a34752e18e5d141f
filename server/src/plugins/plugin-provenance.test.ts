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

describe.each(['pglite', 'postgres'] as const)('plugin provenance on %s', (kind) => {
  let t: RunsTestApp;
  const sha = new Map<string, string>();
  beforeAll(async () => {
    t = await runsTestApp(kind, { runTimeoutMs: 60_000 });
    for (const plugin of built) {
      const answer = await installThroughApi(t, plugin);
      expect(answer.status).toBe(201);
      const installed = (await answer.json()) as { version: string; sha256: string };
      sha.set(installed.version, installed.sha256);
    }
  }, 120_000);
  afterAll(() => t?.close());

  test('a run records the plugin version its range picked and the hash of the bundle that ran', async () => {
    const run = await runToEnd(t, pluginGraph('kept-any', { [name]: '^1.0.0' }, [{ id: 'pass', type }]));
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const answer = (await (await t.call('GET', `/api/runs/${run.id}`)).json()) as { plugins: unknown };
    expect(answer.plugins).toEqual([{ name, version: '1.1.0', sha256: sha.get('1.1.0') }]);
    const listed = (await (await t.call('GET', '/api/runs?graphId=kept-any')).json()) as { items: Array<{ plugins: unknown }> };
    expect(listed.items[0]?.plugins).toEqual([{ name, version: '1.1.0', sha256: sha.get('1.1.0') }]);
  });
});
