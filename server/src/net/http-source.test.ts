import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpSource } from '@causeway/nodes';
import { rowsOf, runNode } from '@causeway/sdk/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressPolicy } from './address-policy';
import { createSafeHttpClient } from './safe-fetch';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/x-ndjson' }).end('{"a":1}\n{"a":2}\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('source.http on the server client', () => {
  it('is refused for a loopback URL by default', async () => {
    const http = createSafeHttpClient();
    await expect(runNode(httpSource, { inputs: {}, config: { url: `${base}/x` }, http })).rejects.toMatchObject({ code: 'HTTP_BLOCKED' });
  });

  it('reads an allow-listed server', async () => {
    const http = createSafeHttpClient({ policy: AddressPolicy.fromEnv({ CAUSEWAY_HTTP_ALLOW: '127.0.0.1' }) });
    const { outputs } = await runNode(httpSource, { inputs: {}, config: { url: `${base}/x` }, http });
    expect(rowsOf(outputs.table)).toEqual([{ a: 1 }, { a: 2 }]);
  });
});
