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

describe('the built @causeway/plugin-text bundle', () => {
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
      '@causeway/plugin-text/tokenize',
      '@causeway/plugin-text/ngrams',
      '@causeway/plugin-text/tfidf-fit',
      '@causeway/plugin-text/tfidf-apply',
    ]);
  });

  it('runs from the bundle: tokenize, then TF-IDF fitted on one table and applied to another', async () => {
    const node = (type: string) => plugin.nodes.find((n) => n.type === `@causeway/plugin-text/${type}`) as AnyNodeDefinition;
    const tokens = await runNode(node('tokenize'), {
      inputs: { table: tableOf({ text: ['The Red fox.', 'A red hen!'] }) },
      config: { column: 'text' },
    });
    expect(rowsOf(tokens.outputs.table as Table).map((r) => r.text_tokens)).toEqual(['red fox', 'red hen']);
    const fit = await runNode(node('tfidf-fit'), { inputs: { table: tokens.outputs.table }, config: { column: 'text_tokens' } });
    const applied = await runNode(node('tfidf-apply'), {
      inputs: { table: tableOf({ text_tokens: ['fox fox'] }), state: fit.outputs.state },
      config: {},
    });
    expect(rowsOf(applied.outputs.table as Table)[0]).toMatchObject({ tfidf_fox: 1, tfidf_hen: 0, tfidf_red: 0 });
  });

  it('packs (npm pack) into the tarball layout a server installs from', async () => {
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir });
    const [packed] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
    expect(packed?.files.map((f) => f.path).sort()).toEqual(['README.md', 'dist/causeway-plugin.json', 'dist/plugin.mjs', 'package.json']);
  });
});
