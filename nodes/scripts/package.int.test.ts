import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndPack, installPacked, repoRoot } from '../../scripts/packages/pack-workspace';
import { publintProblems, sourceMapProblems, typeProblems } from '../../scripts/packages/package-problems';

const run = promisify(execFile);
let packDir: string;
let tarball: Uint8Array;
let installed: string;

describe('the published @causeway/nodes', () => {
  beforeAll(async () => {
    packDir = await mkdtemp(join(tmpdir(), 'causeway-nodes-pack-'));
    const [sdk, nodes] = [await buildAndPack(join(repoRoot, 'sdk'), packDir), await buildAndPack(join(repoRoot, 'nodes'), packDir)];
    tarball = new Uint8Array(await readFile(nodes.file));
    expect(nodes.files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'index.js', 'index.d.ts']));
    expect(nodes.files.some((f) => f.startsWith('src/') || f.includes('.test.') || f.includes('test-helper'))).toBe(false);
    // An install as npm would lay it out: both packed packages, their dependencies from this checkout.
    installed = await installPacked(join(packDir, 'app'), { '@causeway/sdk': sdk.file, '@causeway/nodes': nodes.file });
  }, 900_000);

  afterAll(async () => {
    if (packDir) await rm(packDir, { recursive: true, force: true });
  });

  it('has no publint problems', async () => {
    expect(await publintProblems(tarball)).toEqual([]);
  });

  it('has types that resolve under node16 ESM and bundlers (arethetypeswrong)', async () => {
    const { problems, entrypoints } = await typeProblems(tarball);
    expect(problems).toEqual([]);
    expect(entrypoints).toEqual(['.', './package.json']);
  });

  it('ships source maps that carry their sources', async () => {
    expect(await sourceMapProblems(join(installed, '@causeway/nodes'))).toEqual([]);
  });

  it('runs in plain Node installed beside the published SDK, with no sources', async () => {
    const script = [
      "const { createBuiltinRegistry } = await import('@causeway/nodes');",
      "const { NodeRegistry } = await import('@causeway/sdk');",
      'const registry = createBuiltinRegistry();',
      "console.log(JSON.stringify({ shared: registry instanceof NodeRegistry, select: registry.list().some((d) => d.type === 'transform.select') }));",
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: join(packDir, 'app') });
    expect(JSON.parse(stdout)).toEqual({ shared: true, select: true });
  });
});
