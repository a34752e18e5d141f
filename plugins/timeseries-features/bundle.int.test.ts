import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type AnyNodeDefinition, checkPluginManifest, type PluginDefinition } from '@causeway/sdk';
import { rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import type { Table } from 'apache-arrow';
import { init, parse } from 'es-module-lexer';
import { beforeAll, describe, expect, it } from 'vitest';

const dir = import.meta.dirname;
let bundle: Buffer;
let plugin: PluginDefinition;

describe('the built @causeway/plugin-timeseries bundle', () => {
  beforeAll(async () => {
    await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: dir });
    bundle = await readFile(join(dir, 'dist/plugin.mjs'));
    plugin = (await import(pathToFileURL(join(dir, 'dist/plugin.mjs')).href)).default;
  }, 180_000);

  it('imports only @causeway/sdk and apache-arrow, statically', async () => {
    await init;
    const [imports] = parse(bundle.toString('utf8'));
    expect(imports.every((i) => i.d === -1)).toBe(true);
    for (const i of imports) expect(['@causeway/sdk', 'apache-arrow']).toContain(i.n);
  });

  it('has a manifest a host accepts, matching the package and the bundle bytes', async () => {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const checked = checkPluginManifest(JSON.parse(await readFile(join(dir, 'dist/causeway-plugin.json'), 'utf8')));
    if (!checked.ok) throw new Error(checked.issues.map((i) => i.message).join('\n'));
    expect(checked.value).toMatchObject({ name: pkg.name, version: pkg.version, apiVersion: 1 });
    expect(checked.value.bundleSha256).toBe(createHash('sha256').update(bundle).digest('hex'));
    expect(checked.value.nodes.map((n) => n.type)).toEqual([
      '@causeway/plugin-timeseries/lags',
      '@causeway/plugin-timeseries/rolling',
      '@causeway/plugin-timeseries/calendar',
    ]);
  });

  it('runs from the bundle: lags, a rolling mean and calendar parts', async () => {
    const node = (type: string) => plugin.nodes.find((n) => n.type === `@causeway/plugin-timeseries/${type}`) as AnyNodeDefinition;
    const table = tableOf({ day: [new Date('2026-11-27Z'), new Date('2026-11-28Z'), new Date('2026-11-29Z')], sales: [1, 2, 6] });
    const lagged = await runNode(node('lags'), { inputs: { table }, config: { time: 'day', columns: ['sales'] } });
    const rolled = await runNode(node('rolling'), {
      inputs: { table: lagged.outputs.table },
      config: { time: 'day', columns: ['sales'], window: 2 },
    });
    const dated = await runNode(node('calendar'), {
      inputs: { table: rolled.outputs.table },
      config: { column: 'day', parts: ['dayOfWeek', 'weekend'] },
    });
    expect(rowsOf(dated.outputs.table as Table).map(({ day: _day, ...rest }) => rest)).toEqual([
      { sales: 1, sales_lag1: null, sales_mean2: null, day_day_of_week: 5, day_weekend: false },
      { sales: 2, sales_lag1: 1, sales_mean2: 1.5, day_day_of_week: 6, day_weekend: true },
      { sales: 6, sales_lag1: 2, sales_mean2: 4, day_day_of_week: 7, day_weekend: true },
    ]);
  });

  it('packs (npm pack) into the tarball layout a server installs from', async () => {
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir });
    const [packed] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
    expect(packed?.files.map((f) => f.path).sort()).toEqual(['README.md', 'dist/causeway-plugin.json', 'dist/plugin.mjs', 'package.json']);
  });
});
