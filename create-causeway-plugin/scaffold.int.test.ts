import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { checkPluginManifest } from '@causeway/sdk';
import { init, parse } from 'es-module-lexer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const bin = join(import.meta.dirname, 'bin.mjs');
const repoModules = join(import.meta.dirname, '..', 'node_modules');
let work: string;

async function create(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args], { cwd: work });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm create causeway-plugin', () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'causeway-scaffold-'));
  });
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('writes a plugin whose test passes and whose build gives a valid manifest and a self-contained bundle', async () => {
    const created = await create('@acme/causeway-demo');
    expect(created.code).toBe(0);
    const dir = join(work, 'causeway-demo');
    expect((await readdir(dir)).sort()).toEqual(['.gitignore', 'README.md', 'build.mjs', 'package.json', 'src', 'tsconfig.json']);
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: '@acme/causeway-demo', peerDependencies: { '@causeway/sdk': expect.any(String) } });
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['vitest', 'esbuild', 'typescript']));

    // Stands in for `npm install`: the repository's packages, including this @causeway/sdk.
    await symlink(repoModules, join(dir, 'node_modules'), 'dir');
    const test = await exec('npm', ['test', '--silent'], { cwd: dir });
    expect(stripVTControlCharacters(test.stdout)).toMatch(/Tests\s+4 passed/);

    await exec('npm', ['run', 'build', '--silent'], { cwd: dir });
    const bundle = await readFile(join(dir, 'dist/plugin.mjs'));
    const checked = checkPluginManifest(JSON.parse(await readFile(join(dir, 'dist/causeway-plugin.json'), 'utf8')));
    if (!checked.ok) throw new Error(checked.issues.map((i) => i.message).join('\n'));
    expect(checked.value).toMatchObject({ name: '@acme/causeway-demo', version: '0.1.0', apiVersion: 1, bundle: 'plugin.mjs' });
    expect(checked.value.bundleSha256).toBe(createHash('sha256').update(bundle).digest('hex'));
    expect(checked.value.nodes.map((n) => n.type)).toEqual(['@acme/causeway-demo/upper-case']);
    await init;
    const [imports] = parse(bundle.toString('utf8'));
    expect(new Set(imports.map((i) => i.n))).toEqual(new Set(['@causeway/sdk']));
  }, 300_000);

  it('refuses a folder that is not empty and leaves it as it was', async () => {
    const dir = join(work, 'taken');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const created = await create('causeway-taken', dir);
    expect(created.code).toBe(1);
    expect(created.stderr).toContain('is not empty');
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  it('refuses an --sdk tarball that does not exist, writing nothing', async () => {
    const created = await create('@acme/causeway-nosdk', join(work, 'nosdk'), '--sdk', join(work, 'missing.tgz'));
    expect(created.code).toBe(1);
    expect(created.stderr).toContain(`--sdk ${join(work, 'missing.tgz')}: no such file; npm run pack:sdk writes one`);
    await expect(readdir(join(work, 'nosdk'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses names npm would refuse, and explains usage without a name', async () => {
    for (const name of ['Causeway Text', '@acme/', '.hidden', 'a'.repeat(215)]) {
      const created = await create(name, join(work, 'bad'));
      expect(created.code, name).toBe(1);
      expect(created.stderr).toContain('is not a valid npm package name');
    }
    await expect(readdir(join(work, 'bad'))).rejects.toMatchObject({ code: 'ENOENT' });
    const bare = await create();
    expect(bare.code).toBe(64);
    expect(bare.stderr).toContain('Usage: npm create causeway-plugin');
  });
});
