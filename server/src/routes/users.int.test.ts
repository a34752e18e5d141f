import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DatabaseTarget } from '../db/connect';
import { RateLimits } from '../http/rate-limits';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';

const password = 'correct horse battery';

describe.each(['pglite', 'postgres'] as const)('users and sign-in on %s', (kind) => {
  let t: TestApp;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    let target: DatabaseTarget | undefined;
    if (kind === 'postgres') {
      const scratch = await scratchPostgresDatabase();
      drop = scratch.drop;
      target = { kind: 'postgres', url: scratch.url };
    }
    t = await makeTestApp(target === undefined ? {} : { target });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  const signIn = (name: string, secret: string) => t.call('POST', '/api/auth/sign-in', { body: { name, password: secret } });

  test('an admin creates a user, who signs in, acts in their role, and signs out', async () => {
    const created = await t.call('POST', '/api/users', { token: t.tokens.admin, body: { name: 'ada', role: 'analyst', password } });
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: string; hasPassword: boolean };
    expect(user.hasPassword).toBe(true);
    expect(JSON.stringify(user)).not.toContain(password);
    const row = await t.handle.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(password);

    const session = await signIn('ada', password);
    expect(session.status).toBe(200);
    const { token, expiresAt, role } = (await session.json()) as { token: string; expiresAt: string; role: string };
    expect(role).toBe('analyst');
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(11 * 3600_000);
    const me = (await (await t.call('GET', '/api/auth/me', { token })).json()) as { name: string; role: string };
    expect(me).toMatchObject({ name: 'ada', role: 'analyst' });
    expect((await t.call('GET', '/api/users', { token })).status).toBe(403);

    const audit = (await (await t.call('GET', '/api/audit', { token: t.tokens.admin })).json()) as {
      items: Array<{ action: string; actor: string }>;
    };
    expect(audit.items.map((e) => e.action)).toEqual(expect.arrayContaining(['user.create', 'auth.sign-in']));

    expect((await t.call('POST', '/api/auth/sign-out', { token })).status).toBe(204);
    expect((await t.call('GET', '/api/auth/me', { token })).status).toBe(401);
    // An API token is not a session: it cannot sign itself out.
    expect((await t.call('POST', '/api/auth/sign-out', { token: t.tokens.analyst })).status).toBe(409);
  });

  test('a wrong password, an unknown name and a disabled user all fail alike, audited', async () => {
    await t.call('POST', '/api/users', { token: t.tokens.admin, body: { name: 'bob', role: 'ops', password } });
    const wrong = await signIn('bob', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { code: string }).code).toBe('SIGN_IN_FAILED');
    const unknown = await signIn('nobody', password);
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { code: string }).code).toBe('SIGN_IN_FAILED');
    const audit = (await (await t.call('GET', '/api/audit', { token: t.tokens.admin })).json()) as {
      items: Array<{ action: string; actor: string }>;
    };
    expect(audit.items.filter((e) => e.action === 'auth.sign-in-failed').map((e) => e.actor)).toEqual(
      expect.arrayContaining(['bob', 'nobody']),
    );
    expect(JSON.stringify(audit)).not.toContain('not the password at all');
  });

  test('disabling a user or changing their role ends their sessions at once', async () => {
    const created = (await (
      await t.call('POST', '/api/users', { token: t.tokens.admin, body: { name: 'cy', role: 'ops', password } })
    ).json()) as {
      id: string;
    };
    const { token } = (await (await signIn('cy', password)).json()) as { token: string };
    expect((await t.call('GET', '/api/secrets', { token })).status).toBe(200);

    const demoted = await t.call('PATCH', `/api/users/${created.id}`, { token: t.tokens.admin, body: { role: 'analyst' } });
    expect(demoted.status).toBe(200);
    expect((await t.call('GET', '/api/auth/me', { token })).status).toBe(401);
    const again = (await (await signIn('cy', password)).json()) as { token: string; role: string };
    expect(again.role).toBe('analyst');
    expect((await t.call('GET', '/api/secrets', { token: again.token })).status).toBe(403);

    expect((await t.call('PATCH', `/api/users/${created.id}`, { token: t.tokens.admin, body: { disabled: true } })).status).toBe(200);
    expect((await t.call('GET', '/api/auth/me', { token: again.token })).status).toBe(401);
    expect((await signIn('cy', password)).status).toBe(401);
    expect((await t.call('PATCH', `/api/users/${created.id}`, { token: t.tokens.admin, body: { disabled: false } })).status).toBe(200);
    expect((await signIn('cy', password)).status).toBe(200);
  });

  test('bad bodies name the field; duplicate names conflict', async () => {
    const short = await t.call('POST', '/api/users', { token: t.tokens.admin, body: { name: 'dee', role: 'analyst', password: 'short' } });
    expect(short.status).toBe(400);
    expect(JSON.stringify(await short.json())).toContain('password');
    const badRole = await t.call('POST', '/api/users', { token: t.tokens.admin, body: { name: 'dee', role: 'root', password } });
    expect(badRole.status).toBe(400);
    expect((await t.call('POST', '/api/users', { token: t.tokens.admin, body: { name: 'dee', role: 'analyst', password } })).status).toBe(
      201,
    );
    expect((await t.call('POST', '/api/users', { token: t.tokens.admin, body: { name: 'dee', role: 'ops', password } })).status).toBe(409);
    const empty = await t.call('PATCH', '/api/users/00000000-0000-4000-8000-000000000000', { token: t.tokens.admin, body: {} });
    expect(empty.status).toBe(400);
    const missing = await t.call('PATCH', '/api/users/00000000-0000-4000-8000-000000000000', {
      token: t.tokens.admin,
      body: { disabled: true },
    });
    expect(missing.status).toBe(404);
  });
});

test('the sign-in route answers 429 with Retry-After once a name is throttled', async () => {
  const t = await makeTestApp();
  try {
    for (let i = 0; i < 10; i++) await t.call('POST', '/api/auth/sign-in', { body: { name: 'mallory', password: `guess-${i}` } });
    const refused = await t.call('POST', '/api/auth/sign-in', { body: { name: 'mallory', password: 'guess-x' } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { code: string }).code).toBe('SIGN_IN_THROTTLED');
  } finally {
    await t.close();
  }
}, 120_000);

test('failed sign-ins from one client address are throttled across names; another address is not', async () => {
  // The per-address request rate (30 a minute) would answer RATE_LIMITED first; this is about failures.
  const t = await makeTestApp({ rateLimits: RateLimits.fromEnv({ CAUSEWAY_RATE_SIGN_IN_PER_IP: '0' }) });
  const from = (address: string, name: string) =>
    t.app.request(
      '/api/auth/sign-in',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: 'guess' }) },
      { incoming: { socket: { remoteAddress: address } } },
    );
  try {
    for (let i = 0; i < 50; i++) expect((await from('203.0.113.7', `name-${i}`)).status).toBe(401);
    const refused = await from('203.0.113.7', 'someone-new');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { code: string }).code).toBe('SIGN_IN_THROTTLED');
    expect((await from('198.51.100.1', 'someone-new')).status).toBe(401);
  } finally {
    await t.close();
  }
}, 120_000);
