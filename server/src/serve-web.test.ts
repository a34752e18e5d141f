import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppEnv } from './http/app-env';
import { serveWeb } from './serve-web';

// A build as web/ makes it: hashed files under assets/ with .br and .gz beside them, public files at the top.
let dir: string;
const app = new Hono<AppEnv>();
const script = `export const greeting = ${JSON.stringify('hello '.repeat(200))};\n`;
const shell = '<!doctype html><title>Causeway</title><div id="root"></div>';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causeway-web-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), shell);
  await writeFile(join(dir, 'runner-frame.js'), '(() => {})();');
  await writeFile(join(dir, 'assets/index-Ab12Cd34.js'), script);
  await writeFile(join(dir, 'assets/index-Ab12Cd34.js.br'), brotliCompressSync(script));
  await writeFile(join(dir, 'assets/index-Ab12Cd34.js.gz'), gzipSync(script));
  serveWeb(app, dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string, acceptEncoding?: string) =>
  app.request(path, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

describe('the built editor as the server sends it', () => {
  test('a hashed script goes as brotli when the browser takes it, else gzip, else as it is; cached for a year', async () => {
    const br = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br, zstd');
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('access-control-allow-origin')).toBe('*');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.byteLength).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(brBytes).toString()).toBe(script);

    const gz = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);

    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(await plain.text()).toBe(script);
  });

  test('the app shell and unhashed public files are revalidated on every load', async () => {
    for (const path of ['/', '/runs', '/graphs/churn-model']) {
      const page = await get(path, 'br');
      expect(page.status, path).toBe(200);
      expect(await page.text(), path).toBe(shell);
      expect(page.headers.get('cache-control'), path).toBe('no-cache');
    }
    const frame = await get('/runner-frame.js');
    expect(frame.headers.get('cache-control')).toBe('no-cache');
    expect(frame.headers.get('access-control-allow-origin')).toBe('*');
  });

  test('a missing asset, or any missing file with an extension, is a 404 and never the app shell', async () => {
    for (const path of ['/assets/ort-wasm-simd-threaded.jsep.mjs', '/assets/gone', '/favicon.ico', '/docs/guide.pdf']) {
      const missing = await get(path, 'br');
      expect(missing.status, path).toBe(404);
      expect(await missing.text(), path).not.toContain('<div id="root">');
      expect(missing.headers.get('cache-control'), path).toBeNull();
    }
  });
});
