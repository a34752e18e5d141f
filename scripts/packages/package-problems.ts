// The checks every published package passes: publint, arethetypeswrong, and source maps that carry
// the sources they point at (the packages ship no src/).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

// The published packages are ESM only: CommonJS `require` and the pre-exports `node10` resolution are out of scope.
const outOfScope = new Set(['node10', 'node16-cjs']);

/** publint's problems with a packed tarball, as sentences. */
export async function publintProblems(tarball: Uint8Array): Promise<string[]> {
  const { messages, pkg } = await publint({ pack: { tarball: tarball.slice().buffer }, level: 'warning', strict: true });
  return messages.map((m) => formatMessage(m, pkg) ?? m.code);
}

/** arethetypeswrong's problems under node16 ESM and bundlers, and the entry points it found. */
export async function typeProblems(tarball: Uint8Array): Promise<{ problems: unknown[]; entrypoints: string[] }> {
  const result = await checkPackage(createPackageFromTarballData(tarball));
  if (!('problems' in result)) throw new Error('arethetypeswrong found no types in the package');
  const problems = result.problems.filter((p) => !('resolutionKind' in p && outOfScope.has(p.resolutionKind)));
  return { problems, entrypoints: Object.keys(result.entrypoints).sort() };
}

/** Every `.map` file under `dir` that names a source without carrying its text. */
export async function sourceMapProblems(dir: string): Promise<string[]> {
  const maps = (await readdir(dir, { recursive: true })).filter((path) => path.endsWith('.map'));
  const problems: string[] = [];
  for (const path of maps) {
    const map = JSON.parse(await readFile(join(dir, path), 'utf8')) as { sources?: string[]; sourcesContent?: Array<string | null> };
    (map.sources ?? []).forEach((source, i) => {
      if (typeof map.sourcesContent?.[i] !== 'string') problems.push(`${path} points at ${source} without its text`);
    });
  }
  return problems;
}
