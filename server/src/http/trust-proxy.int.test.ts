import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { RateLimits } from './rate-limits';

describe('behind a trusted proxy (CAUSEWAY_TRUST_PROXY=true)', () => {
  let t: TestApp;
  let server: Server;
  const limits = RateLimits.fromEnv({ CAUSEWAY_RATE_SIGN_IN_PER_IP: '2', CAUSEWAY_TRUST_PROXY: 'true' });

  beforeAll(async () => {
    t = await makeTestApp({ rateLimits: limits });
    const app = getRequestListener(t.app.fetch);
    server = createServer((req, res) => void app(req, res));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  }, 120_000);
  afterAll(async () => {
    await new Promise((done) => server?.close(done));
    await t?.close();
  });

  test('sign-ins are counted per address the proxy appended to X-Forwarded-For', async () => {
    const signIn = (forwardedFor: string) =>
      fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ name: `user-${Math.random()}`, password: 'wrong' }),
      });
    // The client wrote the first entry; the proxy appended the second, which alone counts.
    for (let i = 0; i < 2; i++) expect((await signIn(`192.0.2.${i}, 203.0.113.1`)).status).toBe(401);
    expect((await signIn('192.0.2.9, 203.0.113.1')).status).toBe(429);
    expect((await signIn('203.0.113.2')).status).toBe(401);
  });
});
