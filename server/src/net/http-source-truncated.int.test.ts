import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpSource } from '@causeway/nodes';
import { runNode } from '@causeway/sdk/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressPolicy } from './address-policy';
import { createSafeHttpClient } from './safe-fetch';

let server: Server;
let base = '';
const stalled: ServerResponse[] = [];
const head = 'id,x\n';
const fourRows = `${head}1,1\n2,2\n3,3\n4,4\n`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const type = req.url?.endsWith('.ndjson') ? 'application/x-ndjson' : 'text/csv';
    const start = req.url?.endsWith('.ndjson') ? '{"id":1}\n{"id":2}\n' : fourRows;
    if (req.url?.startsWith('/stall')) {
      // Four of twenty rows, then nothing: the download's time limit passes mid-stream.
      res.writeHead(200, { 'content-type': type });
      res.write(start);
      stalled.push(res);
    } else if (req.url?.startsWith('/short')) {
      // Declares 500 bytes, sends fewer, and closes the connection.
      res.writeHead(200, { 'content-type': type, 'content-length': '500' });
      res.write(start);
      setTimeout(() => res.socket?.destroy(), 20);
    } else if (req.url?.startsWith('/cut')) {
      // No length declared; the connection drops in the middle of a chunked body.
      res.writeHead(200, { 'content-type': type });
      res.write(start);
      setTimeout(() => res.socket?.destroy(), 20);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of stalled) res.socket?.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const http = () => createSafeHttpClient({ policy: new AddressPolicy(['127.0.0.1']) });
const read = (url: string, timeoutSeconds = 60) => runNode(httpSource, { inputs: {}, config: { url, timeoutSeconds }, http: http() });

describe.each(['csv', 'ndjson', 'parquet'])('a %s download that does not arrive whole fails', (format) => {
  const path = (name: string) => `${base}/${name}.${format}`;
  it('when its time limit passes mid-stream: HTTP_FAILED naming the bytes received', async () => {
    const error = await read(path('stall'), 0.5).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'HTTP_FAILED' });
    expect((error as Error).message).toMatch(/longer than 500 ms.* \d+ bytes? received/);
  });

  it('when the body is shorter than its Content-Length: HTTP_FAILED naming both sizes', async () => {
    await expect(read(path('short'))).rejects.toMatchObject({ code: 'HTTP_FAILED', message: expect.stringMatching(/\d+ of 500 bytes/) });
  });

  it('when the connection drops mid-body', async () => {
    await expect(read(path('cut'))).rejects.toMatchObject({ code: 'HTTP_FAILED', message: expect.stringMatching(/\d+ bytes? received/) });
  });
});
