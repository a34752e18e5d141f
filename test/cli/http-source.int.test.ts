import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

// The CLI wires the server's SSRF-safe HTTP client into runs: loopback is refused unless an operator allows it.
describe('causeway run with a URL source', { timeout: 90_000 }, () => {
  let server: Server;
  let folder: string;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/csv' });
      response.end('city,visitors\nDelft,12\nGent,7\n');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    folder = await mkdtemp(join(tmpdir(), 'causeway-http-'));
    const graph = {
      format: 'causeway.graph/1',
      id: 'visitors',
      name: 'Visitors from a URL',
      nodes: [{ id: 'fetch', type: 'source.http', version: 1, config: { url: `http://127.0.0.1:${port}/visitors.csv` }, position: [0, 0] }],
      edges: [],
    };
    await writeFile(join(folder, 'graph.json'), JSON.stringify(graph));
  });

  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('refuses a loopback address by default, naming the reason', async () => {
    const result = await runCli(['run', 'graph.json'], { cwd: folder });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/HTTP_BLOCKED/);
  });

  it('reads the table when the operator allow-lists the address', async () => {
    const result = await runCli(['run', 'graph.json', '--out', 'out'], { cwd: folder, env: { CAUSEWAY_HTTP_ALLOW: '127.0.0.1' } });
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(join(folder, 'out', 'fetch.table.csv'), 'utf8')).toBe('city,visitors\nDelft,12\nGent,7\n');
  });
});
