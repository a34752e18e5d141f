import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const nodesDir = join(import.meta.dirname, '..');
const root = join(nodesDir, '..');
let packDir: string;
let tarball: Uint8Array;

// The published package is ESM only: CommonJS `require` and the pre-exports `node10` resolution are out of scope.
const outOfScope = new Set(['node10', 'node16-cjs']);

/**
 * Builds the package in `dir` into a folder of its own (the SDK's own guard builds sdk/dist at the same
 * time) and packs it into packDir; returns the tarball's path and file list.
 */
async function buildAndPack(dir: string): Promise<{ file: string; files: string[] }> {
  const out = await mkdtemp(join(packDir, 'build-'));
  await run(process.execPath, [join(dir, 'scripts/build.mjs'), out], { cwd: dir });
  const { stdout } = await run('npm', ['pack', out, '--json', '--pack-destination', packDir], { cwd: dir });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (!packed) throw new Error('npm pack reported nothing');
  return { file: join(packDir, packed.filename), files: packed.files.map((f) => f.path) };
}

describe('the published @causeway/nodes', () => {
  let sdkTarball: string;
  let nodesTarball: string;

  beforeAll(async () => {
    packDir = await mkdtemp(join(tmpdir(), 'causeway-nodes-pack-'));
    sdkTarball = (await buildAndPack(join(root, 'sdk'))).file;
    const nodes = await buildAndPack(nodesDir);
    nodesTarball = nodes.file;
    tarball = new Uint8Array(await readFile(nodesTarball));
    expect(nodes.files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'index.js', 'index.d.ts']));
    expect(nodes.files.some((f) => f.startsWith('src/') || f.includes('.test.') || f.includes('test-helper'))).toBe(false);
  }, 900_000);

  afterAll(async () => {
    if (packDir) await rm(packDir, { recursive: true, force: true });
  });

  it('has no publint problems', async () => {
    const { messages, pkg } = await publint({ pack: { tarball: tarball.slice().buffer }, level: 'warning', strict: true });
    expect(messages.map((m) => formatMessage(m, pkg))).toEqual([]);
  });

  it('has types that resolve under node16 ESM and bundlers (arethetypeswrong)', async () => {
    const result = await checkPackage(createPackageFromTarballData(tarball));
    if (!('problems' in result)) throw new Error('arethetypeswrong found no types in the package');
    const problems = result.problems.filter((p) => !('resolutionKind' in p && outOfScope.has(p.resolutionKind)));
    expect(problems).toEqual([]);
    expect(Object.keys(result.entrypoints).sort()).toEqual(['.', './package.json']);
  });

  it('runs in plain Node installed beside the published SDK, with no sources', async () => {
    // An install as npm would lay it out: both packed packages, and their dependencies from this checkout.
    const app = join(packDir, 'app');
    const modules = join(app, 'node_modules');
    for (const [name, file] of [
      ['sdk', sdkTarball],
      ['nodes', nodesTarball],
    ] as const) {
      await mkdir(join(modules, '@causeway', name), { recursive: true });
      await run('tar', ['-xzf', file, '-C', join(modules, '@causeway', name), '--strip-components=1']);
    }
    const declared = new Set<string>();
    for (const name of ['sdk', 'nodes']) {
      const { dependencies } = JSON.parse(await readFile(join(modules, '@causeway', name, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
      };
      for (const dependency of Object.keys(dependencies)) if (!dependency.startsWith('@causeway/')) declared.add(dependency);
    }
    for (const dependency of declared) await symlink(join(root, 'node_modules', dependency), join(modules, dependency));
    const script = [
      "const { createBuiltinRegistry } = await import('@causeway/nodes');",
      "const { NodeRegistry } = await import('@causeway/sdk');",
      'const registry = createBuiltinRegistry();',
      "console.log(JSON.stringify({ shared: registry instanceof NodeRegistry, select: registry.list().some((d) => d.type === 'transform.select') }));",
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({ shared: true, select: true });
  });
});
