import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpSource } from '@causeway/nodes';
import { rowsOf, runNode } from '@causeway/sdk/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressPolicy } from './address-policy';
import { createSafeHttpClient } from './safe-fetch';

let server: Server;
let base = '';
const rows = 20_000;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/rows.csv') {
      // 20,000 rows written in many small pieces, without a Content-Length.
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.write('id,x,city\n');
      for (let from = 0; from < rows; from += 500) {
        let text = '';
        for (let i = from; i < from + 500; i++) text += `${i},${i / 4},c${i % 7}\n`;
        res.write(text);
      }
      res.end();
    } else if (req.url === '/lines.ndjson') {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      for (let i = 0; i < 1000; i++) res.write(`{"i":${i},"s":"v${i % 3}"}\n`);
      res.end();
    } else res.writeHead(200, { 'content-type': 'application/x-ndjson' }).end('{"a":1}\n{"a":2}\n');
  });
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

  it('streams a CSV and an NDJSON download into tables', async () => {
    const http = createSafeHttpClient({ policy: new AddressPolicy(['127.0.0.1']) });
    const csv = await runNode(httpSource, { inputs: {}, config: { url: `${base}/rows.csv` }, http });
    const table = csv.outputs.table;
    expect(table.numRows).toBe(rows);
    expect(rowsOf(table)[rows - 1]).toEqual({ id: rows - 1, x: (rows - 1) / 4, city: `c${(rows - 1) % 7}` });
    const ndjson = await runNode(httpSource, { inputs: {}, config: { url: `${base}/lines.ndjson` }, http });
    expect(ndjson.outputs.table.numRows).toBe(1000);
    expect(rowsOf(ndjson.outputs.table)[999]).toEqual({ i: 999, s: 'v0' });
  });

  it('fails a download over its size cap while streaming, naming the cap', async () => {
    const http = createSafeHttpClient({ policy: new AddressPolicy(['127.0.0.1']) });
    await expect(runNode(httpSource, { inputs: {}, config: { url: `${base}/rows.csv`, maxMegabytes: 0.1 }, http })).rejects.toMatchObject({
      code: 'HTTP_FAILED',
      message: expect.stringMatching(/larger than the limit of 104858 bytes/),
    });
  });
});
