import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import type { BuiltPlugin } from './build-test-plugin';

/** One entry of a test tarball; `type` other than file makes links and the like. */
export interface TarEntry {
  name: string;
  content?: string | Uint8Array;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  linkname?: string;
}

/** A gzipped tar of the given entries, as `npm pack` would write (or as a hostile uploader might). */
export async function packTarball(entries: TarEntry[]): Promise<Uint8Array> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve, reject) => {
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  for (const entry of entries) {
    const content = typeof entry.content === 'string' ? Buffer.from(entry.content) : Buffer.from(entry.content ?? new Uint8Array());
    const type = entry.type ?? 'file';
    const header = { name: entry.name, type, ...(entry.linkname === undefined ? {} : { linkname: entry.linkname }) };
    await new Promise<void>((resolve, reject) =>
      tar.entry(header, type === 'file' ? content : '', (error) => (error ? reject(error) : resolve())),
    );
  }
  tar.finalize();
  await ended;
  return new Uint8Array(gzipSync(Buffer.concat(chunks)));
}

/** The npm tarball of a built plugin: package.json, dist/causeway-plugin.json, dist/plugin.mjs (plus any extra entries). */
export function pluginTarball(plugin: BuiltPlugin, extra: TarEntry[] = []): Promise<Uint8Array> {
  const { manifest } = plugin;
  return packTarball([
    { name: 'package/package.json', content: JSON.stringify({ name: manifest.name, version: manifest.version, type: 'module' }) },
    { name: 'package/dist/causeway-plugin.json', content: JSON.stringify(manifest) },
    { name: 'package/dist/plugin.mjs', content: plugin.bundle },
    ...extra,
  ]);
}
