import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { roleAllows, roles } from '../auth/roles';
import { actionExtension } from '../http/define-route';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';

let t: TestApp;
let routes: Array<{ method: string; path: string; action: string; statuses: string[] }>;

beforeAll(async () => {
  t = await makeTestApp();
  const doc = (await (await t.call('GET', '/api/openapi.json', { token: t.tokens.analyst })).json()) as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  routes = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      routes.push({
        method: method.toUpperCase(),
        path: path.replace(/\{[^}]+\}/g, 'x_1'),
        action: String(operation[actionExtension]),
        statuses: Object.keys(operation.responses as object),
      });
    }
  }
}, 120_000);
afterAll(() => t.close());

describe('route × role matrix, generated from the OpenAPI document', () => {
  test('every route declares an action, and only health and sign-in are public', () => {
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) expect(route.action, `${route.method} ${route.path}`).not.toBe('undefined');
    expect(
      routes
        .filter((r) => r.action === 'public')
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/api/auth/sign-in', '/api/health']);
  });

  test('no token → 401, a role without the action → 403, a role with it → neither; each answer is a declared status', async () => {
    for (const route of routes.filter((r) => r.action !== 'public')) {
      const name = `${route.method} ${route.path}`;
      const body = route.method === 'GET' || route.method === 'HEAD' ? {} : { body: {} };
      const anonymous = await t.call(route.method, route.path, body);
      expect(anonymous.status, name).toBe(401);
      expect(route.statuses, name).toContain('401');
      expect(((await anonymous.json()) as { code: string }).code).toBe('UNAUTHORIZED');
      for (const role of roles) {
        const response = await t.call(route.method, route.path, { token: t.tokens[role], ...body });
        expect(route.statuses, `${name} as ${role}`).toContain(String(response.status));
        if (roleAllows(role, route.action as never)) expect([401, 403], `${name} as ${role}`).not.toContain(response.status);
        else {
          expect(response.status, `${name} as ${role}`).toBe(403);
          expect(((await response.json()) as { code: string }).code).toBe('FORBIDDEN');
        }
      }
    }
  });

  test('a wrong or revoked token is refused on every route', async () => {
    const created = await t.services.tokens.create({ name: 'soon-revoked', role: 'admin', createdBy: null });
    await t.services.tokens.revoke(created.info.id);
    for (const token of [created.token, 'cw_not-a-token', 'garbage token with spaces']) {
      const response = await t.call('GET', '/api/graphs', { token });
      expect(response.status).toBe(401);
    }
  });
});
