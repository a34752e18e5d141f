import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const sdkDir = join(import.meta.dirname, '..');
const dist = join(sdkDir, 'dist');
let packDir: string;
let tarball: Uint8Array;

// The published package is ESM only: CommonJS `require` and the pre-exports `node10` resolution are out of scope.
const outOfScope = new Set(['node10', 'node16-cjs']);

describe('the published @causeway/sdk', () => {
  beforeAll(async () => {
    await run(process.execPath, [join(sdkDir, 'scripts/build.mjs')], { cwd: sdkDir });
    packDir = await mkdtemp(join(tmpdir(), 'causeway-sdk-pack-'));
    const { stdout } = await run('npm', ['pack', dist, '--json', '--pack-destination', packDir], { cwd: sdkDir });
    const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    if (!packed) throw new Error('npm pack reported nothing');
    tarball = new Uint8Array(await readFile(join(packDir, packed.filename)));
    expect(packed.files.map((f) => f.path)).toEqual(expect.arrayContaining(['package.json', 'index.js', 'index.d.ts', 'testkit/index.js']));
    expect(packed.files.some((f) => f.path.startsWith('src/') || f.path.endsWith('.test.js'))).toBe(false);
  }, 600_000);

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
    expect(Object.keys(result.entrypoints).sort()).toEqual(['.', './package.json', './testkit']);
  });

  it('runs in plain Node from the built files, with the API version and the test kit', async () => {
    const script = [
      `const sdk = await import(${JSON.stringify(join(dist, 'index.js'))});`,
      `const testkit = await import(${JSON.stringify(join(dist, 'testkit/index.js'))});`,
      'console.log(JSON.stringify({ api: sdk.apiVersion, rows: testkit.tableOf({ a: [1, 2] }).numRows, describe: typeof sdk.describeNode }));',
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: sdkDir });
    expect(JSON.parse(stdout)).toEqual({ api: 1, rows: 2, describe: 'function' });
  });
});
