import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from './api-client';
import { authApi, signInProblem, waitText } from './auth-api';
import { forgetToken, keepSession, takeToken, tokenKind } from './token';

function memoryStorage() {
  const store = new Map<string, string>();
  return {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('signInProblem', () => {
  it('says wrong credentials plainly and gives the wait when throttled', () => {
    expect(signInProblem(new ApiError(400, 'SIGN_IN_FAILED', 'The user name or password is wrong.', undefined))).toBe(
      'Wrong user name or password (or the user is disabled).',
    );
    expect(signInProblem(new ApiError(429, 'SIGN_IN_THROTTLED', 'x', { retryAfterSeconds: 42 }))).toBe(
      'Too many failed sign-ins for this name. Try again in 42 seconds.',
    );
    expect(signInProblem(new ApiError(429, 'SIGN_IN_THROTTLED', 'Wait a while.', undefined))).toBe('Wait a while.');
    expect(signInProblem(new ApiError(0, 'NETWORK', 'The server cannot be reached: offline', undefined))).toBe(
      'The server cannot be reached: offline',
    );
    expect(signInProblem(new Error('boom'))).toBe('Not signed in: boom');
  });

  it('words waits in seconds, then whole minutes rounded up', () => {
    expect(waitText(1)).toBe('1 second');
    expect(waitText(89)).toBe('89 seconds');
    expect(waitText(600)).toBe('10 minutes');
    expect(waitText(601)).toBe('11 minutes');
  });
});

describe('authApi', () => {
  it('signs in without a token and reads the session; an unexpected answer is an error', async () => {
    const seen: Array<{ url: string; init?: RequestInit }> = [];
    const fetchOk = async (url: string, init?: RequestInit) => {
      seen.push({ url, ...(init ? { init } : {}) });
      return json(200, { token: 't1', expiresAt: '2026-01-01T00:00:00.000Z', name: 'ada', role: 'analyst' });
    };
    const session = await authApi.signIn('http://h/', 'ada', 'secret', fetchOk);
    expect(session).toEqual({ token: 't1', expiresAt: '2026-01-01T00:00:00.000Z', name: 'ada', role: 'analyst' });
    expect(seen[0]?.url).toBe('http://h/api/auth/sign-in');
    expect(JSON.parse(String(seen[0]?.init?.body))).toEqual({ name: 'ada', password: 'secret' });
    expect((seen[0]?.init?.headers ?? {}) as Record<string, string>).not.toHaveProperty('authorization');
    await expect(authApi.signIn('http://h', 'ada', 'secret', async () => json(200, { name: 'ada' }))).rejects.toMatchObject({
      code: 'UNEXPECTED_ANSWER',
      message: expect.stringContaining('POST /api/auth/sign-in'),
    });
    await expect(
      authApi.signIn('http://h', 'ada', 'bad', async () => json(400, { code: 'SIGN_IN_FAILED', message: 'wrong' })),
    ).rejects.toMatchObject({ code: 'SIGN_IN_FAILED', status: 400 });
  });

  it('tells a Causeway server (JSON health) from plain files (index.html for every path) and from no answer', async () => {
    expect(await authApi.isServer('http://h', async () => json(200, { status: 'ok' }))).toBe(true);
    expect(await authApi.isServer('http://h', async () => json(503, { code: 'INTERNAL' }))).toBe(true);
    const html = async () => new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } });
    expect(await authApi.isServer('http://h', html)).toBe(false);
    expect(await authApi.isServer('http://h', () => Promise.reject(new TypeError('offline')))).toBe(false);
  });
});

describe('ApiClient.onUnauthorized', () => {
  it('is told when the server refuses the token, not for other errors or without a token', async () => {
    let told = 0;
    const refusing = new ApiClient('http://h', 'expired', async () => json(401, { code: 'UNAUTHORIZED', message: 'expired' }));
    refusing.onUnauthorized(() => told++);
    await expect(refusing.me()).rejects.toMatchObject({ status: 401 });
    expect(told).toBe(1);
    const forbidding = new ApiClient('http://h', 'ok', async () => json(403, { code: 'FORBIDDEN', message: 'no' }));
    forbidding.onUnauthorized(() => told++);
    await expect(forbidding.me()).rejects.toMatchObject({ status: 403 });
    const anonymous = new ApiClient('http://h', undefined, async () => json(401, { code: 'UNAUTHORIZED', message: 'no' }));
    anonymous.onUnauthorized(() => told++);
    await expect(anonymous.me()).rejects.toMatchObject({ status: 401 });
    expect(told).toBe(1);
  });
});

describe('kept tokens', () => {
  it('keeps a session where takeToken finds it, tells sessions from URL tokens, and forgets both', () => {
    const storage = memoryStorage();
    const history = { replaceState: () => {} };
    keepSession(storage, 'session-1');
    expect(takeToken({ href: 'http://h/' }, history, storage)).toBe('session-1');
    expect(tokenKind(storage)).toBe('session');
    expect(takeToken({ href: 'http://h/?token=api-1' }, history, storage)).toBe('api-1');
    expect(tokenKind(storage)).toBe('api');
    forgetToken(storage);
    expect(takeToken({ href: 'http://h/' }, history, storage)).toBeUndefined();
    expect(tokenKind(storage)).toBe('api');
  });
});
