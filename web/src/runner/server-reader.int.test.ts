import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchThrough, serverReader } from './server-reader';

let server: Server;
let origin: string;
const seen: Array<{ method: string; url: string; auth: string | undefined }> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', auth: request.headers.authorization });
    if (request.url === '/api/files/missing.csv') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/csv',
      'content-length': '8',
      'last-modified': 'Thu, 26 Nov 2026 12:00:00 GMT',
      'x-secret': 'no',
    });
    response.end(request.method === 'HEAD' ? undefined : 'a,b\n1,2\n');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe("the page's reads of its server for the runner worker", () => {
  it('reads plugin files and uploaded files with the token, and answers status, kept headers and bytes', async () => {
    const read = fetchThrough(serverReader(origin, 'tok'));
    const file = await read('/api/files/cities.csv');
    expect(file.status).toBe(200);
    expect(await file.text()).toBe('a,b\n1,2\n');
    expect(file.headers.get('content-type')).toBe('text/csv');
    expect(file.headers.get('x-secret')).toBeNull();
    const head = await read('/api/files/cities.csv', 'HEAD');
    expect(head.headers.get('content-length')).toBe('8');
    expect(head.headers.get('last-modified')).toBe('Thu, 26 Nov 2026 12:00:00 GMT');
    expect((await read('/api/files/missing.csv')).status).toBe(404);
    await read('/api/plugins');
    await read('/api/plugins/%40acme%2Fp/1.0.0/manifest');
    await read('/api/plugins/%40acme%2Fp/1.0.0/bundle.mjs');
    expect(seen.every((s) => s.auth === 'Bearer tok')).toBe(true);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toContain('HEAD /api/files/cities.csv');
  });

  it('refuses any other path or method without asking the server', async () => {
    const reader = serverReader(origin, 'tok');
    const before = seen.length;
    for (const path of [
      '/api/tokens',
      '/api/files',
      '/api/plugins/a/1.0.0/manifest/../../../tokens',
      '/api/files/a?x=1',
      '/api/files/..',
      '/api/files/%2e%2e',
      '/api/plugins/%2e%2e/%2E./manifest',
      'http://evil/api/plugins',
      '//evil/api/plugins',
    ]) {
      await expect(reader.read(path, 'GET'), path).rejects.toThrow(`may not GET ${path} from the server`);
    }
    await expect(reader.read('/api/plugins', 'POST' as 'GET')).rejects.toThrow('may not POST /api/plugins');
    expect(seen.length).toBe(before);
  });
});
