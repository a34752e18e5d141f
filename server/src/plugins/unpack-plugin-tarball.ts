import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { UserError } from '@causeway/sdk';
import { extract } from 'tar-stream';
import { pluginLimits } from './plugin-limits';

/** The files of an npm tarball a plugin install reads; everything else in it is skipped. */
export interface PluginTarball {
  packageJson: Uint8Array;
  manifest: Uint8Array;
  bundle: Uint8Array;
}

const wanted: Record<string, keyof PluginTarball> = {
  'package/package.json': 'packageJson',
  'package/dist/causeway-plugin.json': 'manifest',
  'package/dist/plugin.mjs': 'bundle',
};

const refuse = (message: string) => new UserError('PLUGIN_BUNDLE_INVALID', `The tarball ${message}.`);

/**
 * Unpacks an npm tarball (`npm pack` output) in memory, streaming through gunzip with caps on
 * entries and unpacked bytes. Refuses absolute paths, `..` segments, links and devices anywhere in
 * it (nothing is written to disk, but such a tarball is not a package), and requires
 * `package/package.json`, `package/dist/causeway-plugin.json` and `package/dist/plugin.mjs`.
 */
export async function unpackPluginTarball(tgz: Uint8Array): Promise<PluginTarball> {
  const found: Partial<PluginTarball> = {};
  const tar = extract();
  let entries = 0;
  let unpacked = 0;
  let rejectDone: (error: unknown) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    rejectDone = reject;
    tar.on('entry', (header, stream, next) => {
      const fail = (error: UserError) => {
        reject(error);
        // Destroyed without an error: the rejection above is the one report.
        tar.destroy();
      };
      entries += 1;
      if (entries > pluginLimits.tarEntries) return fail(refuse(`has more than ${pluginLimits.tarEntries} entries`));
      const name = header.name;
      if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\')) return fail(refuse(`holds an absolute path "${name}"`));
      if (name.split('/').includes('..')) return fail(refuse(`holds a path with "..": "${name}"`));
      if (header.type !== 'file' && header.type !== 'directory') {
        return fail(refuse(`holds a ${header.type} entry "${name}"; only files and folders are allowed`));
      }
      const key = Object.hasOwn(wanted, name) ? wanted[name] : undefined;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => {
        if (!(chunk instanceof Uint8Array)) return;
        unpacked += chunk.length;
        if (unpacked > pluginLimits.unpackedBytes) fail(refuse(`unpacks to more than ${pluginLimits.unpackedBytes} bytes`));
        else if (key !== undefined) chunks.push(Buffer.from(chunk));
      });
      stream.on('end', () => {
        if (key !== undefined) found[key] = new Uint8Array(Buffer.concat(chunks));
        next();
      });
      stream.on('error', reject);
    });
    tar.on('finish', resolve);
    tar.on('error', reject);
  });
  const gunzip = createGunzip();
  gunzip.on('error', () => {
    rejectDone(refuse('is not a gzip-compressed tar archive'));
    tar.destroy();
  });
  Readable.from([Buffer.from(tgz.buffer, tgz.byteOffset, tgz.byteLength)])
    .pipe(gunzip)
    .pipe(tar);
  try {
    await done;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw refuse(`cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  for (const [path, key] of Object.entries(wanted)) if (found[key] === undefined) throw refuse(`has no ${path}`);
  return found as PluginTarball;
}
