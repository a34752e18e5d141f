import { type HttpClient, readHttpStream, UserError, writeArrow } from '@causeway/sdk';
import { rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { formatOf, httpSource } from './http';

/** A stand-in host client serving fixed bodies in 5-byte chunks, recording the limits it was given. */
function servingClient(bodies: Record<string, { body: Uint8Array | string; type: string }>, seen: unknown[] = []): HttpClient {
  const client: HttpClient = {
    async stream(url, options) {
      seen.push(options);
      const entry = bodies[url];
      if (!entry) throw new UserError('HTTP_FAILED', `${url} answered 404`);
      const bytes = typeof entry.body === 'string' ? new TextEncoder().encode(entry.body) : entry.body;
      async function* chunks() {
        for (let at = 0; at < bytes.length; at += 5) yield bytes.subarray(at, at + 5);
      }
      return { body: chunks(), contentType: entry.type, url };
    },
    get: async (url, options) => readHttpStream(await client.stream(url, options)),
  };
  return client;
}

describe('source.http', () => {
  const table = tableOf({ a: [1, 2], b: ['x', 'y'] });
  const http = servingClient({
    'https://d.example/data': { body: 'a,b\n1,x\n2,y\n', type: 'text/csv; charset=utf-8' },
    'https://d.example/records': { body: '[{"a":1,"b":"x"},{"a":2,"b":"y"}]', type: 'application/json' },
    'https://d.example/t.arrow': { body: writeArrow(table), type: 'application/octet-stream' },
    'https://d.example/broken': { body: '{"a":', type: 'application/json' },
  });

  it('parses by content type, then URL ending, and passes its limits and signal to ctx.http', async () => {
    const seen: unknown[] = [];
    const client = servingClient({ 'https://d.example/data': { body: 'a,b\n1,x\n2,y\n', type: 'text/csv' } }, seen);
    for (const url of ['https://d.example/data', 'https://d.example/records', 'https://d.example/t.arrow']) {
      const { outputs } = await runNode(httpSource, { inputs: {}, config: { url }, http });
      expect(rowsOf(outputs.table)).toEqual(rowsOf(table));
    }
    await runNode(httpSource, { inputs: {}, config: { url: 'https://d.example/data', maxMegabytes: 1, timeoutSeconds: 2 }, http: client });
    expect(seen[0]).toMatchObject({ maxBytes: 2 ** 20, timeoutMs: 2000 });
  });

  it('lets the format config override the content type', async () => {
    await expect(
      runNode(httpSource, { inputs: {}, config: { url: 'https://d.example/records', format: 'csv' }, http }),
    ).resolves.toBeDefined();
    expect(formatOf('auto', 'application/vnd.apache.parquet', 'https://x/y')).toBe('parquet');
    expect(formatOf('auto', 'application/octet-stream', 'https://x/y.feather?x=1')).toBe('arrow');
    expect(formatOf('auto', '', 'https://x/y.ndjson')).toBe('json');
    expect(formatOf('json', 'text/csv', 'https://x/y.csv')).toBe('json');
  });

  it('reports a body that does not parse, naming the URL', async () => {
    await expect(runNode(httpSource, { inputs: {}, config: { url: 'https://d.example/broken' }, http })).rejects.toThrow(
      /"https:\/\/d\.example\/broken" cannot be read as JSON/,
    );
  });

  it('fails clearly in a host without a client, and refuses non-http URLs in config', async () => {
    await expect(runNode(httpSource, { inputs: {}, config: { url: 'https://d.example/data' } })).rejects.toMatchObject({
      code: 'HTTP_CLIENT_MISSING',
    });
    await expect(runNode(httpSource, { inputs: {}, config: { url: 'file:///etc/passwd' } })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
    expect(httpSource.cache).toBe('volatile');
  });
});
