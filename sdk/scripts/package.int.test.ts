import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndPack, installPacked } from '../../scripts/packages/pack-workspace';
import { publintProblems, sourceMapProblems, typeProblems } from '../../scripts/packages/package-problems';

const run = promisify(execFile);
let packDir: string;
let tarball: Uint8Array;
let installed: string;

describe('the published @causeway/sdk', () => {
  beforeAll(async () => {
    packDir = await mkdtemp(join(tmpdir(), 'causeway-sdk-pack-'));
    const sdk = await buildAndPack(join(import.meta.dirname, '..'), packDir);
    tarball = new Uint8Array(await readFile(sdk.file));
    expect(sdk.files).toEqual(expect.arrayContaining(['package.json', 'index.js', 'index.d.ts', 'testkit/index.js']));
    expect(sdk.files.some((f) => f.startsWith('src/') || f.endsWith('.test.js'))).toBe(false);
    installed = await installPacked(join(packDir, 'app'), { '@causeway/sdk': sdk.file });
  }, 600_000);

  afterAll(async () => {
    if (packDir) await rm(packDir, { recursive: true, force: true });
  });

  it('has no publint problems', async () => {
    expect(await publintProblems(tarball)).toEqual([]);
  });

  it('has types that resolve under node16 ESM and bundlers (arethetypeswrong)', async () => {
    const { problems, entrypoints } = await typeProblems(tarball);
    expect(problems).toEqual([]);
    expect(entrypoints).toEqual(['.', './package.json', './testkit']);
  });

  it('ships source maps that carry their sources', async () => {
    expect(await sourceMapProblems(join(installed, '@causeway/sdk'))).toEqual([]);
  });

  it('runs in plain Node from the packed files, with the API version and the test kit', async () => {
    const script = [
      "const sdk = await import('@causeway/sdk');",
      "const testkit = await import('@causeway/sdk/testkit');",
      'console.log(JSON.stringify({ api: sdk.apiVersion, rows: testkit.tableOf({ a: [1, 2] }).numRows, describe: typeof sdk.describeNode }));',
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: join(packDir, 'app') });
    expect(JSON.parse(stdout)).toEqual({ api: 1, rows: 2, describe: 'function' });
  });
});
