import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressPolicy } from './address-policy';
import { createSafeHttpClient } from './safe-fetch';

let server: Server;
let port = 0;
const limits = { maxBytes: 1000, timeoutMs: 5000 };

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/data.csv') res.writeHead(200, { 'content-type': 'text/csv' }).end('a,b\n1,2\n');
    else if (req.url === '/to-loopback') res.writeHead(302, { location: `http://127.0.0.1:${port}/data.csv` }).end();
    else if (req.url === '/to-self') res.writeHead(302, { location: '/to-self' }).end();
    else if (req.url === '/big') res.writeHead(200).end('x'.repeat(5000));
    else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end('late'), 2000);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createSafeHttpClient', () => {
  const blocked = createSafeHttpClient();

  it('refuses loopback, private, metadata and IPv6 loopback addresses before connecting', async () => {
    for (const url of [
      `http://127.0.0.1:${port}/data.csv`,
      'http://10.0.0.1/data.csv',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://[::ffff:7f00:1]:${port}/`,
      `http://[::127.0.0.1]:${port}/`,
      `http://[::ffff:0:7f00:1]:${port}/`,
      `http://[64:ff9b::7f00:1]:${port}/`,
      `http://[2002:7f00:1::1]:${port}/`,
      `http://[2001:0:7f00:1::1]:${port}/`,
    ]) {
      await expect(blocked.get(url, limits)).rejects.toMatchObject({ code: 'HTTP_BLOCKED' });
    }
    await expect(blocked.get(`http://127.0.0.1:${port}/data.csv`, limits)).rejects.toThrow(
      /resolves to 127\.0\.0\.1, a loopback address, which URL sources may not reach/,
    );
  });

  it('checks every address a name resolves to', async () => {
    const rebinding = createSafeHttpClient({
      resolve: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ],
    });
    await expect(rebinding.get('http://data.example/x.csv', limits)).rejects.toThrow(/10\.0\.0\.7, a private address/);
  });

  it('fetches an allow-listed local server, with its content type', async () => {
    const allowed = createSafeHttpClient({ policy: new AddressPolicy(['127.0.0.1']) });
    const response = await allowed.get(`http://127.0.0.1:${port}/data.csv`, limits);
    expect(new TextDecoder().decode(response.bytes)).toBe('a,b\n1,2\n');
    expect(response.contentType).toBe('text/csv');
  });

  it('re-checks redirects: an allowed host redirecting to a refused address is refused', async () => {
    const hostOnly = createSafeHttpClient({
      policy: new AddressPolicy(['localhost']),
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    await expect(hostOnly.get(`http://localhost:${port}/data.csv`, limits)).resolves.toMatchObject({ contentType: 'text/csv' });
    await expect(hostOnly.get(`http://localhost:${port}/to-loopback`, limits)).rejects.toMatchObject({ code: 'HTTP_BLOCKED' });
  });

  it('caps redirects, size and time, and refuses other schemes', async () => {
    const allowed = createSafeHttpClient({ policy: new AddressPolicy(['127.0.0.1']) });
    await expect(allowed.get(`http://127.0.0.1:${port}/to-self`, limits)).rejects.toThrow(/redirects more than 5 times/);
    await expect(allowed.get(`http://127.0.0.1:${port}/big`, limits)).rejects.toThrow(/more than the limit of 1000|larger than the limit/);
    await expect(allowed.get(`http://127.0.0.1:${port}/slow`, { maxBytes: 1000, timeoutMs: 200 })).rejects.toThrow(
      /took longer than 200 ms/,
    );
    await expect(allowed.get(`http://127.0.0.1:${port}/missing`, limits)).rejects.toMatchObject({ code: 'HTTP_FAILED' });
    await expect(allowed.get('file:///etc/passwd', limits)).rejects.toMatchObject({ code: 'HTTP_BLOCKED' });
    await expect(allowed.get('ftp://127.0.0.1/x', limits)).rejects.toMatchObject({ code: 'HTTP_BLOCKED' });
  });
});
