// The checks both example plugins' bundle tests make, in one place: build with `npm run build` (the
// scaffold's build file), then the bundle's imports, the manifest against package.json and the bundle
// bytes, column pickers, a run from the bundle, and the files `npm pack` takes.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type AnyNodeDefinition, checkPluginManifest, type PluginDefinition, type PluginManifest } from '@causeway/sdk';
import { init, parse } from 'es-module-lexer';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** What a built example plugin must hold: its node types in order and its column-picker fields. */
export interface BuiltPluginExpectations {
  types: string[];
  /** Per node (the part after `<name>/`): config field → `column` or `columns`. */
  pickers: Record<string, Record<string, 'column' | 'columns'>>;
  /** A short pipeline through the bundle's own nodes, with its assertions. */
  runs: { title: string; check: (node: (name: string) => AnyNodeDefinition) => Promise<void> };
}

export function describeBuiltPlugin(dir: string, expected: BuiltPluginExpectations): void {
  let bundle: Buffer;
  let plugin: PluginDefinition;
  let manifest: PluginManifest;
  let pkg: { name: string; version: string };

  describe(`the built ${dir.split('/').at(-1)} bundle`, () => {
    beforeAll(async () => {
      await run('npm', ['run', 'build', '--silent'], { cwd: dir });
      bundle = await readFile(join(dir, 'dist/plugin.mjs'));
      plugin = (await import(pathToFileURL(join(dir, 'dist/plugin.mjs')).href)).default;
      pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      const checked = checkPluginManifest(JSON.parse(await readFile(join(dir, 'dist/causeway-plugin.json'), 'utf8')));
      if (!checked.ok) throw new Error(checked.issues.map((i) => i.message).join('\n'));
      manifest = checked.value;
    }, 180_000);

    it('imports only @causeway/sdk and apache-arrow, statically', async () => {
      await init;
      const [imports] = parse(bundle.toString('utf8'));
      expect(imports.every((i) => i.d === -1)).toBe(true);
      for (const i of imports) expect(['@causeway/sdk', 'apache-arrow']).toContain(i.n);
    });

    it('has a manifest a host accepts, named and versioned by package.json, matching the bundle bytes', () => {
      expect(manifest).toMatchObject({ name: pkg.name, version: pkg.version, apiVersion: 1 });
      expect(manifest.bundleSha256).toBe(createHash('sha256').update(bundle).digest('hex'));
      expect(manifest.nodes.map((n) => n.type)).toEqual(expected.types);
    });

    it('offers column pickers for the fields that name columns', () => {
      const pickers = Object.fromEntries(
        manifest.nodes.map((n) => {
          const properties = (n.config as { properties?: Record<string, { ui?: string }> }).properties ?? {};
          const ui = Object.entries(properties).filter(([, field]) => field.ui === 'column' || field.ui === 'columns');
          return [n.type.slice(pkg.name.length + 1), Object.fromEntries(ui.map(([name, field]) => [name, field.ui]))];
        }),
      );
      expect(pickers).toEqual(expected.pickers);
    });

    it(`runs from the bundle: ${expected.runs.title}`, async () => {
      const node = (name: string) => plugin.nodes.find((n) => n.type === `${pkg.name}/${name}`) as AnyNodeDefinition;
      await expected.runs.check(node);
    });

    it('packs (npm pack) into the tarball layout a server installs from', async () => {
      const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir });
      const [packed] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
      expect(packed?.files.map((f) => f.path).sort()).toEqual([
        'README.md',
        'dist/causeway-plugin.json',
        'dist/plugin.mjs',
        'package.json',
      ]);
    });
  });
}
