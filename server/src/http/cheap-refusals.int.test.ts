import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { predictFastPath } from '../endpoints/predict-fast-path';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { RateLimits } from './rate-limits';

const seventeenMb = 17 * 2 ** 20;
// The server's default body limit (CAUSEWAY_BODY_LIMIT): 17 MB is under it, so only the missing token can refuse it early.
const bodyLimit = 20 * 2 ** 20;

/** Sends the head of a request declaring `length` body bytes and only `sent` of them; resolves with what came back once the server closes the connection. */
function partialPost(port: number, path: string, length: number, sent: number, headers: Record<string, string> = {}) {
  return new Promise<{ head: string; closedWithoutBody: boolean }>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('error', reject);
    // The server closes after answering: the rest of the body was never needed.
    socket.on('close', () => resolve({ head: text.split('\r\n\r\n')[0] ?? '', closedWithoutBody: true }));
    const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
    socket.write(
      `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\n${extra.join('')}\r\n`,
    );
    socket.write(Buffer.alloc(sent, 0x20));
  });
}

describe('cheap refusals', () => {
  let t: TestApp;
  let fastServer: Server;
  let appServer: Server;
  const port = (server: Server) => (server.address() as AddressInfo).port;
  const limits = new RateLimits({
    CAUSEWAY_RATE_SIGN_IN_PER_IP: 3,
    CAUSEWAY_RATE_PREDICT_PER_TOKEN: 2,
    CAUSEWAY_RATE_PREDICT_PER_IP: 3,
    CAUSEWAY_TRUST_PROXY: false,
    CAUSEWAY_RATE_LIMIT_KEYS: 50_000,
  });

  beforeAll(async () => {
    t = await makeTestApp({ rateLimits: limits, bodyLimit });
    const fast = predictFastPath({
      tokens: t.services.tokens,
      predictor: t.endpoints.predictor,
      logger: t.logger,
      bodyLimit,
      corsOrigin: 'http://127.0.0.1:8787',
      rateLimits: limits,
    });
    const app = getRequestListener(t.app.fetch);
    fastServer = createServer((req, res) => {
      if (!fast(req, res)) void app(req, res);
    });
    appServer = createServer((req, res) => void app(req, res));
    for (const server of [fastServer, appServer]) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  }, 120_000);
  afterAll(async () => {
    for (const server of [fastServer, appServer]) await new Promise((done) => server?.close(done));
    await t?.close();
  });

  test('an unauthenticated 17 MB POST is refused 401 without a byte of its body being read', async () => {
    let pulled = 0;
    // highWaterMark 0: the stream hands out bytes only when someone reads.
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled += 1024 * 1024;
          controller.enqueue(new Uint8Array(1024 * 1024));
          if (pulled >= seventeenMb) controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const response = await t.app.request('/api/graphs', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(seventeenMb) },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(response.headers.get('connection')).toBe('close');
    expect(pulled).toBe(0);
  });

  test('over a socket, the 401 comes before the body is sent and the connection is closed (app and prediction fast path)', async () => {
    for (const path of ['/api/graphs', '/api/endpoints/churn/predict', '/api/runs']) {
      // 64 KB of 17 MB sent: a server that read the body would wait for the rest and never answer.
      const answer = await partialPost(port(fastServer), path, seventeenMb, 64 * 1024);
      expect(answer.head, path).toMatch(/^HTTP\/1\.1 401/);
      expect(answer.head.toLowerCase(), path).toContain('connection: close');
      expect(answer.closedWithoutBody).toBe(true);
    }
    // A wrong token is refused as early, on the app and on the fast path: no body is waited for.
    for (const server of [appServer, fastServer]) {
      const answer = await partialPost(port(server), '/api/graphs', seventeenMb, 64 * 1024, { authorization: 'Bearer wrong-token' });
      expect(answer.head).toMatch(/^HTTP\/1\.1 401/);
      expect(answer.head.toLowerCase()).toContain('connection: close');
    }
    // Sign-in is public: its body is read and judged (a wrong password), not refused for want of a token.
    const signIn = await t.app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'nobody', password: 'wrong' }),
    });
    expect(await signIn.json()).toMatchObject({ code: 'SIGN_IN_FAILED' });
    expect((await t.app.request('/api/health')).status).toBe(200);
  });

  test('sign-in is limited per client address with 429 and Retry-After', async () => {
    // Without CAUSEWAY_TRUST_PROXY a client cannot pick the address it is counted under.
    const signIn = () =>
      fetch(`http://127.0.0.1:${port(appServer)}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}` },
        body: JSON.stringify({ name: `user-${Math.random()}`, password: 'wrong' }),
      });
    // The sign-in above went through app.request, which has no client address: all three are left.
    for (let i = 0; i < 3; i++) expect((await signIn()).status).toBe(401);
    const refused = await signIn();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('this address') });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(20);
  });

  test('predictions are limited per token and per address, counted together on the fast path and the app route', async () => {
    const predict = (server: Server, token: string) =>
      fetch(`http://127.0.0.1:${port(server)}/api/endpoints/none/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ rows: [{ x: 1 }] }),
      });
    const analyst = t.tokens.analyst;
    // The anonymous prediction refused above spent 1 of the address's 3.
    expect((await predict(fastServer, analyst)).status).not.toBe(429);
    expect((await predict(appServer, analyst)).status).not.toBe(429);
    for (const server of [fastServer, appServer]) {
      const refused = await predict(server, analyst);
      expect(refused.status).toBe(429);
      expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('this token') });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // Another token passes its own limit but meets the address's.
    const refusedByAddress = await predict(fastServer, t.tokens.admin);
    expect(refusedByAddress.status).toBe(429);
    expect(await refusedByAddress.json()).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('this address') });
  });
});
