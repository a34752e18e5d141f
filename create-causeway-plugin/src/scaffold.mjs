import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pluginNameProblems } from './plugin-name.mjs';
import { pluginFiles } from './templates.mjs';

/** A refusal the command line prints as it is: a bad name or a folder that is in use. */
export class ScaffoldError extends Error {
  name = 'ScaffoldError';
}

/**
 * Writes a new plugin package named `name` into `directory`, which must be missing or empty.
 * @param {string} name npm package name, e.g. `@acme/causeway-text`
 * @param {string} directory
 * @param {{ sdk?: string | undefined }} [options] `sdk`: an absolute path to an @causeway/sdk tarball to develop against
 * @returns {Promise<string[]>} the files written, relative to `directory`
 */
export async function scaffoldPlugin(name, directory, options = {}) {
  const problems = pluginNameProblems(name);
  if (problems.length > 0) throw new ScaffoldError(`"${name}" is not a valid npm package name: ${problems.join('; ')}.`);
  const existing = await readdir(directory).catch((error) => {
    if (error.code === 'ENOENT') return [];
    if (error.code === 'ENOTDIR') throw new ScaffoldError(`${directory} is a file, not a folder.`);
    throw error;
  });
  if (existing.length > 0) throw new ScaffoldError(`${directory} is not empty; choose a new folder (nothing was written).`);
  if (options.sdk !== undefined && !(await stat(options.sdk).catch(() => undefined))?.isFile()) {
    throw new ScaffoldError(`--sdk ${options.sdk}: no such file; npm run pack:sdk writes one (nothing was written).`);
  }
  const files = pluginFiles(name, options);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(directory, path)), { recursive: true });
    await writeFile(join(directory, path), text, { flag: 'wx' });
  }
  return Object.keys(files);
}
