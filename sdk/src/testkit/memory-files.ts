import { UserError } from '../errors/errors';
import type { FileStore } from '../node/context';

function fnv1a(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * A FileStore over in-memory files, for tests: strings are stored as UTF-8. The fingerprint
 * changes when a file's content changes; an unknown name fails with `FILE_UNKNOWN`.
 *
 * @example
 * const files = memoryFiles({ 'people.csv': 'age,name\n31,a\n' });
 * await runNode(csvSource, { inputs: {}, config: { file: 'people.csv' }, files });
 */
export function memoryFiles(files: Record<string, Uint8Array | string>): FileStore {
  const store = new Map<string, Uint8Array>();
  const encoder = new TextEncoder();
  for (const [name, content] of Object.entries(files)) {
    store.set(name, typeof content === 'string' ? encoder.encode(content) : content);
  }
  const get = (name: string): Uint8Array => {
    const bytes = store.get(name);
    if (!bytes) throw new UserError('FILE_UNKNOWN', `No file named "${name}".`);
    return bytes;
  };
  return {
    async read(name, signal) {
      signal?.throwIfAborted();
      // A copy, so a node that writes into the buffer cannot change the next read.
      return get(name).slice();
    },
    async open(name, signal) {
      signal?.throwIfAborted();
      const bytes = get(name).slice();
      // Small chunks, so stream readers meet chunk boundaries in tests.
      async function* chunks(): AsyncGenerator<Uint8Array> {
        for (let at = 0; at < bytes.length; at += 4096) yield bytes.subarray(at, at + 4096);
      }
      return { size: bytes.length, chunks };
    },
    async fingerprint(name) {
      const bytes = get(name);
      return `${bytes.byteLength}-${fnv1a(bytes)}`;
    },
  };
}
