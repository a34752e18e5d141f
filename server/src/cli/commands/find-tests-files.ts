import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../usage-error';

const suffix = '.tests.json';

/** The graph a tests file belongs to: `churn.tests.json` tests `churn.json` beside it. */
export function graphOfTests(testsPath: string): string {
  return `${testsPath.slice(0, -suffix.length)}.json`;
}

/**
 * The tests files `causeway test` runs for its arguments: a tests file itself, the tests beside a
 * graph, or every `*.tests.json` under a folder (hidden folders and node_modules skipped), sorted.
 * A path that does not exist, or a graph with no tests beside it, is a usage error.
 */
export async function findTestsFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const given of paths.length === 0 ? ['.'] : paths) {
    const path = resolve(cwd, given);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new UsageError(`causeway test: "${given}" does not exist.`);
    if (info.isDirectory()) for (const file of await walk(path)) found.add(file);
    else if (path.endsWith(suffix)) found.add(path);
    else if (path.endsWith('.json')) {
      const tests = `${path.slice(0, -'.json'.length)}${suffix}`;
      if (!(await stat(tests).catch(() => undefined)))
        throw new UsageError(`causeway test: no tests beside "${given}": expected ${tests}.`);
      found.add(tests);
    } else throw new UsageError(`causeway test: "${given}" is neither a folder, a graph nor a ${suffix} file.`);
  }
  return [...found].sort();
}

async function walk(folder: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile() && entry.name.endsWith(suffix)) out.push(path);
  }
  return out;
}
