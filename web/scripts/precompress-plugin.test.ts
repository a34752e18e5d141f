import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { precompressFile } from './precompress-plugin';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causeway-precompress-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('writes brotli and gzip beside a file, each decompressing to it', async () => {
  const file = join(dir, 'index-Ab12.js');
  const text = `export const rows = ${JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ id: i, name: `row ${i}` })))};`;
  await writeFile(file, text);
  await precompressFile(file);
  const br = await readFile(`${file}.br`);
  const gz = await readFile(`${file}.gz`);
  expect(br.byteLength).toBeLessThan(gz.byteLength);
  expect(gz.byteLength).toBeLessThan(text.length / 4);
  expect(brotliDecompressSync(br).toString()).toBe(text);
  expect(gunzipSync(gz).toString()).toBe(text);
});

test('writes nothing where compression would not make the file smaller', async () => {
  const file = join(dir, 'noise.wasm');
  await writeFile(file, randomBytes(4096));
  await precompressFile(file);
  await expect(stat(`${file}.br`)).rejects.toMatchObject({ code: 'ENOENT' });
  await expect(stat(`${file}.gz`)).rejects.toMatchObject({ code: 'ENOENT' });
});
