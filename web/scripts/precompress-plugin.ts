import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** What the server sends compressed (source maps are read only by developer tools). */
const compressible = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.wasm']);

/** Brotli's best quality takes minutes on the 14 MB onnxruntime binary; a lower one costs it about a fifth more bytes. */
const bestQualityUpTo = 2_000_000;

/** Every file under `folder`, as paths relative to it. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Writes `<file>.br` and `<file>.gz` beside `file` when they are smaller than it. */
export async function precompressFile(file: string): Promise<void> {
  const bytes = await readFile(file);
  const quality = bytes.byteLength <= bestQualityUpTo ? constants.BROTLI_MAX_QUALITY : 5;
  const [br, gzipped] = await Promise.all([
    brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } }),
    gz(bytes, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  if (br.byteLength < bytes.byteLength) await writeFile(`${file}.br`, br);
  if (gzipped.byteLength < bytes.byteLength) await writeFile(`${file}.gz`, gzipped);
}

/**
 * Compresses the build once, with brotli and gzip beside each file, so the server sends the smaller
 * one by Accept-Encoding without compressing per request.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'causeway-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await filesUnder(outDir)).filter((f) => compressible.has(extname(f)));
      await Promise.all(files.map(precompressFile));
    },
  };
}
