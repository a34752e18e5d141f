import * as contract from '@causeway/contract';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';

// The server declares no request or answer of its own: each zod schema a route is built with is one
// the contract exports, so the editor (which infers its types from the contract) cannot drift from it.

interface Part {
  route: string;
  part: string;
  schema: unknown;
}

let t: TestApp;
let parts: Part[];

const isZod = (value: unknown) => typeof value === 'object' && value !== null && '_zod' in value;
const contractSchemas = new Set<unknown>(Object.values(contract).filter(isZod));

beforeAll(async () => {
  t = await makeTestApp();
  parts = [];
  for (const definition of t.app.openAPIRegistry.definitions) {
    if (definition.type !== 'route') continue;
    const { method, path, request, responses } = definition.route;
    const route = `${method.toUpperCase()} ${path}`;
    const json = (content: unknown) => (content as Record<string, { schema?: unknown }> | undefined)?.['application/json']?.schema;
    parts.push({ route, part: 'params', schema: request?.params });
    parts.push({ route, part: 'query', schema: request?.query });
    parts.push({ route, part: 'body', schema: json(request?.body?.content) });
    for (const [status, response] of Object.entries(responses)) {
      parts.push({ route, part: `answer ${status}`, schema: json((response as { content?: unknown }).content) });
    }
  }
  parts = parts.filter((p) => isZod(p.schema));
}, 120_000);
afterAll(() => t.close());

describe('the routes and the contract', () => {
  test('every zod schema of every route (params, query, JSON body, JSON answers) is exported by @causeway/contract', () => {
    expect(parts.length).toBeGreaterThan(80);
    const own = parts.filter((p) => !contractSchemas.has(p.schema)).map((p) => `${p.route}: ${p.part}`);
    expect(own).toEqual([]);
  });

  test('every route with a JSON answer is covered', () => {
    const routes = new Set(parts.filter((p) => p.part.startsWith('answer')).map((p) => p.route));
    const some = ['GET /api/graphs/{id}/diff', 'GET /api/auth/me', 'POST /api/auth/sign-in', 'GET /api/schedules/{id}/history'];
    for (const route of [...some, 'GET /api/runs/{id}/outputs/{node}/{port}', 'POST /api/endpoints/{name}/predict']) {
      expect(routes, route).toContain(route);
    }
  });
});
