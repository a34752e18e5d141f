import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressPolicy } from './address-policy';
import { createSafeHttpClient } from './safe-fetch';

let server: Server;
let base = '';
/** Called by the test to let a held response finish. */
let release: () => void = () => {};
/** Resolves when the server sees the client close a response early. */
let closed: Promise<void> = Promise.resolve();

function handle(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/held') {
    // The first half now, the rest only once the test has read the first half: only a streaming read finishes.
    res.writeHead(200, { 'content-type': 'text/csv' });
    res.write('a,b\n1,2\n');
    release = () => res.end('3,4\n');
  } else if (req.url === '/endless') {
    // No Content-Length and no end: only counting while streaming can stop it.
    res.writeHead(200);
    const timer = setInterval(() => res.write('x'.repeat(400)), 5);
    res.on('close', () => clearInterval(timer));
  } else if (req.url === '/stalls') {
    res.writeHead(200);
    res.write('first');
  } else if (req.url === '/watched') {
    res.writeHead(200);
    res.write('y'.repeat(1000));
    closed = new Promise((resolve) => res.on('close', () => resolve()));
  } else if (req.url === '/declared') {
    res.writeHead(200, { 'content-length': '5000' }).end('z'.repeat(5000));
  } else res.writeHead(404).end();
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const decoder = new TextDecoder();
// The test's own server listens on loopback, which only an allow-list lets the client reach.
const allowed = createSafeHttpClient({ policy: new AddressPolicy(['127.0.0.1']) });

describe('createSafeHttpClient stream', () => {
  it('hands out the body as it arrives, with the content type', async () => {
    const response = await allowed.stream(`${base}/held`, { maxBytes: 1000, timeoutMs: 5000 });
    expect(response.contentType).toBe('text/csv');
    const iterator = response.body[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(decoder.decode(first.value)).toBe('a,b\n1,2\n');
    release();
    let rest = '';
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest += decoder.decode(next.value);
    expect(rest).toBe('3,4\n');
  });

  it('fails a body over the cap while it streams, after passing on what fit', async () => {
    const response = await allowed.stream(`${base}/endless`, { maxBytes: 2000, timeoutMs: 5000 });
    let received = 0;
    await expect(
      (async () => {
        for await (const chunk of response.body) received += chunk.byteLength;
      })(),
    ).rejects.toMatchObject({ code: 'HTTP_FAILED', message: expect.stringMatching(/larger than the limit of 2000 bytes/) });
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThanOrEqual(2000);
  });

  it('refuses a declared length over the cap before reading', async () => {
    await expect(allowed.stream(`${base}/declared`, { maxBytes: 1000, timeoutMs: 5000 })).rejects.toThrow(
      /is 5000 bytes, more than the limit of 1000/,
    );
  });

  it('enforces the time cap while the body streams', async () => {
    const response = await allowed.stream(`${base}/stalls`, { maxBytes: 1000, timeoutMs: 300 });
    const chunks: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of response.body) chunks.push(decoder.decode(chunk));
      })(),
    ).rejects.toMatchObject({ code: 'HTTP_FAILED', message: expect.stringMatching(/took longer than 300 ms/) });
    expect(chunks.join('')).toBe('first');
  });

  it('closes the connection when the reader stops early', async () => {
    const response = await allowed.stream(`${base}/watched`, { maxBytes: 10_000, timeoutMs: 5000 });
    for await (const _chunk of response.body) break;
    await expect(closed).resolves.toBeUndefined();
  });

  it('keeps refusing loopback without the allow-list', async () => {
    await expect(createSafeHttpClient().stream(`${base}/held`, { maxBytes: 1000, timeoutMs: 5000 })).rejects.toMatchObject({
      code: 'HTTP_BLOCKED',
    });
  });
});
