// Builds a publishable workspace package (sdk, nodes) with its scripts/build.mjs and packs it with
// npm: what `npm run pack:sdk` writes and what the package guards and the outside-the-repository
// plugin test install.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** The repository's root, whose node_modules stand in for a registry's copies of third-party dependencies. */
export const repoRoot = join(import.meta.dirname, '..', '..');

/** A packed package: the tarball's path and the files in it. */
export interface PackedPackage {
  file: string;
  files: string[];
}

/**
 * Builds the package in `packageDir` into a folder of its own (other builds of it may run at the same
 * time), packs that into `destination` and removes the build; answers the tarball and its file list.
 */
export async function buildAndPack(packageDir: string, destination: string): Promise<PackedPackage> {
  await mkdir(destination, { recursive: true });
  const out = await mkdtemp(join(destination, '.build-'));
  try {
    await run(process.execPath, [join(packageDir, 'scripts/build.mjs'), out], { cwd: packageDir });
    const { stdout } = await run('npm', ['pack', out, '--json', '--pack-destination', destination], { cwd: packageDir });
    const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    if (!packed) throw new Error('npm pack reported nothing');
    return { file: join(destination, packed.filename), files: packed.files.map((f) => f.path) };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/**
 * Lays packed @causeway packages out under `app/node_modules` as npm would, with their third-party
 * dependencies linked from this checkout (no registry needed); answers the node_modules folder.
 */
export async function installPacked(app: string, tarballs: Readonly<Record<string, string>>): Promise<string> {
  const modules = join(app, 'node_modules');
  const declared = new Set<string>();
  for (const [name, file] of Object.entries(tarballs)) {
    const into = join(modules, name);
    await mkdir(into, { recursive: true });
    await run('tar', ['-xzf', file, '-C', into, '--strip-components=1']);
    const { dependencies = {} } = JSON.parse(await readFile(join(into, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys(dependencies)) if (!(dependency in tarballs)) declared.add(dependency);
  }
  for (const dependency of declared) {
    await mkdir(join(modules, dependency, '..'), { recursive: true });
    await symlink(join(repoRoot, 'node_modules', dependency), join(modules, dependency));
  }
  return modules;
}
